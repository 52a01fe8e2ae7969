import Foundation
import Synchronization

/// Stops calling a failing backend: after `threshold` consecutive failures it opens for
/// `cooldown` seconds (calls fail at once), then lets one call through; a success closes it.
public final class CircuitBreaker: Sendable {
    private struct State {
        var consecutiveFailures = 0
        var openUntil: Date?
        var trialInFlight = false
    }

    public let threshold: Int
    public let cooldown: TimeInterval
    private let state = Mutex(State())

    public init(threshold: Int, cooldown: TimeInterval) {
        self.threshold = max(1, threshold)
        self.cooldown = cooldown
    }

    /// True when a call may go out now.
    public func allowsCall(now: Date = Date()) -> Bool {
        state.withLock { state in
            guard let until = state.openUntil else { return true }
            if now < until || state.trialInFlight { return false }
            state.trialInFlight = true  // half-open: one trial call
            return true
        }
    }

    public func recordSuccess() {
        state.withLock { $0 = State() }
    }

    public func recordFailure(now: Date = Date()) {
        state.withLock { state in
            state.consecutiveFailures += 1
            state.trialInFlight = false
            if state.consecutiveFailures >= threshold { state.openUntil = now.addingTimeInterval(cooldown) }
        }
    }
}
