import Catalog
import Foundation

/// The feedback log every replica reads: events are unique per user and idempotency key.
public protocol EventLog: Sendable {
    /// Inserts the events whose (user, idempotency key) is new, all in one transaction, and
    /// returns how many were new. Users and films must exist; otherwise the whole batch fails
    /// with ``StoreError`` `.constraint` and nothing is written. Every replica is told
    /// (``ReplicaNotice/eventsRecorded(userId:)`` for each user with new events) once the
    /// transaction commits, and only then.
    func insert(_ events: [FeedbackEvent], receivedAt: Date) async throws -> Int
    /// A user's events, oldest first.
    func events(userId: String) async throws -> [FeedbackEvent]
    /// Every event, in insertion order (what models are fitted on).
    func all() async throws -> [FeedbackEvent]
    func count() async throws -> Int
}
