import Foundation

/// A fitted recommender as one replica published it for all the others.
public struct StoredModel: Sendable, Equatable {
    /// Increases by one with every publication, across all replicas.
    public var version: Int
    public var algorithm: String
    public var fittedAt: Date
    /// Feedback events it was fitted on.
    public var eventCount: Int
    /// The erasure epoch its events were read at (see ``UserStore/erase(id:)``).
    public var erasureEpoch: Int
    public var fitSeconds: Double
    /// The archived model (the Recommender module's archive format).
    public var payload: Data

    public init(version: Int, algorithm: String, fittedAt: Date, eventCount: Int, erasureEpoch: Int, fitSeconds: Double, payload: Data) {
        self.version = version
        self.algorithm = algorithm
        self.fittedAt = fittedAt
        self.eventCount = eventCount
        self.erasureEpoch = erasureEpoch
        self.fitSeconds = fitSeconds
        self.payload = payload
    }
}

/// The newest fitted model, shared by every replica, and the erasure epoch that guards it.
public protocol ModelStore: Sendable {
    /// The newest published model, payload included.
    func latest() async throws -> StoredModel?
    /// The newest published version, without its payload.
    func latestVersion() async throws -> Int?
    /// How many events the newest published model was fitted on, without its payload.
    func latestEventCount() async throws -> Int?
    /// How many users with events have been erased so far.
    func erasureEpoch() async throws -> Int
    /// Publishes `model` and deletes older ones (their payloads hold erased users' data too).
    /// - Throws: ``StoreError`` `.conflict` when `model.version` is not one past the latest, or
    ///   when a user with events was erased since `model.erasureEpoch` (the model was fitted on
    ///   their events and must not be installed).
    func publish(_ model: StoredModel) async throws
}
