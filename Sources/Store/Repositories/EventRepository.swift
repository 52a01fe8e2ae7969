import Catalog
import Foundation
import GRDB

/// Reads and writes feedback events. Each event is unique per user and idempotency key.
public struct EventRepository: Sendable {
    let pool: DatabasePool

    /// Inserts events whose (user, idempotency key) is new, in one transaction; returns how many were new.
    /// Users and films must exist (foreign keys); the whole batch fails otherwise.
    @discardableResult
    public func insert(_ events: [FeedbackEvent], receivedAt: Date = Date()) async throws -> Int {
        try await pool.write { db in try Self.insert(events, receivedAt: receivedAt, db) }
    }

    static func insert(_ events: [FeedbackEvent], receivedAt: Date, _ db: Database) throws -> Int {
        let statement = try db.cachedStatement(
            sql: """
                INSERT INTO feedback_events (user_id, film_id, kind, value, occurred_at, idempotency_key, received_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(user_id, idempotency_key) DO NOTHING
                """)
        var inserted = 0
        for event in events {
            try statement.execute(arguments: [
                event.userId, event.filmId, event.kind.rawValue, event.value, event.timestamp.timeIntervalSince1970,
                event.idempotencyKey, receivedAt.timeIntervalSince1970,
            ])
            inserted += db.changesCount
        }
        return inserted
    }

    /// A user's events, oldest first.
    public func events(userId: String) async throws -> [FeedbackEvent] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM feedback_events WHERE user_id = ? ORDER BY occurred_at, id", arguments: [userId]).map(Self.event)
        }
    }

    /// Every event, in insertion order. Used to fit recommenders.
    public func all() async throws -> [FeedbackEvent] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM feedback_events ORDER BY id").map(Self.event)
        }
    }

    public func count() async throws -> Int {
        try await pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM feedback_events") ?? 0 }
    }

    static func event(_ row: Row) -> FeedbackEvent {
        FeedbackEvent(
            userId: row["user_id"], filmId: row["film_id"], kind: FeedbackKind(rawValue: row["kind"]) ?? .view,
            value: row["value"], timestamp: Date(timeIntervalSince1970: row["occurred_at"]), idempotencyKey: row["idempotency_key"])
    }
}
