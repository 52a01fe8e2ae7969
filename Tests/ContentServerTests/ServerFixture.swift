import ContentServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Studio
import TestSupport

/// A studio on a fresh temporary database seeded with the sample catalog, and its router.
struct ServerFixture {
    let directory = TemporaryDirectory()
    let studio: Studio

    init() async throws {
        studio = try Studio(databasePath: directory.path("server.sqlite"), directories: DataDirectories.repository, logger: TestLogger.quiet)
        try await studio.seedIfEmpty()
    }

    /// Runs `body` against the application in process.
    func test<Value>(_ body: @Sendable (any TestClientProtocol) async throws -> Value) async throws -> Value {
        let app = Application(router: ContentServer.router(studio: studio))
        return try await app.test(.router, body)
    }
}

extension TestResponse {
    var data: Data { Data(body.readableBytesView) }
    var json: Any? { try? JSONSerialization.jsonObject(with: data) }
    var object: [String: Any] { json as? [String: Any] ?? [:] }
    var text: String { String(buffer: body) }
}
