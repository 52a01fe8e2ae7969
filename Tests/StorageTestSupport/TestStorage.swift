import Foundation
import Logging
import PostgresStore
import SQLiteStore
import Store
import Studio
import TestSupport

/// The storage engines a test can run against.
public enum StorageBackend: String, CaseIterable, Sendable, CustomStringConvertible {
    case sqlite, postgres
    public var description: String { rawValue }
}

/// Opens a fresh, empty store of each engine for a test.
///
/// SQLite: a file in a temporary directory. PostgreSQL: a new database on the server that
/// `$SCENEWRIGHT_TEST_POSTGRES` names (`postgres://user@host:port/database`, the database used
/// only to create test databases). Without it the PostgreSQL half is skipped with a message,
/// unless `$SCENEWRIGHT_REQUIRE_POSTGRES=1` (as in CI), where it fails.
public enum TestStorage {
    /// The admin URL, if configured.
    public static var postgresURL: String? { ProcessInfo.processInfo.environment["SCENEWRIGHT_TEST_POSTGRES"].flatMap { $0.isEmpty ? nil : $0 } }

    public static var postgresRequired: Bool { ProcessInfo.processInfo.environment["SCENEWRIGHT_REQUIRE_POSTGRES"] == "1" }

    /// Why the PostgreSQL half is not running, printed once per test.
    public static let skipMessage =
        "PostgreSQL tests skipped: set SCENEWRIGHT_TEST_POSTGRES=postgres://postgres@127.0.0.1:5432/postgres to run them (see .ci/run for a throwaway cluster)"

    /// A fresh store, or nil when the backend is not available here (after printing why).
    /// - Parameter migration: stop after this migration (for upgrade tests).
    public static func open(_ backend: StorageBackend, in directory: TemporaryDirectory, name: String = "test", upTo migration: String? = nil) async throws -> (any StorageEngine)? {
        switch backend {
        case .sqlite:
            return try SQLiteStorage(path: directory.path("\(name).sqlite"), upTo: migration)
        case .postgres:
            guard let url = postgresURL else {
                if postgresRequired { throw TestStorageError("SCENEWRIGHT_REQUIRE_POSTGRES=1 but SCENEWRIGHT_TEST_POSTGRES is not set") }
                FileHandle.standardError.write(Data((skipMessage + "\n").utf8))
                return nil
            }
            let database = try await createDatabase(adminURL: url)
            var location = try PostgresLocation(url: url)
            location.database = database
            return try await PostgresStorage(location, password: ProcessInfo.processInfo.environment["SCENEWRIGHT_DB_PASSWORD"], maxConnections: 8, upTo: migration, logger: quiet)
        }
    }

    /// Opens a second engine on the same PostgreSQL database or SQLite file (another "replica").
    public static func reopen(_ engine: any StorageEngine) async throws -> any StorageEngine {
        if PostgresLocation.isPostgresURL(engine.location) {
            return try await PostgresStorage(try PostgresLocation(url: engine.location), password: ProcessInfo.processInfo.environment["SCENEWRIGHT_DB_PASSWORD"], maxConnections: 8, logger: quiet)
        }
        return try SQLiteStorage(path: engine.location)
    }

    /// A database URL for a fresh PostgreSQL database (for tests that start server processes).
    public static func freshPostgresURL() async throws -> String? {
        guard let url = postgresURL else { return nil }
        var location = try PostgresLocation(url: url)
        location.database = try await createDatabase(adminURL: url)
        return location.description
    }

    static var quiet: Logger {
        var logger = Logger(label: "scenewright-test-postgres")
        logger.logLevel = .critical
        return logger
    }

    private static func createDatabase(adminURL: String) async throws -> String {
        try await PostgresStorageAdmin.createDatabase(try PostgresLocation(url: adminURL), logger: quiet)
    }
}

/// A test setup problem.
public struct TestStorageError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// Opens a SQLite store by path (for tests about opening itself).
public enum SQLiteStorageOpener {
    public static func open(_ path: String) throws -> any StorageEngine { try SQLiteStorage(path: path) }
}

/// A studio over a fresh store, for tests of the services and the server.
public enum TestStudio {
    /// A studio on a fresh SQLite file in `directory` (or a fresh PostgreSQL database).
    public static func open(
        _ backend: StorageBackend = .sqlite, in directory: TemporaryDirectory, configuration: StudioConfiguration = .init(), logger: Logger = TestLogger.quiet
    ) async throws -> Studio? {
        guard let storage = try await TestStorage.open(backend, in: directory, name: "studio") else { return nil }
        return try Studio(storage: storage, directories: DataDirectories.repository, configuration: configuration, logger: logger)
    }

    /// A studio on a fresh SQLite file (always available).
    public static func sqlite(in directory: TemporaryDirectory, configuration: StudioConfiguration = .init(), logger: Logger = TestLogger.quiet) throws -> Studio {
        try Studio(storage: try SQLiteStorage(path: directory.path("studio.sqlite")), directories: DataDirectories.repository, configuration: configuration, logger: logger)
    }
}
