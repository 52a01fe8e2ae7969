import Catalog
import Foundation

/// Limits on recommendation requests.
public enum RecommendationLimits {
    public static let maxK = 100
    public static let maxEventsPerBatch = 500
}

/// A feedback event as a client sends it; `timestamp` defaults to now and `value` to 1.
public struct FeedbackInput: Sendable, Decodable {
    public var filmId: String
    public var kind: FeedbackKind
    public var value: Double?
    public var timestamp: Date?
    public var idempotencyKey: String

    public init(filmId: String, kind: FeedbackKind, value: Double? = nil, timestamp: Date? = nil, idempotencyKey: String) {
        self.filmId = filmId
        self.kind = kind
        self.value = value
        self.timestamp = timestamp
        self.idempotencyKey = idempotencyKey
    }
}

/// What recording a batch did.
public struct EventReceipt: Sendable, Encodable {
    public var userId: String
    /// Events stored now.
    public var accepted: Int
    /// Events whose idempotency key was already stored (nothing changed for them).
    public var duplicates: Int
    /// True when this batch made a background refit due (the refit service starts it).
    public var refitStarted: Bool
}

extension RecommendationService {
    /// The batch as stored events, with every problem listed (field paths like `events[2].value`).
    /// - Parameter knownFilms: the films that exist; nil leaves that check to the store.
    static func validatedEvents(userId: String, _ inputs: [FeedbackInput], now: Date, knownFilms: Set<String>?) throws -> [FeedbackEvent] {
        guard !inputs.isEmpty else {
            throw StudioError(.invalidInput, "events must not be empty", problems: [.init(field: "events", message: "must not be empty")])
        }
        guard inputs.count <= RecommendationLimits.maxEventsPerBatch else {
            throw StudioError(
                .invalidInput, "at most \(RecommendationLimits.maxEventsPerBatch) events per batch (got \(inputs.count))",
                problems: [.init(field: "events", message: "at most \(RecommendationLimits.maxEventsPerBatch) entries")])
        }
        let events = inputs.map { input in
            FeedbackEvent(
                userId: userId, filmId: input.filmId, kind: input.kind, value: input.value ?? 1, timestamp: input.timestamp ?? now,
                idempotencyKey: input.idempotencyKey)
        }
        var problems: [StudioError.FieldProblem] = []
        for (index, event) in events.enumerated() {
            problems += event.validationProblems().filter { $0.field != "userId" }.map { .init(field: "events[\(index)].\($0.field)", message: $0.message) }
            if inputs[index].value == nil && (event.kind == .rating || event.kind == .dwell) {
                problems.append(.init(field: "events[\(index)].value", message: "\(event.kind.rawValue) needs a value"))
            }
            if let knownFilms, Identifier.isValid(event.filmId) && !knownFilms.contains(event.filmId) {
                problems.append(.init(field: "events[\(index)].filmId", message: "no film with id '\(event.filmId)'"))
            }
        }
        let keys = events.map(\.idempotencyKey)
        for (index, key) in keys.enumerated() where keys.firstIndex(of: key) != index {
            problems.append(.init(field: "events[\(index)].idempotencyKey", message: "repeats the key of events[\(keys.firstIndex(of: key)!)]"))
        }
        guard problems.isEmpty else {
            throw StudioError(.invalidInput, "invalid feedback batch: " + problems.map { "\($0.field): \($0.message)" }.joined(separator: "; "), problems: problems)
        }
        return events
    }
}
