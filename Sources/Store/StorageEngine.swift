import Catalog
import Foundation

/// A storage engine: every kind of record Scenewright keeps, behind one value.
///
/// Two engines implement it — `SQLiteStorage` (the embedded default, one process) and
/// `PostgresStorage` (shared by several replicas). Studio holds `any StorageEngine` and never
/// sees the database library behind it. Every method is `async` and safe to call from any task.
public protocol StorageEngine: Sendable {
    /// `sqlite` or `postgresql`.
    var engineName: String { get }
    /// Where the data lives, for logs: a file path, or a URL without its password.
    var location: String { get }

    var films: any FilmStore { get }
    var users: any UserStore { get }
    var events: any EventLog { get }
    var artifacts: any ArtifactStore { get }
    var museums: any MuseumStore { get }
    var tours: any TourStore { get }
    var apiKeys: any APIKeyStore { get }
    var meta: any MetaStore { get }
    var models: any ModelStore { get }
    /// Locks and notices shared by every process on this storage.
    var coordinator: any ReplicaCoordinator { get }

    /// Row counts of the main tables.
    func counts() async throws -> StoreCounts
    /// Identifiers of the migrations applied, oldest first.
    func appliedMigrations() async throws -> [String]
    /// A digest of every table's rows (table → SHA-256 of its rows in key order), to check
    /// that a rejected request changed nothing.
    func contentDigest() async throws -> [String: String]
    /// Releases connections; the engine is unusable afterwards.
    func close() async
}

/// The migrations both engines apply, oldest first. Never edit a shipped migration: add one.
public enum StorageSchema {
    public static let migrations = [
        "v1-catalog", "v2-artifacts-keys-meta", "v3-film-audience", "v4-museums-tours", "v5-artifact-owner", "v6-recipes-budget",
    ]
    /// The migration before the newest: what "an upgrade from the previous schema" starts at.
    public static var previous: String { migrations[migrations.count - 2] }
}

/// How many records the store holds.
public struct StoreCounts: Sendable, Equatable, Codable {
    public var films: Int
    public var users: Int
    public var events: Int
    public var artifacts: Int

    public init(films: Int, users: Int, events: Int, artifacts: Int) {
        self.films = films
        self.users = users
        self.events = events
        self.artifacts = artifacts
    }
}

extension EventLog {
    /// Inserts events received now.
    @discardableResult
    public func insert(_ events: [FeedbackEvent]) async throws -> Int { try await insert(events, receivedAt: Date()) }
}

extension UserStore {
    /// Inserts or replaces profiles now.
    public func upsert(_ users: [UserProfile]) async throws { try await upsert(users, now: Date()) }
}

extension ArtifactStore {
    /// Number of artifact rows of every kind.
    public func count() async throws -> Int { try await count(kind: nil) }
}

extension TourStore {
    /// The latest version of a tour.
    public func tour(id: String) async throws -> StoredTour? { try await tour(id: id, version: nil) }
}
