import Foundation
import GRDB

/// A stored museum plan: its id, name and the plan's JSON.
public struct StoredMuseum: Sendable, Equatable {
    public var id: String
    public var name: String
    public var plan: Data
    /// `sample` for the bundled museums, `api` for plans posted by curators.
    public var source: String
}

/// Museum plans. A plan is stored once per id; posting the same id again with a different plan
/// is a conflict (plans are referenced by stored tours).
public struct MuseumRepository: Sendable {
    let pool: DatabasePool

    public func museum(id: String) async throws -> StoredMuseum? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT id, name, plan, source FROM museums WHERE id = ?", arguments: [id]).map {
                StoredMuseum(id: $0["id"], name: $0["name"], plan: $0["plan"], source: $0["source"])
            }
        }
    }

    /// Every museum's id and name, ordered by id.
    public func all() async throws -> [(id: String, name: String)] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT id, name FROM museums ORDER BY id").map { (id: $0["id"], name: $0["name"]) }
        }
    }

    /// Stores the plan; returns true when it is new, false when an identical plan was there.
    /// - Throws: ``StoreError`` `.conflict` when another plan has this id.
    @discardableResult
    public func put(id: String, name: String, plan: Data, source: String, now: Date = Date()) async throws -> Bool {
        try await pool.write { db in
            if let existing = try Data.fetchOne(db, sql: "SELECT plan FROM museums WHERE id = ?", arguments: [id]) {
                guard existing == plan else { throw StoreError(.conflict, "a different museum with id '\(id)' exists") }
                return false
            }
            try db.execute(
                sql: "INSERT INTO museums (id, name, plan, source, created_at) VALUES (?, ?, ?, ?, ?)",
                arguments: [id, name, plan, source, now.timeIntervalSince1970])
            return true
        }
    }
}

/// One version of a tour.
public struct StoredTour: Sendable, Equatable {
    public var id: String
    public var version: Int
    public var museumId: String
    public var origin: String
    public var body: Data
    public var createdAt: Date
}

/// Tours and their versions. Versions are append-only: an edit adds version n + 1 and the
/// earlier ones stay readable.
public struct TourRepository: Sendable {
    let pool: DatabasePool

    private static func tour(_ row: Row) -> StoredTour {
        StoredTour(
            id: row["id"], version: row["version"], museumId: row["museum_id"], origin: row["origin"], body: row["body"],
            createdAt: Date(timeIntervalSince1970: row["created_at"]))
    }

    /// The latest version, or the given one.
    public func tour(id: String, version: Int? = nil) async throws -> StoredTour? {
        try await pool.read { db in
            if let version {
                return try Row.fetchOne(db, sql: "SELECT * FROM tours WHERE id = ? AND version = ?", arguments: [id, version]).map(Self.tour)
            }
            return try Row.fetchOne(db, sql: "SELECT * FROM tours WHERE id = ? ORDER BY version DESC LIMIT 1", arguments: [id]).map(Self.tour)
        }
    }

    /// Every version, oldest first (without bodies' decoding: callers summarise).
    public func versions(id: String) async throws -> [StoredTour] {
        try await pool.read { db in try Row.fetchAll(db, sql: "SELECT * FROM tours WHERE id = ? ORDER BY version", arguments: [id]).map(Self.tour) }
    }

    /// Adds `version` of a tour.
    /// - Throws: ``StoreError`` `.conflict` unless `version` is one past the latest (1 for a new tour).
    public func add(id: String, version: Int, museumId: String, userId: String? = nil, origin: String, body: Data, now: Date = Date()) async throws {
        try await pool.write { db in
            let latest = try Int.fetchOne(db, sql: "SELECT MAX(version) FROM tours WHERE id = ?", arguments: [id]) ?? 0
            guard version == latest + 1 else { throw StoreError(.conflict, "tour \(id) is at version \(latest); cannot add version \(version)") }
            try db.execute(
                sql: "INSERT INTO tours (id, version, museum_id, user_id, origin, body, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                arguments: [id, version, museumId, userId, origin, body, now.timeIntervalSince1970])
        }
    }

    /// Every version of every tour planned for a user, oldest first.
    public func tours(userId: String) async throws -> [StoredTour] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM tours WHERE user_id = ? ORDER BY created_at, id, version", arguments: [userId]).map(Self.tour)
        }
    }
}
