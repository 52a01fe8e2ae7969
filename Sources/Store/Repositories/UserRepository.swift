import Catalog
import Foundation
import GRDB

/// Reads and writes visitor profiles.
public struct UserRepository: Sendable {
    let pool: DatabasePool

    public func user(id: String) async throws -> UserProfile? {
        try await pool.read { db in try Self.load(db, id: id) }
    }

    /// The users with these ids that exist, as a set of ids.
    public func existingIds(_ ids: [String]) async throws -> Set<String> {
        try await pool.read { db in
            var found = Set<String>()
            for chunk in stride(from: 0, to: ids.count, by: 500).map({ Array(ids[$0..<min($0 + 500, ids.count)]) }) {
                let sql = "SELECT id FROM users WHERE id IN (\(Array(repeating: "?", count: chunk.count).joined(separator: ",")))"
                found.formUnion(try String.fetchAll(db, sql: sql, arguments: StatementArguments(chunk)))
            }
            return found
        }
    }

    public func count() async throws -> Int {
        try await pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM users") ?? 0 }
    }

    /// All users, ordered by id.
    public func all() async throws -> [UserProfile] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM users ORDER BY id").map(Self.profile)
        }
    }

    /// Inserts or replaces profiles in one transaction. `created_at` is kept on replace.
    public func upsert(_ users: [UserProfile], now: Date = Date()) async throws {
        try await pool.write { db in
            for user in users { try Self.upsert(user, now: now, db) }
        }
    }

    /// Inserts profiles that do not exist yet and leaves existing ones untouched; returns how many were new.
    @discardableResult
    public func insertMissing(_ users: [UserProfile], now: Date = Date()) async throws -> Int {
        try await pool.write { db in
            var inserted = 0
            for user in users where try Self.load(db, id: user.id) == nil {
                try Self.upsert(user, now: now, db)
                inserted += 1
            }
            return inserted
        }
    }

    /// Removes a user and, through the foreign key, every one of their events. Returns false when absent.
    public func delete(id: String) async throws -> Bool {
        try await pool.write { db in
            try db.execute(sql: "DELETE FROM users WHERE id = ?", arguments: [id])
            return db.changesCount > 0
        }
    }

    /// What erasing a user removed.
    public struct Erasure: Sendable, Equatable {
        public var events: Int
        public var tourVersions: Int
        public var artifacts: Int
    }

    /// Removes the user and everything stored for them — feedback events, tours, artifacts
    /// generated for them — in one transaction. Nil when there is no such user.
    public func erase(id: String) async throws -> Erasure? {
        try await pool.write { db in
            guard try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM users WHERE id = ?", arguments: [id]) == 1 else { return nil }
            try db.execute(sql: "DELETE FROM feedback_events WHERE user_id = ?", arguments: [id])
            let events = db.changesCount
            try db.execute(sql: "DELETE FROM tours WHERE user_id = ?", arguments: [id])
            let tours = db.changesCount
            try db.execute(sql: "DELETE FROM artifacts WHERE user_id = ?", arguments: [id])
            let artifacts = db.changesCount
            try db.execute(sql: "DELETE FROM users WHERE id = ?", arguments: [id])
            return Erasure(events: events, tourVersions: tours, artifacts: artifacts)
        }
    }

    static func load(_ db: Database, id: String) throws -> UserProfile? {
        try Row.fetchOne(db, sql: "SELECT * FROM users WHERE id = ?", arguments: [id]).map(profile)
    }

    static func profile(_ row: Row) -> UserProfile {
        func list<T: Decodable>(_ column: String, _ type: T.Type) -> T? {
            try? JSONDecoder().decode(T.self, from: Data((row[column] as String).utf8))
        }
        return UserProfile(
            id: row["id"], displayName: row["display_name"],
            audience: Audience(rawValue: row["audience"]) ?? .adult,
            depth: InterestDepth(rawValue: row["depth"]) ?? .casual,
            language: row["language"],
            pace: Pace(rawValue: row["pace"]) ?? .average,
            accessibility: Set(list("accessibility", [AccessibilityNeed].self) ?? []),
            likedGenres: list("liked_genres", [Genre].self) ?? [],
            dislikedGenres: list("disliked_genres", [Genre].self) ?? [])
    }

    static func upsert(_ user: UserProfile, now: Date, _ db: Database) throws {
        let encoder = JSONEncoder()
        func json<T: Encodable>(_ value: T) throws -> String { String(decoding: try encoder.encode(value), as: UTF8.self) }
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
                user.id, user.displayName, user.audience.rawValue, user.depth.rawValue, user.language, user.pace.rawValue,
                try json(user.accessibility.sorted()), try json(user.likedGenres), try json(user.dislikedGenres),
                now.timeIntervalSince1970,
            ])
    }
}
