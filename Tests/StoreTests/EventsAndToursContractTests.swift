import Catalog
import Foundation
import StorageTestSupport
import Store
import Testing

/// Feedback batches, tours and erasure behave the same on every engine.
@Suite struct EventsAndToursContractTests {
    @Test(arguments: StorageBackend.allCases)
    func concurrentBatchesKeepTheirOwnAllOrNothingAndCountReplaysOnce(_ backend: StorageBackend) async throws {
        try await withStorage(backend) { (storage: any StorageEngine) async throws in
            try await Records.seed(storage)
            // Posted at once (PostgreSQL may commit them as one statement): the bad batch alone fails.
            let results = await withTaskGroup(of: (Int, Result<Int, any Error>).self) { group in
                for index in 0..<12 {
                    group.addTask {
                        let film = index == 5 ? "no-such-film" : (index % 2 == 0 ? "f1" : "f2")
                        let batch = [Records.event("u\(index % 2 + 1)", film, "c\(index)"), Records.event("u\(index % 2 + 1)", "f1", "shared-\(index % 2)")]
                        do { return (index, .success(try await storage.events.insert(batch, receivedAt: Records.at))) } catch { return (index, .failure(error)) }
                    }
                }
                return await group.reduce(into: [Int: Result<Int, any Error>]()) { $0[$1.0] = $1.1 }
            }
            for (index, result) in results {
                switch result {
                case .success: #expect(index != 5, "the batch with an unknown film was stored")
                case .failure(let error): #expect(index == 5 && (error as? StoreError)?.code == .constraint, "batch \(index): \(error)")
                }
            }
            // 11 good batches: 11 own keys, and each user's shared key counted exactly once.
            let credited = results.values.compactMap { try? $0.get() }.reduce(0, +)
            #expect(credited == 13)
            #expect(try await storage.events.count() == 13)
            #expect(try await storage.events.events(userId: "u2").contains { $0.idempotencyKey == "c5" } == false)
        }
    }

    @Test(arguments: StorageBackend.allCases)
    func eventBatchesAreAllOrNothingAndReplaysChangeNothing(_ backend: StorageBackend) async throws {
        try await withStorage(backend) { (storage: any StorageEngine) async throws in
            try await Records.seed(storage)
            let batch = [Records.event("u1", "f1", "a"), Records.event("u1", "f2", "b", kind: .dwell, value: 30), Records.event("u2", "f1", "a", value: 2)]
            #expect(try await storage.events.insert(batch, receivedAt: Records.at) == 3)
            #expect(try await storage.events.insert(batch, receivedAt: Records.at) == 0)
            #expect(try await storage.events.events(userId: "u1").map(\.idempotencyKey) == ["a", "b"])
            #expect(try await storage.events.events(userId: "u1") == Array(batch.prefix(2)))
            // One event for an unknown film fails the whole batch: nothing is written.
            let bad = [Records.event("u1", "f1", "c"), Records.event("u1", "missing", "d")]
            let error = await #expect(throws: StoreError.self) { try await storage.events.insert(bad, receivedAt: Records.at) }
            #expect(error?.code == .constraint)
            #expect(try await storage.events.count() == 3)
            #expect(try await storage.events.all().map(\.idempotencyKey) == ["a", "b", "a"])
        }
    }

