import Catalog
import Foundation
import GRDB
import Store

/// The feedback log in SQLite (`feedback_events`).
struct SQLiteEventLog: EventLog {
    let pool: SQLitePool
    let coordinator: any ReplicaCoordinator

    func insert(_ events: [FeedbackEvent], receivedAt: Date) async throws -> Int {
        let newByUser = try await write(events, receivedAt: receivedAt)
        for user in newByUser.keys.sorted() { try await coordinator.announce(.eventsRecorded(userId: user)) }
        return newByUser.values.reduce(0, +)
    }

    /// New events per user, written in one transaction.
    private func write(_ events: [FeedbackEvent], receivedAt: Date) async throws -> [String: Int] {
        try await pool.write { db in
                let statement = try db.cachedStatement(
                    sql: """
                        INSERT INTO feedback_events (user_id, film_id, kind, value, occurred_at, idempotency_key, received_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT(user_id, idempotency_key) DO NOTHING
                        """)
                var inserted: [String: Int] = [:]
                for event in events {
                    try statement.execute(arguments: [
                        event.userId, event.filmId, event.kind.rawValue, event.value, event.timestamp.timeIntervalSince1970,
                        event.idempotencyKey, receivedAt.timeIntervalSince1970,
                    ])
                    if db.changesCount > 0 { inserted[event.userId, default: 0] += db.changesCount }
                }
                return inserted
        }
    }

    func events(userId: String) async throws -> [FeedbackEvent] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM feedback_events WHERE user_id = ? ORDER BY occurred_at, id", arguments: [userId]).map(Self.event)
        }
    }

    func all() async throws -> [FeedbackEvent] {
        try await pool.read { db in try Row.fetchAll(db, sql: "SELECT * FROM feedback_events ORDER BY id").map(Self.event) }
    }

    func count() async throws -> Int {
        try await pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM feedback_events") ?? 0 }
    }

    static func event(_ row: Row) -> FeedbackEvent {
        FeedbackEvent(
            userId: row["user_id"], filmId: row["film_id"], kind: FeedbackKind(rawValue: row["kind"]) ?? .view,
            value: row["value"], timestamp: Date(timeIntervalSince1970: row["occurred_at"]), idempotencyKey: row["idempotency_key"])
    }
}
