import Determinism
import Catalog
import Foundation
import Recommender
import ServiceLifecycle
import Store
import StorageTestSupport
import Studio
import TestSupport
import Testing

/// Feedback weights, fold-in, cold start, refits and explanations through the Studio API.
@Suite struct RecommendationTests {
    let directory = TemporaryDirectory()

    func studio(refitAfter: Int = 200) async throws -> Studio {
        let studio = try TestStudio.sqlite(in: directory, configuration: StudioConfiguration(recommender: .init(refitAfterEvents: refitAfter)))
        try await studio.seedIfEmpty()
        return studio
    }

    /// Synthetic visitors with group tastes over the sample catalog, so a model has something to learn.
    func addCrowd(to studio: Studio, users: Int = 120) async throws {
        let films = try await studio.storage.films.all()
        let westerns = films.filter { $0.genres.contains(.western) }.map(\.id)
        let musicals = films.filter { $0.genres.contains(.musical) }.map(\.id)
        var random = SeededRandom(seed: 11)
        var profiles: [UserProfile] = []
        var events: [FeedbackEvent] = []
        for index in 0..<users {
            let id = "crowd-\(index)"
            profiles.append(UserProfile(id: id, displayName: id))
            let pool = index % 2 == 0 ? westerns : musicals
            for film in pool where random.nextUnitFloat() < 0.7 {
                events.append(FeedbackEvent(userId: id, filmId: film, kind: .rating, value: 5, timestamp: Date(timeIntervalSince1970: 1_000), idempotencyKey: "crowd:\(film)"))
            }
        }
        _ = try await studio.imports.importBatch(ImportBatch(source: .jsonCatalog, users: profiles, events: events))
    }

    @Test func feedbackWeightsFollowTheDocumentedTable() {
        let t = Date(timeIntervalSince1970: 10)
        func event(_ kind: FeedbackKind, _ value: Double, _ film: String = "f", at: Date = Date(timeIntervalSince1970: 10), key: String = UUID().uuidString) -> FeedbackEvent {
            FeedbackEvent(userId: "u", filmId: film, kind: kind, value: value, timestamp: at, idempotencyKey: key)
        }
        #expect(FeedbackWeights.contribution(event(.rating, 5)) == 2)
        #expect(abs(FeedbackWeights.contribution(event(.rating, 4)) - 1.2) < 1e-6)
        #expect(FeedbackWeights.contribution(event(.rating, 2)) == -1)
        #expect(FeedbackWeights.contribution(event(.dwell, 5)) == 0)
        #expect(FeedbackWeights.contribution(event(.dwell, 300)) == 1)
        #expect(FeedbackWeights.contribution(event(.like, 1)) == 2)
        // Only the latest rating counts; hotspots cap at 1; the sum caps at 3.
        let weights = FeedbackWeights.weights([
            event(.rating, 5, "a", at: t), event(.rating, 1, "a", at: Date(timeIntervalSince1970: 20)),
            event(.hotspot, 3, "b"), event(.hotspot, 4, "b"),
            event(.like, 1, "c"), event(.rating, 5, "c"), event(.view, 1, "c"),
        ])
        #expect(weights["a"] == -1)
        #expect(weights["b"] == 1)
        #expect(weights["c"] == 3)
    }

    @Test func coldStartFollowsLikedGenresAndChildrenGetOnlyChildrensFilms() async throws {
        let studio = try await studio()
        let emma = try await studio.recommendations.recommendations(userId: "emma", k: 10, explain: true)
        #expect(emma.coldStart)
        let films = Dictionary(uniqueKeysWithValues: try await studio.storage.films.all().map { ($0.id, $0) })
        for item in emma.items {
            let film = try #require(films[item.filmId])
            #expect(!ContentAdvisory.isUnsuitable(film, for: .child), "\(film.title) offered to a child")
        }
        #expect(emma.items.first.map { films[$0.filmId]!.genres.contains(.animation) } == true)
        #expect(emma.items.first?.explanation?.basis == "content")
        #expect(emma.items.first?.explanation?.likedGenres.isEmpty == false)
        // A film no one has rated still gets a content score for an adult who likes its genre.
        let grace = try await studio.recommendations.recommendations(userId: "grace", k: 5, explain: false)
        #expect(grace.items.allSatisfy { films[$0.filmId]!.genres.contains { [.war, .western, .documentary].contains($0) } })
    }

    @Test func foldInReflectsNewEventsAtOnceAndExplanationsNameThem() async throws {
        let studio = try await studio()
        try await addCrowd(to: studio)
        try await studio.recommendations.refit()
        _ = try await studio.users.createUser(UserProfile(id: "newcomer", displayName: "New"))
        let before = try await studio.recommendations.recommendations(userId: "newcomer", k: 5, explain: true)
        let rated = ["high-noon-1952", "unforgiven-1992", "dances-with-wolves-1990"]
        let receipt = try await studio.recommendations.recordEvents(userId: "newcomer", rated.enumerated().map { index, film in
            FeedbackInput(filmId: film, kind: .rating, value: 5, idempotencyKey: "k\(index)")
        })
        #expect(receipt.accepted == 3)
        let after = try await studio.recommendations.recommendations(userId: "newcomer", k: 5, explain: true)
        #expect(after.items.map(\.filmId) != before.items.map(\.filmId))
        #expect(after.evidence == 3)
        #expect(after.algorithm == "ease")
        let films = Dictionary(uniqueKeysWithValues: try await studio.storage.films.all().map { ($0.id, $0) })
        #expect(films[after.items[0].filmId]!.genres.contains(.western))
        #expect(after.items.allSatisfy { !rated.contains($0.filmId) })
        let named = Set(after.items.flatMap { $0.explanation?.because.map(\.filmId) ?? [] })
        #expect(!named.isEmpty && named.isSubset(of: Set(rated)))
    }

