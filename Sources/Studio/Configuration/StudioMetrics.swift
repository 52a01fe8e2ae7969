import Foundation
import Metrics
import Store

/// The application metrics (through swift-metrics, so any backend works; `serve` exports them
/// in Prometheus format at `/metrics`): generation counts and durations by kind, artifact cache
/// hits and misses, and model refits.
enum StudioMetrics {
    /// Counts a generated artifact and records how long generation took.
    static func generated(_ kind: String, since start: ContinuousClock.Instant) {
        Counter(label: "scenewright_generated_total", dimensions: [("kind", kind)]).increment()
        Timer(label: "scenewright_generation_seconds", dimensions: [("kind", kind)]).recordNanoseconds(nanoseconds(since: start))
    }

    /// Counts a request for an artifact that was (hit) or was not (miss) already stored.
    static func cache(_ kind: String, hit: Bool) {
        Counter(label: "scenewright_cache_requests_total", dimensions: [("kind", kind), ("result", hit ? "hit" : "miss")]).increment()
    }

    static func refitted(since start: ContinuousClock.Instant) {
        Counter(label: "scenewright_model_refits_total").increment()
        Timer(label: "scenewright_model_refit_seconds").recordNanoseconds(nanoseconds(since: start))
    }

    private static func nanoseconds(since start: ContinuousClock.Instant) -> Int64 {
        let elapsed = ContinuousClock.now - start
        return elapsed.components.seconds * 1_000_000_000 + elapsed.components.attoseconds / 1_000_000_000
    }
}

extension StudioMetrics {
    /// Counts a job the work queue refused because it was full.
    static func refused(_ kind: String) {
        Counter(label: "scenewright_work_refused_total", dimensions: [("kind", kind)]).increment()
    }
}

extension StudioMetrics {
    /// Counts an evicted artifact made again from its recipe.
    static func regenerated(_ kind: String, since start: ContinuousClock.Instant) {
        Counter(label: "scenewright_regenerated_total", dimensions: [("kind", kind)]).increment()
    }
}

extension StudioMetrics {
    /// Counts artifacts whose payloads the storage budget evicted, and their bytes.
    static func evicted(_ report: EvictionReport) {
        Counter(label: "scenewright_evicted_total").increment(by: report.artifacts)
        Counter(label: "scenewright_evicted_bytes_total").increment(by: report.bytes)
    }
}
