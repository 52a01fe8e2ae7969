import Crypto
import Foundation
import GRDB
import Store

/// Scenewright's embedded storage: one SQLite file, one GRDB `DatabasePool` in WAL mode with
/// `synchronous = FULL`, migrated on open. The default engine, for one process.
public final class SQLiteStorage: StorageEngine {
    public let engineName = "sqlite"
    /// Path of the database file.
    public let location: String
    private let pool: DatabasePool
    private let mapped: SQLitePool
    public let films: any FilmStore
    public let users: any UserStore
    public let events: any EventLog
    public let artifacts: any ArtifactStore
    public let museums: any MuseumStore
    public let tours: any TourStore
    public let apiKeys: any APIKeyStore
    public let meta: any MetaStore
    public let models: any ModelStore
    public let coordinator: any ReplicaCoordinator

    /// Opens (creating if needed) the database at `path` and applies the migrations up to
    /// `migration` (all of them by default; an earlier one only for upgrade tests).
    /// - Throws: ``StoreError`` `.unavailable` when the file cannot be opened or migrated.
    public init(path: String, upTo migration: String? = nil) throws {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            // A write a client was told succeeded must survive a crash of the machine, not only of the process.
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        do {
            let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            pool = try DatabasePool(path: path, configuration: configuration)
            if let migration {
                try SQLiteSchema.migrator.migrate(pool, upTo: migration)
            } else {
                try SQLiteSchema.migrator.migrate(pool)
            }
        } catch {
            throw StoreError(.unavailable, "cannot open database \(path): \(error)")
        }
        location = path
        let pool = SQLitePool(pool: self.pool)
        mapped = pool
        films = SQLiteFilmStore(pool: pool)
        users = SQLiteUserStore(pool: pool)
        let coordinator = InProcessCoordinator.shared(for: path)
        self.coordinator = coordinator
        events = SQLiteEventLog(pool: pool, coordinator: coordinator)
        artifacts = SQLiteArtifactStore(pool: pool)
        museums = SQLiteMuseumStore(pool: pool)
        tours = SQLiteTourStore(pool: pool)
        apiKeys = SQLiteAPIKeyStore(pool: pool)
        meta = SQLiteMetaStore(pool: pool)
        models = SQLiteModelStore(pool: pool)
    }

    public func counts() async throws -> StoreCounts {
        try await mapped.read { db in
            StoreCounts(
                films: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM films") ?? 0,
                users: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM users") ?? 0,
                events: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM feedback_events") ?? 0,
                artifacts: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM artifacts") ?? 0)
        }
    }

    public func appliedMigrations() async throws -> [String] {
        try await mapped.read { db in try SQLiteSchema.migrator.appliedMigrations(db) }
    }

    public func contentDigest() async throws -> [String: String] {
        try await mapped.read { db in
            let tables = try String.fetchAll(
                db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'grdb_%' ORDER BY name")
            var digests: [String: String] = [:]
            for table in tables {
                var hasher = SHA256()
                for row in try Row.fetchAll(db, sql: "SELECT * FROM \(table.quotedDatabaseIdentifier) ORDER BY 1, 2") {
                    for (column, value) in row {
                        hasher.update(data: Data("\(column)=".utf8))
                        switch value.storage {
                        case .null: hasher.update(data: Data("NULL".utf8))
                        case .int64(let number): hasher.update(data: Data("i\(number)".utf8))
                        case .double(let number): hasher.update(data: Data("d\(number)".utf8))
                        case .string(let text): hasher.update(data: Data(("s" + text).utf8))
                        case .blob(let bytes): hasher.update(data: bytes)
                        }
                        hasher.update(data: Data(";".utf8))
                    }
                    hasher.update(data: Data("\n".utf8))
                }
                digests[table] = hasher.finalize().map { String(format: "%02x", $0) }.joined()
            }
            return digests
        }
    }

    public func close() async {
        try? pool.close()
    }
}
