import Foundation
import Prometheus

/// How the server treats requests: limits, keys, rate, cross-origin access.
public struct ServerSettings: Sendable {
    /// Largest request body accepted; larger ones get 413.
    public var maxBodyBytes: Int
    /// When true, every route but `/healthz`, `/openapi.yaml` and the viewer's files needs a key
    /// with scope `read`: reading public content, and generating scenes, dialogues, answers and chat.
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
    /// Proxies (such as a load balancer) whose `X-Forwarded-For` names the client; from any
    /// other peer the header is ignored.
    public var trustedProxies: [AddressRange]
    /// Wrong or revoked keys one client address may present before it gets 429 without a key
    /// lookup (a bucket like ``rateLimit``); applies only while ``rateLimit`` is on.
    public var wrongKeyLimit: RateLimit?

    /// Ten wrong keys in a burst, then one every ten seconds.
    public static let defaultWrongKeyLimit = RateLimit(perSecond: 0.1, burst: 10)

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
        corsOrigins: [String] = [], threeDirectory: String = "/usr/share/javascript/three", metrics: PrometheusCollectorRegistry? = nil,
        trustedProxies: [AddressRange] = [], wrongKeyLimit: RateLimit? = ServerSettings.defaultWrongKeyLimit
    ) {
        self.maxBodyBytes = maxBodyBytes
        self.requireKeyForReads = requireKeyForReads
        self.rateLimit = rateLimit
        self.corsOrigins = corsOrigins
        self.threeDirectory = threeDirectory
        self.metrics = metrics
        self.trustedProxies = trustedProxies
        self.wrongKeyLimit = wrongKeyLimit
    }
}
