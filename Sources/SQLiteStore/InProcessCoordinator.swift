import Foundation
import Store
import Synchronization

/// Locks and notices for a single process (the SQLite engine): locks are in-memory, and
/// notices go to every subscriber in this process. Engines opened on the same file share one
/// coordinator, so they see each other's locks and notices.
final class InProcessCoordinator: ReplicaCoordinator {
    private static let byPath = Mutex<[String: InProcessCoordinator]>([:])

    /// The coordinator of the database file at `path`.
    static func shared(for path: String) -> InProcessCoordinator {
        let key = URL(fileURLWithPath: path).standardizedFileURL.path
        return byPath.withLock { coordinators in
            if let existing = coordinators[key] { return existing }
            let created = InProcessCoordinator()
            coordinators[key] = created
            return created
        }
    }

    private struct State {
        var held: Set<ReplicaLock> = []
        var subscribers: [UUID: AsyncStream<ReplicaNotice>.Continuation] = [:]
    }

    private let state = Mutex(State())

    func withLock<T: Sendable>(_ lock: ReplicaLock, wait: Duration?, _ body: @Sendable () async throws -> T) async throws -> T? {
        let deadline = ContinuousClock.now + (wait ?? .zero)
        while !state.withLock({ $0.held.insert(lock).inserted }) {
            guard ContinuousClock.now < deadline else { return nil }
            try await Task.sleep(for: .milliseconds(10))
        }
        defer { _ = state.withLock { $0.held.remove(lock) } }
        return try await body()
    }

    func announce(_ notice: ReplicaNotice) async throws {
        for continuation in state.withLock({ Array($0.subscribers.values) }) { continuation.yield(notice) }
    }

    func notices() async -> AsyncStream<ReplicaNotice> {
        let (stream, continuation) = AsyncStream<ReplicaNotice>.makeStream(bufferingPolicy: .bufferingNewest(1_000))
        let id = UUID()
        state.withLock { $0.subscribers[id] = continuation }
        continuation.onTermination = { [weak self] _ in _ = self?.state.withLock { $0.subscribers.removeValue(forKey: id) } }
        return stream
    }
}
