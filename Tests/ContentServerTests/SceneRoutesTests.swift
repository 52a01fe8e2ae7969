import ContentServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SceneGraph
import Store
import Studio
import Testing

/// Staging scenes and fetching them over HTTP.
@Suite struct SceneRoutesTests {
    @Test func createFetchAndRevalidate() async throws {
        let fixture = try await ServerFixture()
        try await fixture.test { client in
            let created = try await client.execute(uri: "/v1/scenes", method: .post, body: ByteBuffer(string: #"{"filmId": "star-wars-1977", "seed": 42}"#))
            #expect(created.status == .created, "\(created.text)")
            let id = try #require(created.object["id"] as? String)
            #expect(id.count == 64)
            #expect(created.headers[.location] == "/v1/scenes/\(id)")
            #expect(created.object["created"] as? Bool == true)
            let urls = try #require(created.object["urls"] as? [String: String])

            let json = try await client.execute(uri: urls["scene"]!, method: .get)
            #expect(json.status == .ok)
            #expect(json.headers[.contentType] == "application/json")
            #expect((json.object["film"] as? [String: Any])?["id"] as? String == "star-wars-1977")
            #expect(json.headers[.cacheControl] == "public, max-age=31536000, immutable")
            #expect(json.headers[.eTag] == "\"\(id)\"")

            let glb = try await client.execute(uri: urls["glb"]!, method: .get)
            #expect(glb.headers[.contentType] == "model/gltf-binary")
            #expect(GLBContainer.unpack(glb.data) != nil)
            let gltf = try await client.execute(uri: urls["gltf"]!, method: .get)
            #expect(gltf.headers[.contentType] == "model/gltf+json")
            #expect((try JSONSerialization.jsonObject(with: gltf.data) as? [String: Any])?["asset"] != nil)

            // USDZ: a zip whose first entry is the root layer, cached exactly as the GLB.
            let usdz = try await client.execute(uri: try #require(urls["usdz"]), method: .get)
            #expect(usdz.status == .ok)
            #expect(usdz.headers[.contentType] == "model/vnd.usdz+zip")
            #expect(usdz.headers[.cacheControl] == "public, max-age=31536000, immutable")
            #expect(usdz.headers[.eTag] == "\"\(id).usdz\"")
            #expect(usdz.data.prefix(4) == Data([0x50, 0x4B, 0x03, 0x04]) && String(decoding: usdz.data[30..<40], as: UTF8.self) == "scene.usda")
            let usdzAgain = try await client.execute(uri: urls["usdz"]!, method: .get, headers: [.ifNoneMatch: "\"\(id).usdz\""])
            #expect(usdzAgain.status == .notModified)

            let etag = try #require(glb.headers[.eTag])
            let revalidated = try await client.execute(uri: urls["glb"]!, method: .get, headers: [.ifNoneMatch: etag])
            #expect(revalidated.status == .notModified)
            #expect(revalidated.body.readableBytes == 0)
            let stale = try await client.execute(uri: urls["glb"]!, method: .get, headers: [.ifNoneMatch: "\"something-else\""])
            #expect(stale.status == .ok)

            // Same request, same scene: nothing is generated twice.
            let again = try await client.execute(uri: "/v1/scenes", method: .post, body: ByteBuffer(string: #"{"filmId": "star-wars-1977", "seed": 42}"#))
            #expect(again.object["id"] as? String == id)
            #expect(again.object["created"] as? Bool == false)
            let other = try await client.execute(uri: "/v1/scenes", method: .post, body: ByteBuffer(string: #"{"filmId": "star-wars-1977", "seed": 43}"#))
            #expect(other.object["id"] as? String != id)
            let personal = try await client.execute(uri: "/v1/scenes", method: .post, body: ByteBuffer(string: #"{"filmId": "star-wars-1977", "seed": 42, "userId": "emma"}"#))
            #expect(personal.object["id"] as? String != id)
        }
    }

    @Test(arguments: [
        (#"{"filmId": "does-not-exist"}"#, 404),
        (#"{"filmId": "star-wars-1977", "userId": "nobody"}"#, 404),
        (#"{"filmId": "star-wars-1977", "seed": -1}"#, 400),
        (#"{"filmId": "star-wars-1977", "seed": 99999999999999999999}"#, 400),
        (#"{"filmId": "star-wars-1977", "seed": 9007199254740993}"#, 400),
        (#"{"filmId": "star-wars-1977", "colour": "red"}"#, 400),
        (#"{"film": "star-wars-1977"}"#, 400),
        (#"{"filmId": 12}"#, 400),
        (#"not json"#, 400),
        (#""#, 400),
    ])
    func badStageRequests(body: String, status: Int) async throws {
        let fixture = try await ServerFixture()
        try await fixture.test { client in
            let response = try await client.execute(uri: "/v1/scenes", method: .post, body: ByteBuffer(string: body))
            #expect(Int(response.status.code) == status, "\(body): \(response.text)")
            #expect(response.headers[.contentType] == "application/problem+json")
        }
        #expect(try await fixture.studio.storage.artifacts.count() == 0)
    }

    @Test func unknownScenesAre404() async throws {
        let fixture = try await ServerFixture()
        try await fixture.test { client in
            for uri in ["/v1/scenes/\(String(repeating: "a", count: 64))", "/v1/scenes/\(String(repeating: "a", count: 64)).glb", "/v1/scenes/..%2F..%2Fetc%2Fpasswd", "/v1/scenes/abc.gltf", "/v1/scenes/\(String(repeating: "a", count: 64)).usdz", "/v1/scenes/abc.usdz"] {
                let response = try await client.execute(uri: uri, method: .get)
                #expect(response.status == .notFound, "\(uri)")
                #expect(response.headers[.contentType] == "application/problem+json")
            }
        }
    }

    @Test func stageEndpointReturnsKScenesForTheUsersRecommendations() async throws {
        let fixture = try await ServerFixture()
        try await fixture.test { client in
            let response = try await client.execute(uri: "/v1/users/felix/stage?k=3", method: .get)
            #expect(response.status == .ok, "\(response.text)")
            let items = try #require(response.object["items"] as? [[String: Any]])
            #expect(items.count == 3)
            for item in items {
                let scene = try #require(item["scene"] as? [String: Any])
                let recommendation = try #require(item["recommendation"] as? [String: Any])
                #expect(scene["filmId"] as? String == recommendation["filmId"] as? String)
                let glb = try await client.execute(uri: try #require((scene["urls"] as? [String: String])?["glb"]), method: .get)
                #expect(glb.status == .ok)
            }
            #expect(try await client.execute(uri: "/v1/users/felix/stage?k=11", method: .get).status == .badRequest)
            #expect(try await client.execute(uri: "/v1/users/nobody/stage", method: .get).status == .notFound)
        }
    }
}
