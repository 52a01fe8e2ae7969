import Foundation
import NIOCore
import Synchronization

/// Public artifacts recently served, kept in memory per replica up to a byte budget (least
/// recently used go first). They are content-addressed and immutable, so an entry is never
/// stale; personal artifacts are never kept, so deleting a user needs no invalidation here.
final class ArtifactMemoryCache: Sendable {
    private struct Entry {
        var artifact: ServedArtifact
        var lastUse: UInt64
    }

    private struct State {
        var entries: [String: Entry] = [:]
        var bytes = 0
        var clock: UInt64 = 0
    }

    /// The most payload bytes kept; 0 turns the cache off.
    let budget: Int
    private let state = Mutex(State())

    init(budget: Int) { self.budget = max(0, budget) }

    func artifact(id: String) -> ServedArtifact? {
        state.withLock { state in
            guard var entry = state.entries[id] else { return nil }
            state.clock += 1
            entry.lastUse = state.clock
            state.entries[id] = entry
            return entry.artifact
        }
    }

    /// Keeps `artifact` if it is public and fits; evicts the least recently used to make room.
    func insert(_ artifact: ServedArtifact) {
        let size = artifact.body.readableBytes
        guard budget > 0, !artifact.isPersonal, size <= budget / 4 else { return }
        state.withLock { state in
            guard state.entries[artifact.id] == nil else { return }
            state.clock += 1
            state.entries[artifact.id] = Entry(artifact: artifact, lastUse: state.clock)
            state.bytes += size
            guard state.bytes > budget else { return }
            // Evict down to three quarters of the budget, so eviction runs rarely.
            for (id, entry) in state.entries.sorted(by: { $0.value.lastUse < $1.value.lastUse }) where state.bytes > budget * 3 / 4 {
                state.entries[id] = nil
                state.bytes -= entry.artifact.body.readableBytes
            }
        }
    }

    /// Entries and payload bytes held now.
    var usage: (entries: Int, bytes: Int) { state.withLock { ($0.entries.count, $0.bytes) } }
}
