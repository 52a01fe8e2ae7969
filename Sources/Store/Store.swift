import Foundation
import GRDB

/// Scenewright's SQLite database: one `DatabasePool` in WAL mode, migrated on open, with one
/// repository per kind of record.
///
/// `Store` is `Sendable`; every repository method is `async` and runs on GRDB's pool, so callers
/// never block the event loop on disk.
public final class Store: Sendable {
    /// The pool every repository shares. Exposed for tests and maintenance commands.
    public let pool: DatabasePool
    /// Path of the database file.
    public let path: String
    /// Public artifacts kept in memory (see ``ArtifactCache``).
    public let artifactCache: ArtifactCache

    /// Default memory budget for cached artifacts: 64 MiB.
    public static let defaultArtifactCacheBytes = 64 << 20

    /// Opens (creating if needed) the database at `path` and applies pending migrations.
    /// `artifactCacheBytes` bounds the in-memory artifact cache (0 turns it off).
    /// - Throws: ``StoreError`` when the file cannot be opened or migrated.
    public init(path: String, artifactCacheBytes: Int = Store.defaultArtifactCacheBytes) throws {
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
            try Schema.migrator.migrate(pool)
        } catch {
            throw StoreError(.unavailable, "cannot open database \(path): \(error)")
        }
        self.path = path
        artifactCache = ArtifactCache(budget: artifactCacheBytes)
    }

    public var films: FilmRepository { FilmRepository(pool: pool) }
    public var users: UserRepository { UserRepository(pool: pool) }
    public var events: EventRepository { EventRepository(pool: pool) }
    public var artifacts: ArtifactRepository { ArtifactRepository(pool: pool, cache: artifactCache) }
    public var meta: MetaRepository { MetaRepository(pool: pool) }
    public var museums: MuseumRepository { MuseumRepository(pool: pool) }
    public var tours: TourRepository { TourRepository(pool: pool) }
    public var apiKeys: APIKeyRepository { APIKeyRepository(pool: pool) }

    /// Row counts of the main tables, for summaries and health checks.
    public func counts() async throws -> StoreCounts {
        try await pool.read { db in
            StoreCounts(
                films: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM films") ?? 0,
                users: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM users") ?? 0,
                events: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM feedback_events") ?? 0,
                artifacts: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM artifacts") ?? 0)
        }
    }
}

/// How many records the store holds.
public struct StoreCounts: Sendable, Equatable, Codable {
    public var films: Int
    public var users: Int
    public var events: Int
    public var artifacts: Int
}

/// An error from the store: the database is unavailable, a record is missing, or a write conflicts.
public struct StoreError: Error, Sendable, CustomStringConvertible {
    /// What kind of failure this is.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }
        public static let unavailable = Code("unavailable")
        public static let notFound = Code("notFound")
        public static let conflict = Code("conflict")
        public var description: String { name }
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
