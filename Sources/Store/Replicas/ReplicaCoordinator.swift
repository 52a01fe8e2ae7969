/// What one replica tells the others (and itself) through the shared storage.
public enum ReplicaNotice: Sendable, Equatable {
    /// A new model version is published.
    case modelPublished(version: Int)
    /// A user's feedback changed: drop their cached weights.
    case eventsRecorded(userId: String)
    /// A user was erased: drop everything cached about them.
    case userErased(userId: String)
    /// Films were imported or changed: rebuild catalog indexes.
    case catalogChanged
    /// Notices may have been missed (the listener reconnected): drop every cache, reload the model.
    case resynchronise

    /// The text form sent over the wire (`model:12`, `events:ada`…).
    public var payload: String {
        switch self {
        case .modelPublished(let version): "model:\(version)"
        case .eventsRecorded(let user): "events:\(user)"
        case .userErased(let user): "erased:\(user)"
        case .catalogChanged: "catalog"
        case .resynchronise: "resync"
        }
    }

    /// Parses ``payload``; nil for anything else.
    public init?(payload: String) {
        let parts = payload.split(separator: ":", maxSplits: 1).map(String.init)
        switch (parts.first, parts.count) {
        case ("model", 2): guard let version = Int(parts[1]) else { return nil }; self = .modelPublished(version: version)
        case ("events", 2): self = .eventsRecorded(userId: parts[1])
        case ("erased", 2): self = .userErased(userId: parts[1])
        case ("catalog", 1): self = .catalogChanged
        case ("resync", 1): self = .resynchronise
        default: return nil
        }
    }
}

/// The locks a cluster needs.
public enum ReplicaLock: String, Sendable, CaseIterable {
    /// Held while fitting and publishing a model: one fitter at a time.
    case refit
    /// Held while migrating the schema.
    case migration
    /// Held while evicting artifacts to the storage budget.
    case eviction

    /// A stable 64-bit key for database advisory locks.
    public var key: Int64 {
        switch self {
        case .refit: 0x5CE7_0001
        case .migration: 0x5CE7_0002
        case .eviction: 0x5CE7_0003
        }
    }
}

/// Cluster-wide locks and notices. With SQLite (one process) both are in-process; with
/// PostgreSQL they are advisory locks and LISTEN/NOTIFY, so every replica sees every notice.
public protocol ReplicaCoordinator: Sendable {
    /// Runs `body` holding `lock`, waiting up to `wait` for it (nil: try once). Returns nil,
    /// without running `body`, when the lock could not be taken in time.
    func withLock<T: Sendable>(_ lock: ReplicaLock, wait: Duration?, _ body: @Sendable () async throws -> T) async throws -> T?

    /// Sends `notice` to every replica, this one included.
    func announce(_ notice: ReplicaNotice) async throws

    /// Every notice from now on, from any replica. Each call gives a new subscription.
    func notices() async -> AsyncStream<ReplicaNotice>
}
