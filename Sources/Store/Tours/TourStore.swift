import Foundation

/// One version of a tour.
public struct StoredTour: Sendable, Equatable {
    public var id: String
    public var version: Int
    public var museumId: String
    /// The user it was planned for (personal: deleted with them).
    public var userId: String?
    /// `planned` or `edited`.
    public var origin: String
    /// The tour's canonical JSON.
    public var body: Data
    public var createdAt: Date

    public init(id: String, version: Int, museumId: String, userId: String? = nil, origin: String, body: Data, createdAt: Date = Date()) {
        self.id = id
        self.version = version
        self.museumId = museumId
        self.userId = userId
        self.origin = origin
        self.body = body
        self.createdAt = createdAt
    }
}

/// Tours and their versions. Versions are append-only: an edit adds version n + 1 and the
/// earlier ones stay readable.
public protocol TourStore: Sendable {
    /// The latest version, or the given one.
    func tour(id: String, version: Int?) async throws -> StoredTour?
    /// Every version, oldest first.
    func versions(id: String) async throws -> [StoredTour]
    /// Adds a version. Of two writers adding the same version at once, exactly one succeeds.
    /// - Throws: ``StoreError`` `.conflict` unless `tour.version` is one past the latest (1 for
    ///   a new tour); `.notFound` when the tour is personal and its user no longer exists.
    func add(_ tour: StoredTour) async throws
    /// Every version of every tour planned for a user, oldest first.
    func tours(userId: String) async throws -> [StoredTour]
}
