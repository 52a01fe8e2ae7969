import GRDB
import Store

/// GRDB's `DatabasePool` with SQLite's errors turned into ``StoreError``s, so nothing above
/// this target sees a GRDB type.
struct SQLitePool: Sendable {
    let pool: DatabasePool

    func read<T: Sendable>(_ body: @Sendable (Database) throws -> T) async throws -> T {
        try await Self.mapping { try await pool.read(body) }
    }

    func write<T: Sendable>(_ body: @Sendable (Database) throws -> T) async throws -> T {
        try await Self.mapping { try await pool.write(body) }
    }

    static func mapping<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as DatabaseError {
            switch (error.resultCode, error.extendedResultCode) {
            case (.SQLITE_CONSTRAINT, .SQLITE_CONSTRAINT_UNIQUE), (.SQLITE_CONSTRAINT, .SQLITE_CONSTRAINT_PRIMARYKEY):
                throw StoreError(.conflict, "a record with this key exists")
            case (.SQLITE_CONSTRAINT, _): throw StoreError(.constraint, "a value breaks a constraint: \(error.message ?? "")")
            case (.SQLITE_BUSY, _), (.SQLITE_LOCKED, _): throw StoreError(.unavailable, "the database is busy")
            default: throw StoreError(.unavailable, "SQLite error \(error.resultCode.rawValue): \(error.message ?? "")")
            }
        }
    }
}
