import ContentServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// The WebXR viewer page, the three.js files it loads, and the OpenAPI document.
@Suite struct ViewerAndContractTests {
    /// A stand-in for Debian's libjs-three layout: the page only needs the module files to exist.
    static func fakeThree() throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("three-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("build"), withIntermediateDirectories: true)
        try Data("export const REVISION = 'test';\n".utf8).write(to: directory.appendingPathComponent("build/three.module.js"))
        return directory.path
    }

    @Test func viewerServesThePageForAStagedSceneAndThreeFromTheVendorPath() async throws {
        let three = try Self.fakeThree()
        let fixture = try await ServerFixture(settings: ServerSettings(rateLimit: nil, threeDirectory: three))
        try await fixture.testAnonymously { client in
            let staged = try await client.execute(uri: "/v1/scenes", method: .post, body: ByteBuffer(string: #"{"filmId": "toy-story-1995", "seed": 3}"#))
            let id = try #require(staged.text.firstMatch(of: /"id" *: *"([0-9a-f]{64})"/)?.1)
            let page = try await client.execute(uri: "/viewer/scenes/\(id)", method: .get)
            #expect(page.status == .ok)
            #expect(page.headers[.contentType] == "text/html; charset=utf-8")
            #expect(page.text.contains("/v1/scenes/\(id).glb") || page.text.contains("'\(id)'") || page.text.contains("\"\(id)\""))
            #expect(!page.text.contains("{{SCENE_ID}}"))
            #expect(page.text.contains("/vendor/three/"))
            let module = try await client.execute(uri: "/vendor/three/build/three.module.js", method: .get)
            #expect(module.status == .ok && module.text.contains("REVISION"))
            // Unknown and hostile ids never reach the page template.
            #expect(try await client.execute(uri: "/viewer/scenes/\(String(repeating: "0", count: 64))", method: .get).status == .notFound)
            #expect(try await client.execute(uri: "/viewer/scenes/%3Cscript%3E", method: .get).status == .notFound)
            let traversal = try await client.execute(uri: "/vendor/three/../../../etc/passwd", method: .get)
            #expect(traversal.status.code >= 400 && traversal.status.code < 500 && !traversal.text.contains("root:"), "\(traversal.status) \(traversal.text.prefix(200))")
        }
    }

    @Test func viewerSaysWhatToInstallWhenThreeIsMissing() async throws {
        let fixture = try await ServerFixture(settings: ServerSettings(rateLimit: nil, threeDirectory: "/nonexistent/three"))
        try await fixture.testAnonymously { client in
            let staged = try await client.execute(uri: "/v1/scenes", method: .post, body: ByteBuffer(string: #"{"filmId": "fargo-1996"}"#))
            let id = try #require(staged.text.firstMatch(of: /"id" *: *"([0-9a-f]{64})"/)?.1)
            let page = try await client.execute(uri: "/viewer/scenes/\(id)", method: .get)
            #expect(page.status == .serviceUnavailable)
            #expect(page.text.contains("apt-get install libjs-three"))
            #expect(page.text.contains("/v1/scenes/\(id).glb"))
        }
    }

    @Test func openAPIDocumentIsServedAndNamesEveryRoute() async throws {
        let fixture = try await ServerFixture()
        try await fixture.testAnonymously { client in
            let document = try await client.execute(uri: "/openapi.yaml", method: .get)
            #expect(document.status == .ok)
            #expect(document.headers[.contentType] == "application/yaml; charset=utf-8")
            #expect(document.text.hasPrefix("openapi: 3.1.0\n"))
            for path in [
                "/healthz", "/openapi.yaml", "/metrics", "/v1/films", "/v1/films/{id}", "/v1/films/{id}/ask", "/v1/films/{id}/card",
                "/v1/users", "/v1/users/{id}", "/v1/users/{id}/export", "/v1/users/{id}/events", "/v1/users/{id}/recommendations",
                "/v1/users/{id}/stage", "/v1/scenes", "/v1/scenes/{id}", "/v1/scenes/{id}/preview.png", "/v1/dialogues", "/v1/dialogues/{id}", "/v1/dialogues/{id}/chat",
                "/v1/dialogues/{id}/lines/{lineId}/{file}", "/v1/dialogues/{id}/voiceover.zip",
                "/v1/museums", "/v1/museums/{id}", "/v1/tours", "/v1/tours/{id}", "/v1/tours/{id}/versions", "/v1/tours/{id}/script.md",
                "/v1/tours/{id}/map.png", "/v1/tours/{id}/intro/{file}", "/v1/tours/{id}/outro/{file}", "/v1/tours/{id}/stops/{n}/{file}",
                "/v1/tours/{id}/pack.zip", "/v1/ambience/{file}", "/viewer/scenes/{id}",
            ] {
                #expect(document.text.contains("\n  \(path):\n"), "openapi.yaml lacks \(path)")
            }
        }
    }
}
