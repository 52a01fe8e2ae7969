import Crypto
import Foundation
import Logging
import NIOSSL
import PostgresNIO
import Store

/// Storage in PostgreSQL, shared by several replicas: PostgresNIO's `PostgresClient` with its
/// connection pool, bound parameters only, migrations in `scenewright_migrations`, advisory
/// locks and LISTEN/NOTIFY for coordination.
public final class PostgresStorage: StorageEngine {
    public let engineName = "postgresql"
    public let location: String
    private let client: PostgresClient
    private let runner: Task<Void, Never>
    private let listener: PostgresNoticeListener
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

    /// Connects, migrates (up to `migration`, or fully) and starts listening for notices.
    /// - Parameters:
    ///   - password: from `$SCENEWRIGHT_DB_PASSWORD`; nil for trust or peer authentication.
    ///   - maxConnections: the pool's size per process.
    /// - Throws: ``StoreError`` `.unavailable` when the server cannot be reached or migrated.
    public init(
        _ location: PostgresLocation, password: String?, maxConnections: Int = 16, upTo migration: String? = nil,
        logger: Logger = Logger(label: "scenewright.postgres")
    ) async throws {
        var configuration = PostgresClient.Configuration(
            host: location.host, port: location.port, username: location.username, password: password, database: location.database,
            tls: location.tls == .disable ? .disable : .require(.makeClientConfiguration()))
        configuration.options.maximumConnections = maxConnections
        configuration.options.minimumConnections = 1
        let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        self.client = client
        runner = Task { await client.run() }
        self.location = location.description
        do {
            // Fail fast with a clear message when the server is not there.
            _ = try await Self.withTimeout(seconds: 10) { try await client.query("SELECT 1", logger: logger).collect() }
            try await PostgresSchema.migrate(client, logger: logger, upTo: migration)
        } catch {
            runner.cancel()
            throw error as? StoreError ?? StoreError(.unavailable, "cannot open PostgreSQL at \(location): \(error)")
        }
        let pool = PoolExecutor(client: client, logger: logger)
        films = PostgresFilmStore(db: pool)
        users = PostgresUserStore(db: pool)
        events = PostgresEventLog(db: pool)
        artifacts = PostgresArtifactStore(db: pool)
        museums = PostgresMuseumStore(db: pool)
        tours = PostgresTourStore(db: pool)
        apiKeys = PostgresAPIKeyStore(db: pool)
        meta = PostgresMetaStore(db: pool)
        models = PostgresModelStore(db: pool)
        listener = PostgresNoticeListener(client: client, logger: logger)
        coordinator = PostgresCoordinator(client: client, logger: logger, listener: listener)
        await listener.start()
    }

    private static func withTimeout<T: Sendable>(seconds: Double, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
        try await withThrowingTaskGroup(of: T.self) { group in
            group.addTask { try await body() }
            group.addTask {
                try await Task.sleep(for: .seconds(seconds))
                throw StoreError(.unavailable, "PostgreSQL did not answer within \(Int(seconds)) s")
            }
            let first = try await group.next()!
            group.cancelAll()
            return first
        }
    }

    public func counts() async throws -> StoreCounts {
        let pool = PoolExecutor(client: client, logger: Logger(label: "scenewright.postgres"))
        let row = try await pool.rows("""
            SELECT (SELECT COUNT(*) FROM films) AS films, (SELECT COUNT(*) FROM users) AS users,
                   (SELECT COUNT(*) FROM feedback_events) AS events, (SELECT COUNT(*) FROM artifacts) AS artifacts
            """)[0]
        return StoreCounts(films: try row.get("films"), users: try row.get("users"), events: try row.get("events"), artifacts: try row.get("artifacts"))
    }

    public func appliedMigrations() async throws -> [String] {
        let order = Dictionary(uniqueKeysWithValues: StorageSchema.migrations.enumerated().map { ($1, $0) })
        let pool = PoolExecutor(client: client, logger: Logger(label: "scenewright.postgres"))
        return try await pool.rows("SELECT id FROM scenewright_migrations").map { try $0.get("id", as: String.self) }
            .sorted { (order[$0] ?? .max) < (order[$1] ?? .max) }
    }

    public func contentDigest() async throws -> [String: String] {
        let pool = PoolExecutor(client: client, logger: Logger(label: "scenewright.postgres"))
        let tables = try await pool.rows(
            "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename <> 'scenewright_migrations' ORDER BY tablename"
        ).map { try $0.get("tablename", as: String.self) }
        var digests: [String: String] = [:]
        for table in tables {
            // The table name comes from the catalog, never from a request; quoted as an identifier.
            let quoted = "\"" + table.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            var hasher = SHA256()
            for row in try await pool.rows(PostgresQuery(unsafeSQL: "SELECT * FROM \(quoted) ORDER BY 1, 2")) {
                for cell in row {
                    hasher.update(data: Data("\(cell.columnName)=".utf8))
                    if let bytes = cell.bytes { hasher.update(data: Data(bytes.readableBytesView)) } else { hasher.update(data: Data("NULL".utf8)) }
                    hasher.update(data: Data(";".utf8))
                }
                hasher.update(data: Data("\n".utf8))
            }
            digests[table] = hasher.finalize().map { String(format: "%02x", $0) }.joined()
        }
        return digests
    }

    public func close() async {
        await listener.stop()
        runner.cancel()
        _ = await runner.value
    }
}
