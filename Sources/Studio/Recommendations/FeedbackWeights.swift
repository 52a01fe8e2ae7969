import Catalog
import Foundation

/// How feedback events become the recommender's per-film weights (documented in the README).
///
/// | event | contribution |
/// |---|---|
/// | `rating` r | r ≥ 3: (r − 2.5) × 0.8 (3★ 0.4, 4★ 1.2, 5★ 2.0); r < 3: −1. Only the latest rating counts. |
/// | `view` | 0.5 |
/// | `dwell` s seconds | 0 under 10 s, then 0.25 + 0.75 × min(s, 300)/300 (at most 1.0) |
/// | `hotspot` n | 0.2 × n, at most 1.0 per film |
/// | `like` | 2.0 |
/// | `skip` | −1.0 |
///
/// A film's weight is the sum, capped at 3. Films with a weight above 0 are positives the
/// models learn from; every film with any event is left out of the user's recommendations.
public enum FeedbackWeights {
    public static let cap: Float = 3

    /// The weight of one event on its own.
    public static func contribution(_ event: FeedbackEvent) -> Float {
        let value = Float(event.value)
        switch event.kind {
        case .rating: return value >= 3 ? (value - 2.5) * 0.8 : -1
        case .view: return 0.5
        case .dwell: return value < 10 ? 0 : 0.25 + 0.75 * min(value, 300) / 300
        case .hotspot: return min(0.2 * max(value, 0), 1)
        case .like: return 2
        case .skip: return -1
        }
    }

    /// Per-film weights for one user's events (in any order).
    public static func weights(_ events: [FeedbackEvent]) -> [String: Float] {
        var latestRating: [String: FeedbackEvent] = [:]
        var hotspots: [String: Float] = [:]
        var sums: [String: Float] = [:]
        for event in events {
            switch event.kind {
            case .rating:
                if let current = latestRating[event.filmId], current.timestamp > event.timestamp { continue }
                latestRating[event.filmId] = event
            case .hotspot:
                hotspots[event.filmId, default: 0] += contribution(event)
            default:
                sums[event.filmId, default: 0] += contribution(event)
            }
        }
        for (film, event) in latestRating { sums[film, default: 0] += contribution(event) }
        for (film, value) in hotspots { sums[film, default: 0] += min(value, 1) }
        return sums.mapValues { min($0, cap) }
    }
}
