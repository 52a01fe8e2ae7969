import ContentServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import StorageTestSupport
import Studio
import TestSupport

/// A studio on a fresh temporary database seeded with the sample catalog, and its router.
/// `test` sends every request with an admin key unless the request sets its own
/// `Authorization`; `testAnonymously` sends none.
struct ServerFixture {
    let directory = TemporaryDirectory()
    let studio: Studio
    let adminKey: String
    let settings: ServerSettings

    init(settings: ServerSettings = ServerSettings(rateLimit: nil), configuration: StudioConfiguration = .init()) async throws {
        studio = try TestStudio.sqlite(in: directory, configuration: configuration)
        try await studio.seedIfEmpty()
        adminKey = try await studio.keys.createAPIKey(name: "tests", scope: .admin).key
        self.settings = settings
    }

    /// Runs `body` against the application in process, authorised as an admin.
    func test<Value>(_ body: @Sendable (any TestClientProtocol) async throws -> Value) async throws -> Value {
        let app = Application(router: ContentServer.router(studio: studio, settings: settings))
        let key = adminKey
        return try await app.test(.router) { client in try await body(KeyedClient(base: client, key: key)) }
    }

    /// Runs `body` over real loopback sockets (the peer address is 127.0.0.1), with no key.
    func testLive<Value>(_ body: @Sendable (any TestClientProtocol) async throws -> Value) async throws -> Value {
        let app = Application(
            router: ContentServer.router(studio: studio, settings: settings), configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        return try await app.test(.live, body)
    }

    /// Runs `body` with no key on requests that do not set one.
    func testAnonymously<Value>(_ body: @Sendable (any TestClientProtocol) async throws -> Value) async throws -> Value {
        let app = Application(router: ContentServer.router(studio: studio, settings: settings))
        return try await app.test(.router, body)
    }
}

/// Adds `Authorization: Bearer <key>` to requests that carry no `Authorization` header.
struct KeyedClient: TestClientProtocol {
    let base: any TestClientProtocol
    let key: String

    func executeRequest(uri: String, method: HTTPRequest.Method, headers: HTTPFields, body: ByteBuffer?) async throws -> TestResponse {
        var headers = headers
        if headers[.authorization] == nil { headers[.authorization] = "Bearer \(key)" }
        return try await base.executeRequest(uri: uri, method: method, headers: headers, body: body)
    }

    var port: Int? { base.port }
}

extension TestResponse {
    var data: Data { Data(body.readableBytesView) }
    var json: Any? { try? JSONSerialization.jsonObject(with: data) }
    var object: [String: Any] { json as? [String: Any] ?? [:] }
    var text: String { String(buffer: body) }
}
