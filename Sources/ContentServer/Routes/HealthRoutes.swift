import Foundation
import Hummingbird
import Store
import Studio

/// `GET /healthz`: the database answers and the catalog is loaded.
struct HealthRoutes {
    let studio: Studio

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
    }
}
