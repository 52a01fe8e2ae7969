import Foundation
import Hummingbird
import Prometheus
import Store
import Studio

/// `GET /healthz`: the database answers and the catalog is loaded. `GET /metrics`: the
/// Prometheus text format (admin key), when the server runs with metrics.
struct HealthRoutes {
    let studio: Studio
    let metrics: PrometheusCollectorRegistry?

    struct Health: ResponseEncodable {
        var status: String
        var films: Int
        var users: Int
    }

    func register(on router: Router<AppRequestContext>) {
        router.get("/healthz") { _, _ -> Response in
            let counts = try await studio.store.counts()
            let body = try JSONCoding.encoder.encode(Health(status: "ok", films: counts.films, users: counts.users))
            return Response(
                status: .ok, headers: [.contentType: "application/json", .cacheControl: "no-store"],
                body: .init(byteBuffer: ByteBuffer(bytes: body)))
        }
        router.get("/metrics") { _, context -> Response in
            try context.require(.admin)
            guard let metrics else { throw Problem.notFound("this server runs without metrics") }
            return Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8", .cacheControl: "no-store"],
                body: .init(byteBuffer: ByteBuffer(bytes: metrics.emitToBuffer())))
        }
    }
}
