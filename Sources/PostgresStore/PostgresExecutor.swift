import Foundation
import Logging
import PostgresNIO
import Store

/// Runs queries on the pool or on one connection inside a transaction, so store code is the
/// same either way. Every query is a `PostgresQuery`: values are always bound parameters.
protocol PostgresExecutor: Sendable {
    func rows(_ query: PostgresQuery) async throws -> [PostgresRandomAccessRow]
}

extension PostgresExecutor {
    /// Runs a statement and discards any rows.
    func execute(_ query: PostgresQuery) async throws { _ = try await rows(query) }

    /// The first column of the first row.
    func scalar<T: PostgresDecodable>(_ query: PostgresQuery, as type: T.Type = T.self) async throws -> T? {
        guard let cell = try await rows(query).first?[0], cell.bytes != nil else { return nil }
        return try cell.decode(T.self)
    }
}

/// The pool as an executor.
struct PoolExecutor: PostgresExecutor {
    let client: PostgresClient
    let logger: Logger

    func rows(_ query: PostgresQuery) async throws -> [PostgresRandomAccessRow] {
        try await PostgresErrors.mapping { try await client.query(query, logger: logger).collect().map { $0.makeRandomAccess() } }
    }

    /// Runs `body` in one transaction on one connection: all of it commits, or none.
    func transaction<T: Sendable>(_ body: (ConnectionExecutor) async throws -> T) async throws -> T {
        try await PostgresErrors.mapping {
            try await client.withTransaction(logger: logger) { connection in try await body(ConnectionExecutor(connection: connection, logger: logger)) }
        }
    }
}

/// One leased connection (inside a transaction) as an executor.
struct ConnectionExecutor: PostgresExecutor {
    let connection: PostgresConnection
    let logger: Logger

    func rows(_ query: PostgresQuery) async throws -> [PostgresRandomAccessRow] {
        try await PostgresErrors.mapping { try await connection.query(query, logger: logger).collect().map { $0.makeRandomAccess() } }
    }
}

extension PostgresRandomAccessRow {
    /// The value of column `name`.
    func get<T: PostgresDecodable>(_ name: String, as type: T.Type = T.self) throws -> T { try self[name].decode(T.self) }
    /// The column `name`, seconds since 1970 as a date.
    func date(_ name: String) throws -> Date { Date(timeIntervalSince1970: try get(name, as: Double.self)) }
}

/// PostgreSQL's error codes as store errors.
enum PostgresErrors {
    static func mapping<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as PSQLError {
            throw map(error)
        } catch let error as PostgresTransactionError {
            // The closure's own error is what went wrong; otherwise BEGIN or COMMIT failed.
            if let cause = error.closureError { throw (cause as? PSQLError).map(map) ?? cause }
            if let cause = (error.beginError ?? error.commitError) as? PSQLError { throw map(cause) }
            throw StoreError(.unavailable, "a transaction failed: \(error)")
        }
    }

    static func map(_ error: PSQLError) -> any Error {
        let state = error.serverInfo?[.sqlState]
        let message = error.serverInfo?[.message] ?? "\(error.code)"
        switch state {
        case "23505": return StoreError(.conflict, "a record with this key exists: \(message)")
        case "23503", "23514", "23502": return StoreError(.constraint, message)
        case "40001", "40P01": return StoreError(.conflict, "a concurrent write conflicted: \(message)")
        default:
            if error.serverInfo == nil { return StoreError(.unavailable, "PostgreSQL is unavailable: \(error.code)") }
            return StoreError(.unavailable, "PostgreSQL error \(state ?? "?"): \(message)")
        }
    }
}
