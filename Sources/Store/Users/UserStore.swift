import Catalog
import Foundation

/// Visitor profiles, and erasing everything stored about one.
public protocol UserStore: Sendable {
    func user(id: String) async throws -> UserProfile?
    /// Which of `ids` exist.
    func existingIds(_ ids: [String]) async throws -> Set<String>
    func count() async throws -> Int
    /// All users, ordered by id.
    func all() async throws -> [UserProfile]
    /// Inserts or replaces profiles in one transaction; a replaced profile keeps its creation time.
    func upsert(_ users: [UserProfile], now: Date) async throws
    /// Inserts profiles that do not exist yet, leaving existing ones untouched; returns how many were new.
    func insertMissing(_ users: [UserProfile], now: Date) async throws -> Int
    /// Removes the user and everything stored for them — feedback events, tours, recipes and
    /// artifacts generated for them — in one transaction. When they had events, the erasure
    /// epoch (``ModelStore/erasureEpoch()``) advances in the same transaction, so no model
    /// fitted on their events can be published afterwards. Nil when there is no such user.
    func erase(id: String) async throws -> UserErasure?
}

/// What erasing a user removed.
public struct UserErasure: Sendable, Equatable {
    public var events: Int
    public var tourVersions: Int
    public var artifacts: Int
    /// The erasure epoch after the erase.
    public var epoch: Int

    public init(events: Int, tourVersions: Int, artifacts: Int, epoch: Int) {
        self.events = events
        self.tourVersions = tourVersions
        self.artifacts = artifacts
        self.epoch = epoch
    }
}
