import Catalog
import Foundation
import Recommender
import Store
import StorageTestSupport
@testable import Studio
import Testing
import TestSupport

/// A user deleted while a refit that read their events is running is in no model installed
/// afterwards: checked by the models' content (their user lists), on both engines.
@Suite struct DeletionDuringRefitTests {
    /// Polls `condition` every 10 ms for up to 30 s (the order of the steps matters, not their timing).
    static func waitUntil(_ condition: () async throws -> Bool) async throws {
        for _ in 0..<3_000 {
            if try await condition() { return }
            try await Task.sleep(for: .milliseconds(10))
        }
        Issue.record("condition not reached in 30 s")
    }

    @Test(arguments: StorageBackend.allCases)
    func aRefitInFlightCannotInstallADeletedUser(_ backend: StorageBackend) async throws {
        let directory = TemporaryDirectory()
        // One work slot, so a refit can be held after it has read the events.
        guard let studio = try await TestStudio.open(
            backend, in: directory, configuration: StudioConfiguration(recommender: .init(refitAfterEvents: 1_000_000), work: .init(slots: 1)))
        else { return }
        try await studio.seedIfEmpty()
        let films = try await studio.catalog.searchFilms(FilmQuery(pageSize: 40)).items.map(\.id)
        for user in ["doomed", "keeper-1", "keeper-2"] {
            _ = try await studio.users.createUser(UserProfile(id: user, displayName: user))
            _ = try await studio.recommendations.recordEvents(
                userId: user, films.prefix(12).enumerated().map { FeedbackInput(filmId: $1, kind: .like, idempotencyKey: "\(user)-\($0)") })
        }
        let gate = DispatchSemaphore(value: 0)
        let blocker = Task { try await studio.work.run("test.block", admission: .wait) { gate.wait() } }
        try await Self.waitUntil { await studio.work.load().running == 1 }
        // This refit reads every event, doomed's included, then waits for the work slot.
        let inFlight = Task { try await studio.recommendations.refit() }
        try await Self.waitUntil { await studio.work.load().waiting == 1 }
        let deletion = Task { try await studio.users.deleteUser(id: "doomed") }
        try await Self.waitUntil { try await studio.storage.users.user(id: "doomed") == nil }
        gate.signal()
        _ = try await blocker.value
        let deleted = try await deletion.value
        let stale = try? await inFlight.value

        #expect(deleted.recommenderRefitted && deleted.supersededRefit, "\(deleted)")
        let installed = try #require(await studio.recommendations.currentSnapshot())
        #expect(!installed.contains(user: "doomed"))
        #expect(installed.contains(user: "keeper-1") && installed.contains(user: "keeper-2"))
        #expect(installed.version == deleted.modelVersion)
        let stored = try #require(try await studio.storage.models.latest())
        let restored = try #require(try ModelSnapshot.restore(stored))
        #expect(restored.users.index(of: "doomed") == nil, "the published model holds the deleted user")
        #expect(restored.eventCount == 24)
        // Whatever the stale refit returned, it is not what serves.
        if let stale { #expect(!stale.contains(user: "doomed"), "the refit in flight returned a model with the deleted user") }
        await studio.storage.close()
    }
}
