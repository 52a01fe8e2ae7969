import Foundation
import GRDB
import Store

/// API keys in SQLite (`api_keys`).
struct SQLiteAPIKeyStore: APIKeyStore {
    let pool: SQLitePool

    private static func key(_ row: Row) -> StoredAPIKey {
        StoredAPIKey(
            id: row["id"], name: row["name"], scope: row["scope"], secretHash: row["key_hash"],
            createdAt: Date(timeIntervalSince1970: row["created_at"]),
            revokedAt: (row["revoked_at"] as Double?).map { Date(timeIntervalSince1970: $0) })
    }

    func insert(_ key: StoredAPIKey) async throws {
        try await pool.write { db in
            try db.execute(
                sql: "INSERT INTO api_keys (id, name, scope, key_hash, created_at) VALUES (?, ?, ?, ?, ?)",
                arguments: [key.id, key.name, key.scope, key.secretHash, key.createdAt.timeIntervalSince1970])
        }
    }

    func key(id: String) async throws -> StoredAPIKey? {
        try await pool.read { db in try Row.fetchOne(db, sql: "SELECT * FROM api_keys WHERE id = ?", arguments: [id]).map(Self.key) }
    }

    func all() async throws -> [StoredAPIKey] {
        try await pool.read { db in try Row.fetchAll(db, sql: "SELECT * FROM api_keys ORDER BY created_at, id").map(Self.key) }
    }

    func revoke(id: String, now: Date) async throws -> Bool {
        try await pool.write { db in
            try db.execute(sql: "UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", arguments: [now.timeIntervalSince1970, id])
            return db.changesCount > 0
        }
    }
}

/// Store-wide settings in SQLite (`meta`).
struct SQLiteMetaStore: MetaStore {
    let pool: SQLitePool

    func value(_ key: String) async throws -> String? {
        try await pool.read { db in try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [key]) }
    }

    func set(_ key: String, _ value: String) async throws {
        try await pool.write { db in
            try db.execute(sql: "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value", arguments: [key, value])
        }
    }
}

/// Published models in SQLite (`models`), guarded by the erasure epoch in `meta`.
struct SQLiteModelStore: ModelStore {
    let pool: SQLitePool

    func latest() async throws -> StoredModel? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM models ORDER BY version DESC LIMIT 1").map {
                StoredModel(
                    version: $0["version"], algorithm: $0["algorithm"], fittedAt: Date(timeIntervalSince1970: $0["fitted_at"]),
                    eventCount: $0["event_count"], erasureEpoch: $0["erasure_epoch"], fitSeconds: $0["fit_seconds"], payload: $0["payload"])
            }
        }
    }

    func latestVersion() async throws -> Int? {
        try await pool.read { db in try Int.fetchOne(db, sql: "SELECT MAX(version) FROM models") }
    }

    func latestEventCount() async throws -> Int? {
        try await pool.read { db in try Int.fetchOne(db, sql: "SELECT event_count FROM models ORDER BY version DESC LIMIT 1") }
    }

    func erasureEpoch() async throws -> Int {
        try await pool.read { db in Self.epoch(db) }
    }

    static func epoch(_ db: Database) -> Int {
        Int((try? String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'erasure_epoch'")) ?? "0") ?? 0
    }

    func publish(_ model: StoredModel) async throws {
        try await pool.write { db in
            let latest = try Int.fetchOne(db, sql: "SELECT MAX(version) FROM models") ?? 0
            guard model.version == latest + 1 else { throw StoreError(.conflict, "model version \(latest) is published; cannot publish \(model.version)") }
            let epoch = Self.epoch(db)
            guard model.erasureEpoch == epoch else {
                throw StoreError(.conflict, "a user was erased after this model read its events (epoch \(model.erasureEpoch), now \(epoch))")
            }
            try db.execute(
                sql: """
                    INSERT INTO models (version, algorithm, fitted_at, event_count, erasure_epoch, fit_seconds, payload)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    model.version, model.algorithm, model.fittedAt.timeIntervalSince1970, model.eventCount, model.erasureEpoch, model.fitSeconds,
                    model.payload,
                ])
            try db.execute(sql: "DELETE FROM models WHERE version < ?", arguments: [model.version])
        }
    }
}
