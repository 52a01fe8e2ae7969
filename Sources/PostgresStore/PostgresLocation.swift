import Foundation
import Logging
import PostgresNIO
import Store

/// Where a PostgreSQL database is: parsed from `postgres://user@host:port/database?sslmode=…`.
/// The password never comes from the URL (it would show in `ps`); it comes from
/// `$SCENEWRIGHT_DB_PASSWORD`.
public struct PostgresLocation: Sendable, Equatable, CustomStringConvertible {
    public enum TLSMode: String, Sendable { case disable, require }

    public var username: String
    public var host: String
    public var port: Int
    public var database: String
    public var tls: TLSMode

    /// True for text that names a PostgreSQL database rather than a file.
    public static func isPostgresURL(_ text: String) -> Bool {
        text.hasPrefix("postgres://") || text.hasPrefix("postgresql://")
    }

    /// - Throws: ``StoreError`` `.unavailable` naming what is wrong with the URL.
    public init(url text: String) throws {
        guard Self.isPostgresURL(text), let components = URLComponents(string: text), let host = components.host, !host.isEmpty else {
            throw StoreError(.unavailable, "expected postgres://user@host:port/database?sslmode=disable|require, got '\(text.prefix(200))'")
        }
        guard components.password == nil else {
            throw StoreError(.unavailable, "put the database password in $SCENEWRIGHT_DB_PASSWORD, not in the URL")
        }
        guard let user = components.user, !user.isEmpty else { throw StoreError(.unavailable, "the database URL needs a user: postgres://user@host/database") }
        let database = String(components.path.drop { $0 == "/" })
        guard !database.isEmpty, !database.contains("/") else { throw StoreError(.unavailable, "the database URL needs a database name: postgres://user@host/database") }
        var tls = TLSMode.disable
        for item in components.queryItems ?? [] {
            switch (item.name, item.value) {
            case ("sslmode", let value?):
                guard let mode = TLSMode(rawValue: value) else { throw StoreError(.unavailable, "sslmode must be disable or require (got '\(value)')") }
                tls = mode
            default:
                throw StoreError(.unavailable, "unknown database URL parameter '\(item.name)'; only sslmode is understood")
            }
        }
        self.username = user
        self.host = host
        self.port = components.port ?? 5432
        self.database = database
        self.tls = tls
    }

    public var description: String { "postgres://\(username)@\(host):\(port)/\(database)?sslmode=\(tls.rawValue)" }
}

/// Administration a tool needs around a server: creating a database for a fresh store.
public enum PostgresStorageAdmin {
    /// Creates a new, empty database with a generated name on `location`'s server and returns the name.
    public static func createDatabase(_ location: PostgresLocation, password: String? = ProcessInfo.processInfo.environment["SCENEWRIGHT_DB_PASSWORD"], logger: Logger) async throws -> String {
        let name = "sw_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(24)
        let client = PostgresClient(
            configuration: .init(host: location.host, port: location.port, username: location.username, password: password, database: location.database, tls: .disable),
            backgroundLogger: logger)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await client.run() }
            // The name is generated here (hex), never taken from input; identifiers cannot be bound.
            try await PostgresErrors.mapping { try await client.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"), logger: logger) }
            group.cancelAll()
        }
        return String(name)
    }
}
