import Catalog
import Foundation
import Store

/// Group commit for feedback: batches posted at the same moment by different requests are
/// written by one statement (one commit, one fsync) instead of one each.
///
/// At most `maxInFlight` statements run at once; batches arriving meanwhile wait and go
/// together in the next statement, so there is no timer and no added latency when the log is
/// idle. Each caller still gets all-or-nothing for its own batch, and its answer only after
/// the commit: when a combined statement fails (one batch names an unknown film, say), every
/// batch in it is retried alone, so only the faulty one fails.
actor PostgresEventBatcher {
    struct Pending {
        var events: [FeedbackEvent]
        var receivedAt: Date
        var reply: CheckedContinuation<Int, any Error>
    }

    /// Writes events (each with its receipt time) and returns the (user, key) pairs that were new.
    typealias Write = @Sendable (_ events: [FeedbackEvent], _ receivedAt: [Double]) async throws -> [EventKey]

    struct EventKey: Hashable, Sendable {
        var userId: String
        var idempotencyKey: String
    }

    let write: Write
    let maxInFlight: Int
    let maxEventsPerStatement: Int
    private var waiting: [Pending] = []
    private var inFlight = 0

    init(maxInFlight: Int = 2, maxEventsPerStatement: Int = 5_000, write: @escaping Write) {
        self.maxInFlight = maxInFlight
        self.maxEventsPerStatement = maxEventsPerStatement
        self.write = write
    }

    /// Stores one batch, all or nothing; returns how many of its events were new.
    func insert(_ events: [FeedbackEvent], receivedAt: Date) async throws -> Int {
        guard !events.isEmpty else { return 0 }
        return try await withCheckedThrowingContinuation { reply in
            waiting.append(Pending(events: events, receivedAt: receivedAt, reply: reply))
            startStatements()
        }
    }

    private func startStatements() {
        while inFlight < maxInFlight, !waiting.isEmpty {
            var group: [Pending] = [], size = 0
            while let next = waiting.first, group.isEmpty || size + next.events.count <= maxEventsPerStatement {
                size += next.events.count
                group.append(waiting.removeFirst())
            }
            inFlight += 1
            let statement = group
            Task { await self.run(statement) }
        }
    }

    private func run(_ group: [Pending]) async {
        do {
            try await commit(group)
        } catch where group.count > 1 {
            for pending in group {
                do { try await commit([pending]) } catch { pending.reply.resume(throwing: error) }
            }
        } catch {
            group[0].reply.resume(throwing: error)
        }
        inFlight -= 1
        startStatements()
    }

    /// One statement for `group`; answers every caller when it commits.
    private func commit(_ group: [Pending]) async throws {
        let events = group.flatMap(\.events)
        let receivedAt = group.flatMap { pending in Array(repeating: pending.receivedAt.timeIntervalSince1970, count: pending.events.count) }
        var new = Set(try await write(events, receivedAt))
        // Credit each new event to the first batch that carried it (two requests may replay the same key).
        for pending in group {
            let count = pending.events.reduce(0) { count, event in
                new.remove(EventKey(userId: event.userId, idempotencyKey: event.idempotencyKey)) != nil ? count + 1 : count
            }
            pending.reply.resume(returning: count)
        }
    }
}
