import Catalog
import Foundation
import PostgresNIO
import Store

/// Visitor profiles in PostgreSQL (`users`).
struct PostgresUserStore: UserStore {
    let db: PoolExecutor

    static func profile(_ row: PostgresRandomAccessRow) throws -> UserProfile {
        UserRecord(
            id: try row.get("id"), displayName: try row.get("display_name"), audience: try row.get("audience"), depth: try row.get("depth"),
            language: try row.get("language"), pace: try row.get("pace"), accessibility: try row.get("accessibility"),
            likedGenres: try row.get("liked_genres"), dislikedGenres: try row.get("disliked_genres")
        ).profile
    }

    func user(id: String) async throws -> UserProfile? {
        try await db.rows("SELECT * FROM users WHERE id = \(id)").first.map(Self.profile)
    }

    func existingIds(_ ids: [String]) async throws -> Set<String> {
        guard !ids.isEmpty else { return [] }
        return Set(try await db.rows("SELECT id FROM users WHERE id = ANY(\(ids))").map { try $0.get("id", as: String.self) })
    }

    func count() async throws -> Int { try await db.scalar("SELECT COUNT(*) FROM users", as: Int.self) ?? 0 }

    func all() async throws -> [UserProfile] { try await db.rows("SELECT * FROM users ORDER BY id COLLATE \"C\"").map(Self.profile) }

    func upsert(_ users: [UserProfile], now: Date) async throws {
        guard !users.isEmpty else { return }
        try await db.transaction { tx in
            for user in users { try await Self.write(user, now: now, replace: true, tx) }
        }
    }

    func insertMissing(_ users: [UserProfile], now: Date) async throws -> Int {
        guard !users.isEmpty else { return 0 }
        return try await db.transaction { tx in
            var inserted = 0
            for user in users where try await Self.write(user, now: now, replace: false, tx) { inserted += 1 }
            return inserted
        }
    }

    /// Inserts (or with `replace`, updates) one profile; true when a row was written.
    @discardableResult
    private static func write(_ user: UserProfile, now: Date, replace: Bool, _ tx: ConnectionExecutor) async throws -> Bool {
        let r = try UserRecord(user)
        let insert: PostgresQuery = """
            INSERT INTO users (id, display_name, audience, depth, language, pace, accessibility, liked_genres, disliked_genres, created_at)
            VALUES (\(r.id), \(r.displayName), \(r.audience), \(r.depth), \(r.language), \(r.pace), \(r.accessibility), \(r.likedGenres),
                    \(r.dislikedGenres), \(now.timeIntervalSince1970))
            """
        let conflict =
            replace
            ? """
             ON CONFLICT (id) DO UPDATE SET display_name = excluded.display_name, audience = excluded.audience, depth = excluded.depth,
                language = excluded.language, pace = excluded.pace, accessibility = excluded.accessibility,
                liked_genres = excluded.liked_genres, disliked_genres = excluded.disliked_genres RETURNING id
            """ : " ON CONFLICT (id) DO NOTHING RETURNING id"
        return !(try await tx.rows(PostgresQuery(unsafeSQL: insert.sql + conflict, binds: insert.binds))).isEmpty
    }

    func erase(id: String) async throws -> UserErasure? {
        try await db.transaction { tx in
            guard !(try await tx.rows("SELECT id FROM users WHERE id = \(id) FOR UPDATE")).isEmpty else { return nil }
            let events = try await tx.rows("DELETE FROM feedback_events WHERE user_id = \(id) RETURNING id").count
            let tours = try await tx.rows("DELETE FROM tours WHERE user_id = \(id) RETURNING id").count
            let artifacts = try await tx.rows("DELETE FROM artifacts WHERE user_id = \(id) RETURNING id").count
            try await tx.execute("DELETE FROM recipes WHERE user_id = \(id)")
            try await tx.execute("DELETE FROM users WHERE id = \(id)")
            if events > 0 {
                try await tx.execute("UPDATE meta SET value = (value::bigint + 1)::text WHERE key = 'erasure_epoch'")
            }
            let epoch = Int(try await tx.scalar("SELECT value FROM meta WHERE key = 'erasure_epoch'", as: String.self) ?? "0") ?? 0
            return UserErasure(events: events, tourVersions: tours, artifacts: artifacts, epoch: epoch)
        }
    }
}

/// The feedback log in PostgreSQL (`feedback_events`). Concurrent batches are group-committed
/// (``PostgresEventBatcher``).
struct PostgresEventLog: EventLog {
    let db: PoolExecutor
    let batcher: PostgresEventBatcher

    init(db: PoolExecutor) {
        self.db = db
        batcher = PostgresEventBatcher { events, receivedAt in try await Self.write(events, receivedAt: receivedAt, db: db) }
    }

    func insert(_ events: [FeedbackEvent], receivedAt: Date) async throws -> Int {
        try await batcher.insert(events, receivedAt: receivedAt)
    }

    /// One statement for the whole group: it commits entirely or not at all, and its notices
    /// (one per user with new events; PostgreSQL folds repeats) are delivered when it commits.
    static func write(_ events: [FeedbackEvent], receivedAt: [Double], db: PoolExecutor) async throws -> [PostgresEventBatcher.EventKey] {
        let notice = ReplicaNotice.eventsRecorded(userId: "").payload
        let rows = try await db.rows("""
            WITH inserted AS (
            INSERT INTO feedback_events (user_id, film_id, kind, value, occurred_at, idempotency_key, received_at)
            SELECT u, f, k, v, o, i, r
            FROM UNNEST(\(events.map(\.userId))::text[], \(events.map(\.filmId))::text[], \(events.map(\.kind.rawValue))::text[],
                        \(events.map(\.value))::float8[], \(events.map(\.timestamp.timeIntervalSince1970))::float8[],
                        \(events.map(\.idempotencyKey))::text[], \(receivedAt)::float8[]) WITH ORDINALITY AS t(u, f, k, v, o, i, r, n)
            ORDER BY n
            ON CONFLICT (user_id, idempotency_key) DO NOTHING
            RETURNING user_id, idempotency_key)
            SELECT user_id, idempotency_key, pg_notify(\(PostgresCoordinator.channel), \(notice) || user_id)::text AS notified FROM inserted
            """)
        return try rows.map { PostgresEventBatcher.EventKey(userId: try $0.get("user_id"), idempotencyKey: try $0.get("idempotency_key")) }
    }

    static func event(_ row: PostgresRandomAccessRow) throws -> FeedbackEvent {
        FeedbackEvent(
            userId: try row.get("user_id"), filmId: try row.get("film_id"), kind: FeedbackKind(rawValue: try row.get("kind")) ?? .view,
            value: try row.get("value"), timestamp: try row.date("occurred_at"), idempotencyKey: try row.get("idempotency_key"))
    }

    func events(userId: String) async throws -> [FeedbackEvent] {
        try await db.rows("SELECT * FROM feedback_events WHERE user_id = \(userId) ORDER BY occurred_at, id").map(Self.event)
    }

    func all() async throws -> [FeedbackEvent] { try await db.rows("SELECT * FROM feedback_events ORDER BY id").map(Self.event) }

    func count() async throws -> Int { try await db.scalar("SELECT COUNT(*) FROM feedback_events", as: Int.self) ?? 0 }
}
