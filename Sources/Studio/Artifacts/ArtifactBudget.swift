import Foundation
import Logging
import Store
import Synchronization

/// How many payload bytes stored artifacts may take.
public struct StorageBudget: Sendable, Equatable {
    /// Payload bytes of public artifacts, over the whole store (`serve --artifact-store-mb`).
    public var publicBytes: Int
    /// Payload bytes of one user's personal artifacts (`serve --personal-store-mb`).
    public var personalBytesPerUser: Int

    /// 1 GiB of public artifacts, 64 MiB per user.
    public static let standard = StorageBudget(publicBytes: 1 << 30, personalBytesPerUser: 64 << 20)

    public init(publicBytes: Int, personalBytesPerUser: Int) {
        self.publicBytes = max(0, publicBytes)
        self.personalBytesPerUser = max(0, personalBytesPerUser)
    }
}

/// Keeps stored artifact payloads within a ``StorageBudget``: after a store that wrote new
/// bytes and took the public total past 95 % of the budget it evicts the least recently used
/// payloads (down to nine tenths, so eviction runs in batches), and it records which artifacts are served so eviction knows
/// what is recently used. Recipes stay, so an evicted artifact is made again on request.
///
/// The public total is tracked as an estimate per replica (re-read from the store every
/// `resyncEvery` stores and after each eviction); the store measures exactly when it evicts.
final class ArtifactBudget: Sendable {
    let storage: any StorageEngine
    let budget: StorageBudget
    let logger: Logger
    static let resyncEvery = 16
    static let touchFlushInterval: Duration = .seconds(5)
    static let touchFlushSize = 512

    private struct State {
        var publicEstimate: Int?
        var storesSinceResync = 0
        var evicting = false
        var touched: Set<String> = []
        var lastFlush = ContinuousClock.now
        var flushing = false
    }
    private let state = Mutex(State())

    init(storage: any StorageEngine, budget: StorageBudget, logger: Logger) {
        self.storage = storage
        self.budget = budget
        self.logger = logger
    }

    /// Notes that a generation stored `newBytes` payload bytes, and evicts if a budget is exceeded.
    func stored(newBytes: Int, owner: String?) async {
        guard newBytes > 0 else { return }
        do {
            if let owner {
                try await enforcePersonal(owner)
            } else {
                try await enforcePublic(adding: newBytes)
            }
        } catch {
            logger.error("artifact eviction failed", metadata: ["error": "\(error)"])
        }
    }

    /// Notes that an artifact was served, for least-recently-used eviction; written in batches.
    func served(_ id: String) {
        let batch: [String]? = state.withLock { state in
            state.touched.insert(id)
            guard !state.flushing,
                  state.touched.count >= Self.touchFlushSize || ContinuousClock.now - state.lastFlush >= Self.touchFlushInterval else { return nil }
            state.flushing = true
            defer { state.touched = [] }
            return Array(state.touched)
        }
        guard let batch else { return }
        Task { [self] in await write(touches: batch) }
    }

    /// Writes the touches not yet written (before an eviction decides what is old).
    func flushTouches() async {
        let batch: [String] = state.withLock { state in
            defer { state.touched = [] }
            return Array(state.touched)
        }
        await write(touches: batch)
    }

    private func write(touches batch: [String]) async {
        defer { state.withLock { $0.flushing = false; $0.lastFlush = ContinuousClock.now } }
        guard !batch.isEmpty else { return }
        do { try await storage.artifacts.touch(ids: batch.sorted(), at: Date()) } catch {
            logger.warning("could not record artifact use", metadata: ["error": "\(error)"])
        }
    }

    private func enforcePublic(adding bytes: Int) async throws {
        let needsResync = state.withLock { state -> Bool in
            state.storesSinceResync += 1
            if let estimate = state.publicEstimate { state.publicEstimate = estimate + bytes }
            return state.publicEstimate == nil || state.storesSinceResync >= Self.resyncEvery
        }
        if needsResync {
            let measured = try await storage.artifacts.usage().publicBytes
            state.withLock { $0.publicEstimate = measured; $0.storesSinceResync = 0 }
        }
        let start = state.withLock { state -> Bool in
            // Evicting from 95 % leaves room for what other requests store meanwhile.
            guard !state.evicting, let estimate = state.publicEstimate, estimate > budget.publicBytes / 20 * 19 else { return false }
            state.evicting = true
            return true
        }
        guard start else { return }
        defer { state.withLock { $0.evicting = false } }
        let target = budget.publicBytes / 10 * 9
        await flushTouches()
        // One replica evicts at a time; the others skip (their next store tries again).
        let report = try await storage.coordinator.withLock(.eviction, wait: nil) {
            try await storage.artifacts.evict(.publicArtifacts, downTo: target)
        }
        let measured = try await storage.artifacts.usage().publicBytes
        state.withLock { $0.publicEstimate = measured; $0.storesSinceResync = 0 }
        if let report, report.artifacts > 0 {
            StudioMetrics.evicted(report)
            logger.info("evicted public artifacts", metadata: ["artifacts": "\(report.artifacts)", "bytes": "\(report.bytes)", "nowBytes": "\(measured)"])
        }
    }

    private func enforcePersonal(_ owner: String) async throws {
        guard try await storage.artifacts.personalBytes(userId: owner) > budget.personalBytesPerUser else { return }
        await flushTouches()
        let report = try await storage.artifacts.evict(.user(owner), downTo: budget.personalBytesPerUser / 10 * 9)
        if report.artifacts > 0 {
            StudioMetrics.evicted(report)
            logger.info("evicted a user's artifacts", metadata: ["user": "\(owner)", "artifacts": "\(report.artifacts)", "bytes": "\(report.bytes)"])
        }
    }
}
