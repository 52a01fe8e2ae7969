import Foundation
import StorageTestSupport
import Store
import Testing

/// Shared models, locks and notices behave the same on every engine.
///
/// The time limit only turns a lost notice or a lock that is never released into a failure
/// instead of a hang. It is generous: under the whole suite on 2 cores, CPU-bound tests hold
/// the cooperative pool and every store test waited about 3 minutes before its first query (CI,
/// 2026-12-03), so 2 minutes failed a test that was only queued.
@Suite(.timeLimit(.minutes(15))) struct ModelAndReplicaContractTests {
    static func model(_ version: Int, epoch: Int = 0) -> StoredModel {
        StoredModel(
            version: version, algorithm: "ease", fittedAt: Records.at, eventCount: 3, erasureEpoch: epoch, fitSeconds: 0.1, payload: Data(repeating: 1, count: 64))
    }

    @Test(arguments: StorageBackend.allCases)
    func modelsPublishInOrderAndAnEraseSupersedesAFitInFlight(_ backend: StorageBackend) async throws {
        try await withStorage(backend) { (storage: any StorageEngine) async throws in
            try await Records.seed(storage)
            _ = try await storage.events.insert([Records.event("u1", "f1", "a")], receivedAt: Records.at)
            #expect(try await storage.models.latest() == nil)
            #expect(try await storage.models.latestEventCount() == nil)
            try await storage.models.publish(Self.model(1))
            #expect(try await storage.models.latestEventCount() == 3)
            await #expect(throws: StoreError.self) { try await storage.models.publish(Self.model(1)) }
            await #expect(throws: StoreError.self) { try await storage.models.publish(Self.model(3)) }
            #expect(try await storage.models.latestVersion() == 1)
            // A fit that read the events before the erase cannot be published after it.
            let epoch = try await storage.models.erasureEpoch()
            _ = try await storage.users.erase(id: "u1")
            let refused = await #expect(throws: StoreError.self) { try await storage.models.publish(Self.model(2, epoch: epoch)) }
            #expect(refused?.code == .conflict)
            try await storage.models.publish(Self.model(2, epoch: epoch + 1))
            #expect(try await storage.models.latest() == Self.model(2, epoch: 1))
        }
    }

    @Test(arguments: StorageBackend.allCases)
    func aLockHasOneHolderAndNoticesReachEveryReplica(_ backend: StorageBackend) async throws {
        try await withStorage(backend) { (storage: any StorageEngine) async throws in
            let other = try await TestStorage.reopen(storage)
            let notices = await other.coordinator.notices()
            // While one replica holds the refit lock, another cannot take it.
            let inner: Bool?? = try await storage.coordinator.withLock(.refit, wait: nil) { () async throws -> Bool? in
                try await other.coordinator.withLock(.refit, wait: .milliseconds(100)) { true }
            }
            #expect(inner == .some(nil))
            #expect(try await other.coordinator.withLock(.refit, wait: .seconds(1)) { 42 } == 42)
            try await storage.coordinator.announce(.modelPublished(version: 7))
            try await storage.coordinator.announce(.userErased(userId: "ada"))
            var received: [ReplicaNotice] = []
            for await notice in notices {
                received.append(notice)
                if received.count == 2 { break }
            }
            #expect(received == [.modelPublished(version: 7), .userErased(userId: "ada")])
            await other.close()
        }
    }

    @Test func noticesRoundTripThroughTheirPayload() {
        for notice: ReplicaNotice in [.modelPublished(version: 12), .eventsRecorded(userId: "a:b"), .userErased(userId: "ada"), .catalogChanged, .resynchronise] {
            #expect(ReplicaNotice(payload: notice.payload) == notice)
        }
        #expect(ReplicaNotice(payload: "model:x") == nil)
        #expect(ReplicaNotice(payload: "nonsense") == nil)
    }
}
