import Catalog
import Foundation
import GRDB
import Store
import TestSupport
import Testing

/// The store against real temporary SQLite files.
@Suite struct StoreTests {
    let directory = TemporaryDirectory()

    func film(_ id: String, _ title: String, year: Int, genres: [Genre], ml: Int? = nil) -> Film {
        Film(
            id: id, title: title, year: year, genres: genres, directors: ["Director \(id)"],
            cast: [CastCredit(person: "Actor \(id)", character: "Hero")], characters: [Character(name: "Hero", description: "The lead.", traits: ["brave"])],
            synopsis: "About \(title).", settings: ["a city", "a field"], keywords: ["k1", "k2"], moods: ["calm"],
            externalIds: ExternalIDs(movieLens100K: ml))
    }

    @Test func freshFileGetsEveryMigrationAndWAL() async throws {
        let store = try Store(path: directory.path("fresh.sqlite"))
        let applied = try await store.pool.read { db in try Schema.migrator.appliedMigrations(db) }
        #expect(applied == Schema.migrationIdentifiers)
        let mode = try await store.pool.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
        #expect(mode == "wal")
        let tables = try await store.pool.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'grdb_%' ORDER BY name")
        }
        #expect(tables == ["api_keys", "artifacts", "credits", "feedback_events", "film_genres", "film_keywords", "films", "meta", "museums", "people", "tours", "users"])
    }

    /// A database created by the first migration set (and holding data) upgrades in place.
    @Test func fileFromThePreviousMigrationSetUpgradesKeepingData() async throws {
        let path = directory.path("old.sqlite")
        do {
            let old = try DatabasePool(path: path)
            try Schema.migrator.migrate(old, upTo: "v1-catalog")  // the first migration set
            try await old.write { db in
                try db.execute(sql: "INSERT INTO films (id, title, search_title, year, source) VALUES ('old-1990', 'Old Film', 'old film', 1990, 'test')")
                try db.execute(sql: """
                    INSERT INTO users (id, display_name, audience, depth, language, pace, created_at)
                    VALUES ('u1', 'U', 'adult', 'casual', 'en', 'average', 0)
                    """)
                try db.execute(sql: """
                    INSERT INTO feedback_events (user_id, film_id, kind, value, occurred_at, idempotency_key, received_at)
                    VALUES ('u1', 'old-1990', 'rating', 4, 0, 'k', 0)
                    """)
            }
            let applied = try await old.read { db in try Schema.migrator.appliedMigrations(db) }
            #expect(applied == ["v1-catalog"])
        }
        let store = try Store(path: path)
        let applied = try await store.pool.read { db in try Schema.migrator.appliedMigrations(db) }
        #expect(applied == Schema.migrationIdentifiers)
        #expect(try await store.films.film(id: "old-1990")?.title == "Old Film")
        #expect(try await store.events.events(userId: "u1").count == 1)
        #expect(try await store.artifacts.put(Artifact(id: "a1", kind: "test", contentType: "text/plain", bytes: Data("x".utf8))))
    }

    @Test func filmsRoundTripWithAllRelations() async throws {
        let store = try Store(path: directory.path("films.sqlite"))
        var original = film("fargo-1996", "Fargo", year: 1996, genres: [.crime, .drama, .thriller], ml: 100)
        original.directors = ["Joel Coen"]
        original.cast = [CastCredit(person: "Frances McDormand", character: "Marge Gunderson"), CastCredit(person: "William H. Macy", character: "Jerry")]
        try await store.films.upsert([original], source: "test")
        #expect(try await store.films.film(id: "fargo-1996") == original)
        original.keywords = ["snow"]
        original.genres = [.crime]
        try await store.films.upsert([original], source: "test")
        #expect(try await store.films.film(id: "fargo-1996") == original)
        #expect(try await store.films.films(ids: ["nope", "fargo-1996"]).map(\.id) == ["fargo-1996"])
    }

    @Test func searchPagesFiltersAndRanksExactTitlesFirst() async throws {
        let store = try Store(path: directory.path("search.sqlite"))
        try await store.films.upsert([
            film("matrix-reloaded", "The Matrix Reloaded", year: 2003, genres: [.action, .sciFi]),
            film("matrix", "The Matrix", year: 1999, genres: [.action, .sciFi]),
            film("amelie", "Amélie", year: 2001, genres: [.comedy, .romance]),
            film("percent", "100% Wolf", year: 2020, genres: [.animation]),
        ], source: "test")
        let matrix = try await store.films.search(FilmQuery(text: "the matrix"))
        #expect(matrix.items.map(\.id) == ["matrix", "matrix-reloaded"])
        #expect(matrix.total == 2)
        #expect(try await store.films.search(FilmQuery(text: "AMELIE")).items.map(\.id) == ["amelie"])
        #expect(try await store.films.search(FilmQuery(text: "%")).items.map(\.id) == ["percent"])
        #expect(try await store.films.search(FilmQuery(text: "_")).total == 0)
        #expect(try await store.films.search(FilmQuery(genre: .sciFi, yearFrom: 2000)).items.map(\.id) == ["matrix-reloaded"])
        let page2 = try await store.films.search(FilmQuery(page: 2, pageSize: 3))
        #expect(page2.items.count == 1)
        #expect(page2.total == 4)
        #expect(try await store.films.search(FilmQuery(text: "x'; DROP TABLE films; --")).total == 0)
        #expect(try await store.films.count() == 4)
    }

    @Test func toursKeepEveryVersionAndMuseumsRefuseADifferentPlan() async throws {
        let store = try Store(path: directory.path("tours.sqlite"))
        #expect(try await store.museums.put(id: "m", name: "M", plan: Data("{\"a\":1}".utf8), source: "api"))
        #expect(try await store.museums.put(id: "m", name: "M", plan: Data("{\"a\":1}".utf8), source: "api") == false)
        await #expect(throws: StoreError.self) { try await store.museums.put(id: "m", name: "M", plan: Data("{\"a\":2}".utf8), source: "api") }
        try await store.tours.add(id: "t", version: 1, museumId: "m", origin: "planner", body: Data("one".utf8))
        try await store.tours.add(id: "t", version: 2, museumId: "m", origin: "edit", body: Data("two".utf8))
        await #expect(throws: StoreError.self) { try await store.tours.add(id: "t", version: 2, museumId: "m", origin: "edit", body: Data("again".utf8)) }
        await #expect(throws: StoreError.self) { try await store.tours.add(id: "u", version: 2, museumId: "m", origin: "edit", body: Data("skip".utf8)) }
        #expect(try await store.tours.tour(id: "t")?.body == Data("two".utf8))
        #expect(try await store.tours.tour(id: "t", version: 1)?.body == Data("one".utf8))
        #expect(try await store.tours.versions(id: "t").map(\.origin) == ["planner", "edit"])
        #expect(try await store.tours.tour(id: "nope") == nil)
    }

    @Test func eventsAreIdempotentPerUserAndKey() async throws {
        let store = try Store(path: directory.path("events.sqlite"))
        try await store.films.upsert([film("f1", "F1", year: 2000, genres: [.drama])], source: "test")
        try await store.users.upsert([UserProfile(id: "u1", displayName: "U1"), UserProfile(id: "u2", displayName: "U2")])
        let at = Date(timeIntervalSince1970: 1_000)
        let batch = [
            FeedbackEvent(userId: "u1", filmId: "f1", kind: .rating, value: 4, timestamp: at, idempotencyKey: "a"),
            FeedbackEvent(userId: "u1", filmId: "f1", kind: .dwell, value: 30, timestamp: at, idempotencyKey: "b"),
            FeedbackEvent(userId: "u2", filmId: "f1", kind: .rating, value: 2, timestamp: at, idempotencyKey: "a"),
        ]
        #expect(try await store.events.insert(batch) == 3)
        #expect(try await store.events.insert(batch) == 0)
        #expect(try await store.events.events(userId: "u1").map(\.idempotencyKey) == ["a", "b"])
        // An event for an unknown film fails the whole batch and writes nothing.
        let bad = [FeedbackEvent(userId: "u1", filmId: "f1", kind: .like, value: 1, timestamp: at, idempotencyKey: "c"),
                   FeedbackEvent(userId: "u1", filmId: "missing", kind: .like, value: 1, timestamp: at, idempotencyKey: "d")]
        await #expect(throws: (any Error).self) { try await store.events.insert(bad) }
        #expect(try await store.events.count() == 3)
        // Deleting a user removes their events.
        #expect(try await store.users.delete(id: "u1"))
        #expect(try await store.events.count() == 1)
    }

    @Test func artifactsAreImmutable() async throws {
        let store = try Store(path: directory.path("artifacts.sqlite"))
        let first = Artifact(id: "abc", kind: "scene.json", contentType: "application/json", bytes: Data("{}".utf8), createdAt: Date(timeIntervalSince1970: 5))
        #expect(try await store.artifacts.put(first))
        #expect(try await !store.artifacts.put(Artifact(id: "abc", kind: "scene.json", contentType: "application/json", bytes: Data("changed".utf8))))
        #expect(try await store.artifacts.artifact(id: "abc") == first)
        #expect(try await store.artifacts.artifact(id: "zzz") == nil)
    }

    @Test func unopenablePathIsAClearError() throws {
        let error = try #require(throws: StoreError.self) { try Store(path: "/proc/no/such/dir/db.sqlite") }
        #expect(error.code == .unavailable)
        #expect(error.message.contains("/proc/no/such/dir/db.sqlite"))
    }
}
