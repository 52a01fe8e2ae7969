import Foundation
import GRDB

/// A stored API key: never the key itself, only the SHA-256 of its secret.
public struct StoredAPIKey: Sendable, Equatable {
    public var id: String
    public var name: String
    public var scope: String
    public var secretHash: Data
    public var createdAt: Date
    public var revokedAt: Date?

    public var isRevoked: Bool { revokedAt != nil }
}

/// API keys: created, listed, revoked, and looked up by their public id.
public struct APIKeyRepository: Sendable {
    let pool: DatabasePool

    private static func key(_ row: Row) -> StoredAPIKey {
        StoredAPIKey(
            id: row["id"], name: row["name"], scope: row["scope"], secretHash: row["key_hash"],
            createdAt: Date(timeIntervalSince1970: row["created_at"]),
            revokedAt: (row["revoked_at"] as Double?).map { Date(timeIntervalSince1970: $0) })
    }

    public func insert(id: String, name: String, scope: String, secretHash: Data, now: Date = Date()) async throws {
        try await pool.write { db in
            try db.execute(
                sql: "INSERT INTO api_keys (id, name, scope, key_hash, created_at) VALUES (?, ?, ?, ?, ?)",
                arguments: [id, name, scope, secretHash, now.timeIntervalSince1970])
        }
    }

    public func key(id: String) async throws -> StoredAPIKey? {
        try await pool.read { db in try Row.fetchOne(db, sql: "SELECT * FROM api_keys WHERE id = ?", arguments: [id]).map(Self.key) }
    }

    public func all() async throws -> [StoredAPIKey] {
        try await pool.read { db in try Row.fetchAll(db, sql: "SELECT * FROM api_keys ORDER BY created_at, id").map(Self.key) }
    }

    /// Marks the key revoked; returns false when there is no such key or it was revoked already.
    @discardableResult
    public func revoke(id: String, now: Date = Date()) async throws -> Bool {
        try await pool.write { db in
            try db.execute(sql: "UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", arguments: [now.timeIntervalSince1970, id])
            return db.changesCount > 0
        }
    }
}
