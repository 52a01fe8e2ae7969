import Foundation
import Synchronization

/// Recently served public artifacts, kept in memory up to a byte budget (least recently used
/// go first). Artifacts are content-addressed and immutable, and public ones are never
/// deleted, so an entry can never be stale; personal artifacts (those with a `userId`) are not
/// cached, so deleting a user needs no invalidation here.
public final class ArtifactCache: Sendable {
    private struct Entry {
        var artifact: Artifact
        var lastUse: UInt64
    }

    private struct State {
        var entries: [String: Entry] = [:]
        var bytes = 0
        var clock: UInt64 = 0
    }

    /// The most bytes of artifact payload kept; 0 turns the cache off.
    public let budget: Int
    private let state = Mutex(State())

    public init(budget: Int) {
        self.budget = max(0, budget)
    }

    public func artifact(id: String) -> Artifact? {
        state.withLock { state in
            guard var entry = state.entries[id] else { return nil }
            state.clock += 1
            entry.lastUse = state.clock
            state.entries[id] = entry
            return entry.artifact
        }
    }

    /// Keeps `artifact` if it is public and fits; evicts the least recently used to make room.
    public func insert(_ artifact: Artifact) {
        let size = artifact.bytes.count
        guard budget > 0, artifact.userId == nil, size <= budget / 4 else { return }
        state.withLock { state in
            guard state.entries[artifact.id] == nil else { return }
            state.clock += 1
            state.entries[artifact.id] = Entry(artifact: artifact, lastUse: state.clock)
            state.bytes += size
            guard state.bytes > budget else { return }
            // Evict down to three quarters of the budget, so eviction runs rarely.
            for (id, entry) in state.entries.sorted(by: { $0.value.lastUse < $1.value.lastUse }) where state.bytes > budget * 3 / 4 {
                state.entries[id] = nil
                state.bytes -= entry.artifact.bytes.count
            }
        }
    }

    /// Entries and payload bytes held now.
    public var usage: (entries: Int, bytes: Int) {
        state.withLock { ($0.entries.count, $0.bytes) }
    }
}
