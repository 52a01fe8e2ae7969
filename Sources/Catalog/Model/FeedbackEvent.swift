import Foundation

/// Something a visitor did with a film, reported by a client; the recommender learns from these.
public struct FeedbackEvent: Codable, Sendable, Hashable {
    public var userId: String
    public var filmId: String
    public var kind: FeedbackKind
    /// Meaning depends on `kind`: stars for `rating` (0.5–5), seconds for `dwell`, otherwise
    /// a count or strength (1 by default).
    public var value: Double
    /// When it happened.
    public var timestamp: Date
    /// Client-chosen key; replaying an event with the same key for the same user changes nothing.
    public var idempotencyKey: String

    public init(userId: String, filmId: String, kind: FeedbackKind, value: Double = 1, timestamp: Date, idempotencyKey: String) {
        self.userId = userId
        self.filmId = filmId
        self.kind = kind
        self.value = value
        self.timestamp = timestamp
        self.idempotencyKey = idempotencyKey
    }
}

/// The kinds of feedback a client can report.
public enum FeedbackKind: String, Codable, Sendable, CaseIterable {
    /// An explicit star rating, 0.5 to 5.
    case rating
    /// The visitor opened the film's scene.
    case view
    /// Seconds spent in the scene.
    case dwell
    /// The visitor opened a hotspot in the scene.
    case hotspot
    /// An explicit thumbs-up.
    case like
    /// The visitor skipped the film when it was offered.
    case skip
}
