import Foundation
import Prometheus

/// How the server treats requests: limits, keys, rate, cross-origin access.
public struct ServerSettings: Sendable {
    /// Largest request body accepted; larger ones get 413.
    public var maxBodyBytes: Int
    /// When true, reading public content also needs a key with scope `read`.
    public var requireKeyForReads: Bool
    /// Token-bucket rate limit per key (or per client address without one): sustained requests
    /// per second and burst size. Nil: no limit.
    public var rateLimit: RateLimit?
    /// Origins allowed to read responses from a browser (`*` for any); empty: same origin only.
    public var corsOrigins: [String]
    /// Where Debian's `libjs-three` keeps three.js, served under `/vendor/three/`.
    public var threeDirectory: String
    /// The registry swift-metrics was bootstrapped with, served at `/metrics`; nil: no metrics.
    public var metrics: PrometheusCollectorRegistry?

    public struct RateLimit: Sendable, Equatable {
        public var perSecond: Double
        public var burst: Int
        public init(perSecond: Double, burst: Int) {
            self.perSecond = perSecond
            self.burst = burst
        }
    }

    public init(
        maxBodyBytes: Int = ServerLimits.maxBodyBytes, requireKeyForReads: Bool = false, rateLimit: RateLimit? = RateLimit(perSecond: 50, burst: 200),
        corsOrigins: [String] = [], threeDirectory: String = "/usr/share/javascript/three", metrics: PrometheusCollectorRegistry? = nil
    ) {
        self.maxBodyBytes = maxBodyBytes
        self.requireKeyForReads = requireKeyForReads
        self.rateLimit = rateLimit
        self.corsOrigins = corsOrigins
        self.threeDirectory = threeDirectory
        self.metrics = metrics
    }
}
