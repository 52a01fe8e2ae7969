import Foundation
import GRDB
import Store

/// Museum plans in SQLite (`museums`).
struct SQLiteMuseumStore: MuseumStore {
    let pool: SQLitePool

    func museum(id: String) async throws -> StoredMuseum? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT id, name, plan, source FROM museums WHERE id = ?", arguments: [id]).map {
                StoredMuseum(id: $0["id"], name: $0["name"], plan: $0["plan"], source: $0["source"])
            }
        }
    }

    func all() async throws -> [(id: String, name: String)] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT id, name FROM museums ORDER BY id").map { (id: $0["id"], name: $0["name"]) }
        }
    }

    func put(_ museum: StoredMuseum, now: Date) async throws -> Bool {
        try await pool.write { db in
            if let existing = try Data.fetchOne(db, sql: "SELECT plan FROM museums WHERE id = ?", arguments: [museum.id]) {
                guard existing == museum.plan else { throw StoreError(.conflict, "a different museum with id '\(museum.id)' exists") }
                return false
            }
            try db.execute(
                sql: "INSERT INTO museums (id, name, plan, source, created_at) VALUES (?, ?, ?, ?, ?)",
                arguments: [museum.id, museum.name, museum.plan, museum.source, now.timeIntervalSince1970])
            return true
        }
    }
}

/// Tours and their versions in SQLite (`tours`).
struct SQLiteTourStore: TourStore {
    let pool: SQLitePool

    private static func tour(_ row: Row) -> StoredTour {
        StoredTour(
            id: row["id"], version: row["version"], museumId: row["museum_id"], userId: row["user_id"], origin: row["origin"], body: row["body"],
            createdAt: Date(timeIntervalSince1970: row["created_at"]))
    }

    func tour(id: String, version: Int?) async throws -> StoredTour? {
        try await pool.read { db in
            if let version {
                return try Row.fetchOne(db, sql: "SELECT * FROM tours WHERE id = ? AND version = ?", arguments: [id, version]).map(Self.tour)
            }
            return try Row.fetchOne(db, sql: "SELECT * FROM tours WHERE id = ? ORDER BY version DESC LIMIT 1", arguments: [id]).map(Self.tour)
        }
    }

    func versions(id: String) async throws -> [StoredTour] {
        try await pool.read { db in try Row.fetchAll(db, sql: "SELECT * FROM tours WHERE id = ? ORDER BY version", arguments: [id]).map(Self.tour) }
    }

    func add(_ tour: StoredTour) async throws {
        try await pool.write { db in
            if let user = tour.userId, try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM users WHERE id = ?", arguments: [user]) != 1 {
                throw StoreError(.notFound, "no user with id '\(user)'")
            }
            let latest = try Int.fetchOne(db, sql: "SELECT MAX(version) FROM tours WHERE id = ?", arguments: [tour.id]) ?? 0
            guard tour.version == latest + 1 else {
                throw StoreError(.conflict, "tour \(tour.id) is at version \(latest); cannot add version \(tour.version)")
            }
            try db.execute(
                sql: "INSERT INTO tours (id, version, museum_id, user_id, origin, body, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                arguments: [tour.id, tour.version, tour.museumId, tour.userId, tour.origin, tour.body, tour.createdAt.timeIntervalSince1970])
        }
    }

    func tours(userId: String) async throws -> [StoredTour] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM tours WHERE user_id = ? ORDER BY created_at, id, version", arguments: [userId]).map(Self.tour)
        }
    }
}
