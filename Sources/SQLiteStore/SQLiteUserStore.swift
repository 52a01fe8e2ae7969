import Catalog
import Foundation
import GRDB
import Store

/// Visitor profiles in SQLite (`users`).
struct SQLiteUserStore: UserStore {
    let pool: SQLitePool

    func user(id: String) async throws -> UserProfile? {
        try await pool.read { db in try Self.load(db, id: id) }
    }

    func existingIds(_ ids: [String]) async throws -> Set<String> {
        try await pool.read { db in
            var found = Set<String>()
            for chunk in stride(from: 0, to: ids.count, by: 500).map({ Array(ids[$0..<min($0 + 500, ids.count)]) }) {
                let sql = "SELECT id FROM users WHERE id IN (\(Array(repeating: "?", count: chunk.count).joined(separator: ",")))"
                found.formUnion(try String.fetchAll(db, sql: sql, arguments: StatementArguments(chunk)))
            }
            return found
        }
    }

    func count() async throws -> Int {
        try await pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM users") ?? 0 }
    }

    func all() async throws -> [UserProfile] {
        try await pool.read { db in try Row.fetchAll(db, sql: "SELECT * FROM users ORDER BY id").map(Self.profile) }
    }

    func upsert(_ users: [UserProfile], now: Date) async throws {
        try await pool.write { db in
            for user in users { try Self.upsert(user, now: now, db) }
        }
    }

    func insertMissing(_ users: [UserProfile], now: Date) async throws -> Int {
        try await pool.write { db in
            var inserted = 0
            for user in users where try Self.load(db, id: user.id) == nil {
                try Self.upsert(user, now: now, db)
                inserted += 1
            }
            return inserted
        }
    }

    func erase(id: String) async throws -> UserErasure? {
        try await pool.write { db in
            guard try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM users WHERE id = ?", arguments: [id]) == 1 else { return nil }
            try db.execute(sql: "DELETE FROM feedback_events WHERE user_id = ?", arguments: [id])
            let events = db.changesCount
            try db.execute(sql: "DELETE FROM tours WHERE user_id = ?", arguments: [id])
            let tours = db.changesCount
            try db.execute(sql: "DELETE FROM artifacts WHERE user_id = ?", arguments: [id])
            let artifacts = db.changesCount
            try db.execute(sql: "DELETE FROM recipes WHERE user_id = ?", arguments: [id])
            try db.execute(sql: "DELETE FROM users WHERE id = ?", arguments: [id])
            if events > 0 {
                try db.execute(sql: "UPDATE meta SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT) WHERE key = 'erasure_epoch'")
            }
            let epoch = Int(try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'erasure_epoch'") ?? "0") ?? 0
            return UserErasure(events: events, tourVersions: tours, artifacts: artifacts, epoch: epoch)
        }
    }

    static func load(_ db: Database, id: String) throws -> UserProfile? {
        try Row.fetchOne(db, sql: "SELECT * FROM users WHERE id = ?", arguments: [id]).map(profile)
    }

    static func profile(_ row: Row) -> UserProfile {
        UserRecord(
            id: row["id"], displayName: row["display_name"], audience: row["audience"], depth: row["depth"], language: row["language"],
            pace: row["pace"], accessibility: row["accessibility"], likedGenres: row["liked_genres"], dislikedGenres: row["disliked_genres"]
        ).profile
    }

    static func upsert(_ user: UserProfile, now: Date, _ db: Database) throws {
        let record = try UserRecord(user)
        try db.execute(
            sql: """
                INSERT INTO users (id, display_name, audience, depth, language, pace, accessibility, liked_genres, disliked_genres, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(id) DO UPDATE SET
                    display_name = excluded.display_name, audience = excluded.audience, depth = excluded.depth,
                    language = excluded.language, pace = excluded.pace, accessibility = excluded.accessibility,
                    liked_genres = excluded.liked_genres, disliked_genres = excluded.disliked_genres
                """,
            arguments: [
                record.id, record.displayName, record.audience, record.depth, record.language, record.pace, record.accessibility,
                record.likedGenres, record.dislikedGenres, now.timeIntervalSince1970,
            ])
    }
}
