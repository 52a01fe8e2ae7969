import GRDB

/// Store-wide settings and markers, such as when the sample catalog was seeded.
public struct MetaRepository: Sendable {
    let pool: DatabasePool

    public func value(_ key: String) async throws -> String? {
        try await pool.read { db in try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [key]) }
    }

    public func set(_ key: String, _ value: String) async throws {
        try await pool.write { db in
            try db.execute(sql: "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value", arguments: [key, value])
        }
    }
}