    @Test func invalidBatchesWriteNothingAndReplaysChangeNothing() async throws {
        let studio = try await studio()
        let good = [FeedbackInput(filmId: "fargo-1996", kind: .rating, value: 4, idempotencyKey: "a"), FeedbackInput(filmId: "babe-1995", kind: .like, idempotencyKey: "b")]
        #expect(try await studio.recommendations.recordEvents(userId: "ada", good).accepted == 2)
        let replay = try await studio.recommendations.recordEvents(userId: "ada", good)
        #expect(replay.accepted == 0 && replay.duplicates == 2)
        let bad = [FeedbackInput(filmId: "fargo-1996", kind: .rating, value: 7, idempotencyKey: "c"),
                   FeedbackInput(filmId: "no-such-film", kind: .view, idempotencyKey: "d"),
                   FeedbackInput(filmId: "babe-1995", kind: .dwell, idempotencyKey: "e")]
        let error = try await #require(throws: StudioError.self) { try await studio.recommendations.recordEvents(userId: "ada", bad) }
        #expect(error.code == .invalidInput)
        #expect(Set(error.problems.map(\.field)) == ["events[0].value", "events[1].filmId", "events[2].value"])
        #expect(try await studio.storage.events.count() == 2)
        await #expect(throws: StudioError.self) { try await studio.recommendations.recordEvents(userId: "nobody", good) }
    }

    /// The refit service (running as it does beside the server) refits once enough events
    /// arrived since the last published model.
    @Test func refitStartsAfterTheConfiguredNumberOfEvents() async throws {
        let studio = try await studio(refitAfter: 3)
        try await addCrowd(to: studio, users: 20)
        try await studio.recommendations.refit()
        let service = Task { for service in studio.services { try await service.run() } }
        defer { service.cancel() }
        let first = try await studio.recommendations.recordEvents(userId: "ben", [FeedbackInput(filmId: "alien-1979", kind: .like, idempotencyKey: "1"), FeedbackInput(filmId: "heat-1995", kind: .like, idempotencyKey: "2")])
        #expect(!first.refitStarted)
        let second = try await studio.recommendations.recordEvents(userId: "ben", [FeedbackInput(filmId: "die-hard-1988", kind: .like, idempotencyKey: "3")])
        #expect(second.refitStarted)
        for _ in 0..<500 where await studio.recommendations.currentSnapshot()?.contains(user: "ben") != true { try await Task.sleep(for: .milliseconds(20)) }
        let snapshot = try #require(await studio.recommendations.currentSnapshot())
        #expect(snapshot.contains(user: "ben"))
    }

    /// Recommendations keep being served, without errors, while refits run.
    @Test func recommendationsAreServedWhileRefitsRun() async throws {
        let studio = try await studio()
        try await addCrowd(to: studio, users: 300)
        try await studio.recommendations.refit()
        let firstVersion = try #require(await studio.recommendations.currentSnapshot()?.version)
        let versions = try await withThrowingTaskGroup(of: [Int].self) { group in
            group.addTask {
                for _ in 0..<3 { try await studio.recommendations.refit() }
                return []
            }
            for worker in 0..<4 {
                group.addTask {
                    var seen: [Int] = []
                    for request in 0..<40 {
                        let user = "crowd-\((worker * 40 + request) % 300)"
                        let list = try await studio.recommendations.recommendations(userId: user, k: 10, explain: request % 5 == 0)
                        #expect(list.items.count == 10)
                        seen.append(list.modelVersion ?? -1)
                    }
                    return seen
                }
            }
            var all: [Int] = []
            for try await part in group { all += part }
            return all
        }
        #expect(versions.count == 160)
        #expect(versions.allSatisfy { $0 >= firstVersion })
        #expect(try #require(await studio.recommendations.currentSnapshot()?.version) == firstVersion + 3)
    }

    @Test(.enabled(if: TestPaths.ml100k != nil || CIRequirement.isCI, "needs ../shared/data/ml-100k"))
    func movieLensUsersGetCollaborativeRecommendations() async throws {
        let studio = try await studio()
        _ = try await studio.imports.importCatalog(at: (try #require(TestPaths.ml100k)).path)
        let model = try #require(try await studio.recommendations.refit())
        #expect(model.users.count == 943)
        let list = try await studio.recommendations.recommendations(userId: "ml100k-1", k: 10, explain: true)
        #expect(list.evidence > 100 && !list.coldStart)
        #expect(list.items.allSatisfy { $0.explanation?.basis == "collaborative" })
        let own = Set(try await studio.storage.events.events(userId: "ml100k-1").map(\.filmId))
        #expect(list.items.allSatisfy { !own.contains($0.filmId) })
        #expect(list.items.allSatisfy { ($0.explanation?.because ?? []).allSatisfy { own.contains($0.filmId) } })
    }
}