    @Test(arguments: StorageBackend.allCases)
    func toursKeepEveryVersionAndMuseumsRefuseADifferentPlan(_ backend: StorageBackend) async throws {
        try await withStorage(backend) { (storage: any StorageEngine) async throws in
            let plan = StoredMuseum(id: "m", name: "M", plan: Data(#"{"a":1}"#.utf8), source: "api")
            #expect(try await storage.museums.put(plan, now: Records.at))
            #expect(try await !storage.museums.put(plan, now: Records.at))
            var other = plan
            other.plan = Data(#"{"a":2}"#.utf8)
            await #expect(throws: StoreError.self) { try await storage.museums.put(other, now: Records.at) }
            #expect(try await storage.museums.all().map(\.id) == ["m"])
            try await storage.tours.add(StoredTour(id: "t", version: 1, museumId: "m", origin: "planner", body: Data("one".utf8)))
            try await storage.tours.add(StoredTour(id: "t", version: 2, museumId: "m", origin: "edit", body: Data("two".utf8)))
            await #expect(throws: StoreError.self) { try await storage.tours.add(StoredTour(id: "t", version: 2, museumId: "m", origin: "edit", body: Data("x".utf8))) }
            await #expect(throws: StoreError.self) { try await storage.tours.add(StoredTour(id: "u", version: 2, museumId: "m", origin: "edit", body: Data("x".utf8))) }
            #expect(try await storage.tours.tour(id: "t", version: nil)?.body == Data("two".utf8))
            #expect(try await storage.tours.tour(id: "t", version: 1)?.body == Data("one".utf8))
            #expect(try await storage.tours.versions(id: "t").map(\.origin) == ["planner", "edit"])
            #expect(try await storage.tours.tour(id: "nope", version: nil) == nil)
        }
    }

    /// Two authors edit the same base version at once: exactly one wins, the other is told.
    @Test(arguments: StorageBackend.allCases)
    func concurrentEditsOfOneVersionHaveExactlyOneWinner(_ backend: StorageBackend) async throws {
        try await withStorage(backend) { (storage: any StorageEngine) async throws in
            _ = try await storage.museums.put(StoredMuseum(id: "m", name: "M", plan: Data("{}".utf8), source: "api"), now: Records.at)
            try await storage.tours.add(StoredTour(id: "t", version: 1, museumId: "m", origin: "planner", body: Data("one".utf8)))
            let second = try await TestStorage.reopen(storage)
            for round in 2...6 {
                async let a: Bool = (try? await storage.tours.add(StoredTour(id: "t", version: round, museumId: "m", origin: "edit", body: Data("a\(round)".utf8)))) != nil
                async let b: Bool = (try? await second.tours.add(StoredTour(id: "t", version: round, museumId: "m", origin: "edit", body: Data("b\(round)".utf8)))) != nil
                let (first, other) = await (a, b)
                #expect(first != other, "round \(round): exactly one edit of version \(round - 1) is saved")
            }
            #expect(try await storage.tours.versions(id: "t").map(\.version) == [1, 2, 3, 4, 5, 6])
            await second.close()
        }
    }

    @Test(arguments: StorageBackend.allCases)
    func eraseRemovesEverythingOfTheUserAndAdvancesTheEpoch(_ backend: StorageBackend) async throws {
        try await withStorage(backend) { (storage: any StorageEngine) async throws in
            try await Records.seed(storage)
            _ = try await storage.events.insert([Records.event("u1", "f1", "a"), Records.event("u2", "f1", "a")], receivedAt: Records.at)
            _ = try await storage.museums.put(StoredMuseum(id: "m", name: "M", plan: Data("{}".utf8), source: "api"), now: Records.at)
            try await storage.tours.add(StoredTour(id: "t", version: 1, museumId: "m", userId: "u1", origin: "planner", body: Data("x".utf8)))
            _ = try await storage.artifacts.put(Records.recipe("r1", user: "u1"), artifacts: [Records.artifact("r1", recipe: "r1", bytes: 10, user: "u1")])
            _ = try await storage.artifacts.put(Records.recipe("r2"), artifacts: [Records.artifact("r2", recipe: "r2", bytes: 10)])
            #expect(try await storage.models.erasureEpoch() == 0)
            let erased = try #require(try await storage.users.erase(id: "u1"))
            #expect(erased == UserErasure(events: 1, tourVersions: 1, artifacts: 1, epoch: 1))
            #expect(try await storage.users.user(id: "u1") == nil)
            #expect(try await storage.events.events(userId: "u1").isEmpty)
            #expect(try await storage.tours.tours(userId: "u1").isEmpty)
            #expect(try await storage.artifacts.owned(by: "u1").isEmpty)
            #expect(try await storage.artifacts.recipe(id: "r1") == nil)
            #expect(try await storage.artifacts.artifact(id: "r2") != nil)
            #expect(try await storage.users.erase(id: "u1") == nil)
            // A user without events leaves the epoch where it is: no model ever held them.
            try await storage.users.upsert([UserProfile(id: "u3", displayName: "U3")], now: Records.at)
            #expect(try await storage.users.erase(id: "u3")?.epoch == 1)
            // A tour or artifact written for a user who is gone is refused, not resurrected.
            await #expect(throws: StoreError.self) {
                try await storage.tours.add(StoredTour(id: "t2", version: 1, museumId: "m", userId: "u1", origin: "planner", body: Data("x".utf8)))
            }
            let put4 = try await storage.artifacts.put(Records.recipe("r3", user: "u1"), artifacts: [Records.artifact("r3", recipe: "r3", bytes: 5)])
            #expect(put4 == .ownerMissing)
            #expect(try await storage.artifacts.artifact(id: "r3") == nil)
        }
    }
}
