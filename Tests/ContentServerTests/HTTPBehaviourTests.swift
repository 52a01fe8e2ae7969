import CompressNIO
import ContentServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

/// Compression, caching headers and request ids across the API.
@Suite struct HTTPBehaviourTests {
    @Test func jsonAndGLTFAreGzippedForClientsThatAskAndRevalidate() async throws {
        let fixture = try await ServerFixture()
        try await fixture.test { client in
            let plain = try await client.execute(uri: "/v1/films?pageSize=50", method: .get)
            #expect(plain.headers[.contentEncoding] == nil)
            #expect(plain.headers[.vary]?.contains("Accept-Encoding") == true)
            let zipped = try await client.execute(uri: "/v1/films?pageSize=50", method: .get, headers: [.acceptEncoding: "gzip, deflate, br"])
            #expect(zipped.headers[.contentEncoding] == "gzip")
            var body = zipped.body
            let inflated = try body.decompress(with: .gzip())
            #expect(Data(inflated.readableBytesView) == plain.data)
            #expect(zipped.body.readableBytes * 3 < plain.body.readableBytes)
            #expect(try await client.execute(uri: "/v1/films", method: .get, headers: [.acceptEncoding: "gzip;q=0"]).headers[.contentEncoding] == nil)

            let scene = try await client.execute(uri: "/v1/scenes", method: .post, body: ByteBuffer(string: #"{"filmId": "jaws-1975"}"#))
            let gltfURL = try #require((scene.object["urls"] as? [String: String])?["gltf"])
            let gltf = try await client.execute(uri: gltfURL, method: .get, headers: [.acceptEncoding: "gzip"])
            #expect(gltf.headers[.contentEncoding] == "gzip")
            let etag = try #require(gltf.headers[.eTag])
            #expect(etag.hasSuffix("-gzip\""))
            let revalidated = try await client.execute(uri: gltfURL, method: .get, headers: [.acceptEncoding: "gzip", .ifNoneMatch: etag])
            #expect(revalidated.status == .notModified)
            // PNGs are already compressed: left alone.
            let png = try await client.execute(uri: "\(gltfURL.dropLast(5))/preview.png?width=64&height=64", method: .get, headers: [.acceptEncoding: "gzip"])
            #expect(png.headers[.contentEncoding] == nil)
            #expect(png.headers[HTTPField.Name("X-Request-Id")!] != nil)
        }
    }
}
