import Foundation
import Hummingbird
import Prometheus
import Studio

/// `GET /healthz`: the storage answers, the catalog is loaded, and which model version serves
/// (no personal data: no user counts). `GET /openapi.yaml`: the API
/// contract. `GET /metrics`: the Prometheus text format (admin key), when the server runs with
/// metrics.
struct HealthRoutes {
    let studio: Studio
    let metrics: PrometheusCollectorRegistry?

    func register(on router: Router<AppRequestContext>) {
        router.get("/healthz") { _, _ -> Response in
            let body = try JSONCoding.encoder.encode(try await studio.health())
            return Response(
                status: .ok, headers: [.contentType: "application/json", .cacheControl: "no-store"],
                body: .init(byteBuffer: ByteBuffer(bytes: body)))
        }
        router.get("/openapi.yaml") { _, _ -> Response in
            // The document sits at the repository root, beside the data folders.
            let candidates = [
                studio.directories.assets.deletingLastPathComponent().appendingPathComponent("openapi.yaml"),
                DataDirectories.repository.assets.deletingLastPathComponent().appendingPathComponent("openapi.yaml"),
            ]
            guard let data = candidates.lazy.compactMap({ try? Data(contentsOf: $0) }).first else {
                throw Problem.notFound("openapi.yaml is not installed beside the data folders")
            }
            return Response(
                status: .ok, headers: [.contentType: "application/yaml; charset=utf-8", .cacheControl: "no-cache"],
                body: .init(byteBuffer: ByteBuffer(bytes: data)))
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
