import Foundation
import Logging
import PostgresNIO
import Store
import Synchronization

/// Cluster-wide locks (session advisory locks, released by PostgreSQL if the holder dies) and
/// notices (NOTIFY on the `scenewright` channel) for replicas sharing one database.
final class PostgresCoordinator: ReplicaCoordinator {
    static let channel = "scenewright"
    let client: PostgresClient
    let logger: Logger
    let listener: PostgresNoticeListener

    init(client: PostgresClient, logger: Logger, listener: PostgresNoticeListener) {
        self.client = client
        self.logger = logger
        self.listener = listener
    }

    func withLock<T: Sendable>(_ lock: ReplicaLock, wait: Duration?, _ body: @Sendable () async throws -> T) async throws -> T? {
        try await PostgresErrors.mapping {
            try await client.withConnection { connection in
                let db = ConnectionExecutor(connection: connection, logger: logger)
                let deadline = ContinuousClock.now + (wait ?? .zero)
                while try await db.scalar("SELECT pg_try_advisory_lock(\(lock.key))", as: Bool.self) != true {
                    guard ContinuousClock.now < deadline else { return nil }
                    try await Task.sleep(for: .milliseconds(25))
                }
                do {
                    let result = try await body()
                    try await db.execute("SELECT pg_advisory_unlock(\(lock.key))")
                    return result
                } catch {
                    _ = try? await db.execute("SELECT pg_advisory_unlock(\(lock.key))")
                    throw error
                }
            }
        }
    }

    func announce(_ notice: ReplicaNotice) async throws {
        try await PoolExecutor(client: client, logger: logger).execute("SELECT pg_notify(\(Self.channel), \(notice.payload))")
    }

    func notices() async -> AsyncStream<ReplicaNotice> { await listener.subscribe() }
}

/// Holds one connection listening on the notice channel, fans notices out to subscribers, and
/// reconnects when the connection drops (announcing ``ReplicaNotice/resynchronise``, since
/// notices sent meanwhile are lost).
actor PostgresNoticeListener {
    let client: PostgresClient
    let logger: Logger
    private var subscribers: [UUID: AsyncStream<ReplicaNotice>.Continuation] = [:]
    private var task: Task<Void, Never>?

    init(client: PostgresClient, logger: Logger) {
        self.client = client
        self.logger = logger
    }

    /// Starts listening; returns once the first LISTEN is in place.
    func start() async {
        let (ready, readyContinuation) = AsyncStream<Void>.makeStream()
        task = Task { [client, logger] in
            var first = true
            while !Task.isCancelled {
                do {
                    try await client.withConnection { connection in
                        try await connection.listen(on: PostgresCoordinator.channel) { notifications in
                            if first { readyContinuation.finish() } else { self.deliver(.resynchronise) }
                            first = false
                            for try await notification in notifications {
                                if let notice = ReplicaNotice(payload: notification.payload) { self.deliver(notice) }
                            }
                        }
                    }
                } catch {
                    if Task.isCancelled { break }
                    logger.warning("notice listener lost its connection; reconnecting", metadata: ["error": "\(error)"])
                }
                try? await Task.sleep(for: .milliseconds(500))
            }
            readyContinuation.finish()
        }
        for await _ in ready {}
    }

    func stop() {
        task?.cancel()
        for continuation in subscribers.values { continuation.finish() }
        subscribers = [:]
    }

    func subscribe() -> AsyncStream<ReplicaNotice> {
        let (stream, continuation) = AsyncStream<ReplicaNotice>.makeStream(bufferingPolicy: .bufferingNewest(1_000))
        let id = UUID()
        subscribers[id] = continuation
        continuation.onTermination = { _ in Task { await self.unsubscribe(id) } }
        return stream
    }

    private func unsubscribe(_ id: UUID) { subscribers[id] = nil }

    private func deliver(_ notice: ReplicaNotice) {
        for continuation in subscribers.values { continuation.yield(notice) }
    }
}
