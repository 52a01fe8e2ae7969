import Catalog
import Foundation
import StorageTestSupport
import Store
import Testing

/// Films, users, keys and settings behave the same on every engine.
@Suite struct CatalogContractTests {
    @Test(arguments: StorageBackend.allCases)
    func filmsRoundTripWithAllRelations(_ backend: StorageBackend) async throws {
        try await withStorage(backend) { (storage: any StorageEngine) async throws in
            var original = Records.film("fargo-1996", "Fargo", year: 1996, genres: [.crime, .drama, .thriller], ml: 100)
            original.directors = ["Joel Coen", "Ethan Coen"]
            original.cast = [CastCredit(person: "Frances McDormand", character: "Marge Gunderson"), CastCredit(person: "William H. Macy", character: "Jerry")]
            original.audience = .adult
            try await storage.films.upsert([original], source: "test")
            #expect(try await storage.films.film(id: "fargo-1996") == original)
            original.keywords = ["snow"]
            original.genres = [.crime]
            try await storage.films.upsert([original], source: "test")
            #expect(try await storage.films.film(id: "fargo-1996") == original)
            #expect(try await storage.films.films(ids: ["nope", "fargo-1996", "fargo-1996"]).map(\.id) == ["fargo-1996"])
            #expect(try await storage.films.existingIds(["fargo-1996", "nope"]) == ["fargo-1996"])
            #expect(try await storage.films.titles().map(\.title) == ["Fargo"])
            let index = try await storage.films.matchIndex()
            #expect(index.byMovieLens100K[100] == "fargo-1996")
        }
    }

    @Test(arguments: StorageBackend.allCases)
    func searchPagesFiltersAndRanksExactTitlesFirst(_ backend: StorageBackend) async throws {
        try await withStorage(backend) { (storage: any StorageEngine) async throws in
            try await storage.films.upsert([
                Records.film("matrix-reloaded", "The Matrix Reloaded", year: 2003, genres: [.action, .sciFi]),
                Records.film("matrix", "The Matrix", year: 1999, genres: [.action, .sciFi]),
                Records.film("amelie", "Amélie", year: 2001, genres: [.comedy, .romance]),
                Records.film("percent", "100% Wolf", year: 2020, genres: [.animation]),
            ], source: "test")
            let matrix = try await storage.films.search(FilmQuery(text: "the matrix"))
            #expect(matrix.items.map(\.id) == ["matrix", "matrix-reloaded"])
            #expect(matrix.total == 2)
            #expect(try await storage.films.search(FilmQuery(text: "AMELIE")).items.map(\.id) == ["amelie"])
            #expect(try await storage.films.search(FilmQuery(text: "%")).items.map(\.id) == ["percent"])
            #expect(try await storage.films.search(FilmQuery(text: "_")).total == 0)
            #expect(try await storage.films.search(FilmQuery(genre: .sciFi, yearFrom: 2000)).items.map(\.id) == ["matrix-reloaded"])
            let page2 = try await storage.films.search(FilmQuery(page: 2, pageSize: 3))
            #expect(page2.items.count == 1)
            #expect(page2.total == 4)
            #expect(try await storage.films.search(FilmQuery()).items.map(\.id) == ["percent", "amelie", "matrix", "matrix-reloaded"])
            #expect(try await storage.films.search(FilmQuery(text: "x'; DROP TABLE films; --")).total == 0)
            #expect(try await storage.films.count() == 4)
        }
    }

    @Test(arguments: StorageBackend.allCases)
    func usersUpsertInsertMissingAndKeepTheirFields(_ backend: StorageBackend) async throws {
        try await withStorage(backend) { (storage: any StorageEngine) async throws in
            let ada = UserProfile(
                id: "ada", displayName: "Ada", audience: .adult, depth: .scholar, language: "fr", pace: .slow, accessibility: [.stepFree, .captions],
                likedGenres: [.drama, .sciFi], dislikedGenres: [.horror])
            try await storage.users.upsert([ada], now: Records.at)
            #expect(try await storage.users.user(id: "ada") == ada)
            #expect(try await storage.users.insertMissing([ada, UserProfile(id: "ben", displayName: "Ben")], now: Records.at) == 1)
            #expect(try await storage.users.all().map(\.id) == ["ada", "ben"])
            #expect(try await storage.users.existingIds(["ada", "zed"]) == ["ada"])
            #expect(try await storage.users.count() == 2)
        }
    }

    @Test(arguments: StorageBackend.allCases)
    func keysAndMetaSettings(_ backend: StorageBackend) async throws {
        try await withStorage(backend) { (storage: any StorageEngine) async throws in
            let key = StoredAPIKey(id: "abc123def456", name: "ci", scope: "admin", secretHash: Data(repeating: 9, count: 32), createdAt: Records.at)
            try await storage.apiKeys.insert(key)
            #expect(try await storage.apiKeys.key(id: "abc123def456") == key)
            await #expect(throws: StoreError.self) { try await storage.apiKeys.insert(key) }
            #expect(try await storage.apiKeys.revoke(id: "abc123def456", now: Records.at))
            #expect(try await !storage.apiKeys.revoke(id: "abc123def456", now: Records.at))
            #expect(try await storage.apiKeys.all().first?.isRevoked == true)
            #expect(try await storage.meta.value("x") == nil)
            try await storage.meta.set("x", "1")
            try await storage.meta.set("x", "2")
            #expect(try await storage.meta.value("x") == "2")
        }
    }

    @Test(arguments: StorageBackend.allCases)
    func contentDigestChangesWithAnyWriteAndOnlyThen(_ backend: StorageBackend) async throws {
        try await withStorage(backend) { (storage: any StorageEngine) async throws in
            try await Records.seed(storage)
            let before = try await storage.contentDigest()
            #expect(try await storage.contentDigest() == before)
            try await storage.meta.set("y", "1")
            #expect(try await storage.contentDigest() != before)
        }
    }
}
