import ContentServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Store
import Studio
import Testing

/// `GET /v1/scenes/{id}/preview.png`.
@Suite struct PreviewRoutesTests {
    func stage(_ client: any TestClientProtocol) async throws -> String {
        let created = try await client.execute(uri: "/v1/scenes", method: .post, body: ByteBuffer(string: #"{"filmId": "casablanca-1942"}"#))
        return try #require(created.object["id"] as? String)
    }

    @Test func rendersCachesAndRevalidates() async throws {
        let fixture = try await ServerFixture()
        try await fixture.test { client in
            let id = try await stage(client)
            let first = try await client.execute(uri: "/v1/scenes/\(id)/preview.png", method: .get)
            #expect(first.status == .ok)
            #expect(first.headers[.contentType] == "image/png")
            #expect(first.data.prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
            #expect(first.headers[.cacheControl] == "public, max-age=31536000, immutable")
            let etag = try #require(first.headers[.eTag])
            let again = try await client.execute(uri: "/v1/scenes/\(id)/preview.png", method: .get)
            #expect(again.data == first.data)
            #expect(try await client.execute(uri: "/v1/scenes/\(id)/preview.png", method: .get, headers: [.ifNoneMatch: etag]).status == .notModified)
            let plan = try await client.execute(uri: "/v1/scenes/\(id)/preview.png?view=plan&width=320&height=200", method: .get)
            #expect(plan.status == .ok)
            #expect(plan.headers[.eTag] != etag)
        }
        // One artifact per (view, size): the default perspective and the small plan.
        #expect(try await fixture.studio.storage.artifacts.count(kind: "preview.png") == 2)
    }

    @Test(arguments: [
        ("?width=0", "width"), ("?width=4096", "width"), ("?height=8", "height"), ("?width=abc", "width"),
        ("?height=2049", "height"), ("?view=isometric", "view"), ("?width=-5", "width"), ("?width=1e3", "width"),
    ])
    func badParametersAre400NamingTheLimit(query: String, parameter: String) async throws {
        let fixture = try await ServerFixture()
        try await fixture.test { client in
            let id = try await stage(client)
            let response = try await client.execute(uri: "/v1/scenes/\(id)/preview.png\(query)", method: .get)
            #expect(response.status == .badRequest)
            #expect(response.headers[.contentType] == "application/problem+json")
            #expect(response.object["parameter"] as? String == parameter)
            if parameter != "view" { #expect((response.object["detail"] as? String)?.contains("2048") == true) }
        }
    }

    @Test func unknownSceneIs404() async throws {
        let fixture = try await ServerFixture()
        try await fixture.test { client in
            let response = try await client.execute(uri: "/v1/scenes/\(String(repeating: "0", count: 64))/preview.png", method: .get)
            #expect(response.status == .notFound)
            #expect(response.headers[.contentType] == "application/problem+json")
        }
    }
}
