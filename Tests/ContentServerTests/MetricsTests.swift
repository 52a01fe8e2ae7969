import ContentServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Metrics
import Prometheus
import Studio
import Testing

/// swift-metrics can be bootstrapped once per process: every metrics test shares this registry.
enum SharedMetrics {
    static let registry: PrometheusCollectorRegistry = {
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        return registry
    }()
}

@Suite struct MetricsTests {
    @Test func metricsCountRequestsGenerationsCacheAndRefits() async throws {
        let fixture = try await ServerFixture(settings: ServerSettings(rateLimit: nil, metrics: SharedMetrics.registry))
        try await fixture.test { client in
            let body = ByteBuffer(string: #"{"filmId": "casablanca-1942", "seed": 77}"#)
            _ = try await client.execute(uri: "/v1/scenes", method: .post, body: body)
            _ = try await client.execute(uri: "/v1/scenes", method: .post, body: body)
            _ = try await client.execute(uri: "/v1/films/nope", method: .get)
            _ = try await fixture.studio.recommendations.refit()
            let metrics = try await client.execute(uri: "/metrics", method: .get)
            #expect(metrics.status == .ok)
            #expect(metrics.headers[.contentType]?.hasPrefix("text/plain; version=0.0.4") == true)
            let text = metrics.text
            for needle in [
                "scenewright_generated_total{kind=\"scene\"}", "scenewright_cache_requests_total{kind=\"scene\",result=\"hit\"}",
                "scenewright_cache_requests_total{kind=\"scene\",result=\"miss\"}", "scenewright_generation_seconds_bucket",
                "http_server_request_duration", "404",
            ] {
                #expect(text.contains(needle), "\(needle) missing from /metrics")
            }
        }
        try await fixture.testAnonymously { client in
            let response = try await client.execute(uri: "/metrics", method: .get)
            #expect(response.status == .unauthorized)
        }
    }
}
