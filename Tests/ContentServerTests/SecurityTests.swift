import ContentServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Store
import Studio
import Testing

/// API keys and scopes, privacy (deletion and export), rate limits, CORS and body limits.
@Suite struct SecurityTests {
    static func bearer(_ key: String) -> HTTPFields { [.authorization: "Bearer \(key)"] }

    @Test func publicReadsNeedNoKeyButPersonalDataDoes() async throws {
        let fixture = try await ServerFixture()
        try await fixture.testAnonymously { client in
            #expect(try await client.execute(uri: "/v1/films/fargo-1996", method: .get).status == .ok)
            #expect(try await client.execute(uri: "/v1/films/fargo-1996/ask?q=who+directed+it", method: .get).status == .ok)
            let scene = try await client.execute(uri: "/v1/scenes", method: .post, body: ByteBuffer(string: #"{"filmId": "fargo-1996"}"#))
            #expect(scene.status == .created)
            let user = try await client.execute(uri: "/v1/users/ada", method: .get)
            #expect(user.status == .unauthorized)
            #expect(user.headers[.wwwAuthenticate] == "Bearer realm=\"scenewright\"")
            #expect(user.headers[.contentType] == "application/problem+json")
            for (uri, method, body) in [
                ("/v1/users/ada/recommendations", HTTPRequest.Method.get, nil), ("/v1/users", .post, #"{"id": "x", "displayName": "X"}"#),
                ("/v1/users/ada/events", .post, #"{"events": []}"#), ("/v1/scenes", .post, #"{"filmId": "fargo-1996", "userId": "ada"}"#),
                ("/v1/dialogues", .post, #"{"filmId": "fargo-1996", "character": "Marge Gunderson", "userId": "ada"}"#),
                ("/v1/films/fargo-1996/card?userId=ada", .get, nil), ("/v1/users/ada", .delete, nil), ("/v1/users/ada/export", .get, nil),
                ("/v1/tours", .post, #"{"museumId": "film-history-wing", "userId": "ada", "budgetMinutes": 30}"#),
            ] {
                let response = try await client.execute(uri: uri, method: method, body: body.map { ByteBuffer(string: $0) })
                #expect(response.status == .unauthorized, "\(method) \(uri): \(response.status)")
            }
        }
        #expect(try await fixture.studio.storage.users.count() == 10)
    }

    @Test func scopesGrantWhatTheyName() async throws {
        let fixture = try await ServerFixture()
        let read = try await fixture.studio.keys.createAPIKey(name: "reader", scope: .read).key
        let author = try await fixture.studio.keys.createAPIKey(name: "author", scope: .author).key
        try await fixture.testAnonymously { client in
            #expect(try await client.execute(uri: "/v1/users/ada", method: .get, headers: Self.bearer(read)).status == .ok)
            let forbidden = try await client.execute(uri: "/v1/users", method: .post, headers: Self.bearer(read), body: ByteBuffer(string: #"{"id": "x1", "displayName": "X"}"#))
            #expect(forbidden.status == .forbidden)
            #expect(forbidden.text.contains("has scope 'read'; this request needs 'author'"))
            let created = try await client.execute(uri: "/v1/users", method: .post, headers: Self.bearer(author), body: ByteBuffer(string: #"{"id": "x1", "displayName": "X"}"#))
            #expect(created.status == .created)
            // X-API-Key works as well as Authorization.
            #expect(try await client.execute(uri: "/v1/users/x1", method: .get, headers: [HTTPField.Name("X-API-Key")!: read]).status == .ok)
            #expect(try await client.execute(uri: "/v1/users/x1", method: .delete, headers: Self.bearer(author)).status == .forbidden)
            #expect(try await client.execute(uri: "/v1/users/x1/export", method: .get, headers: Self.bearer(read)).status == .forbidden)
            // Wrong, malformed and revoked keys are refused, even on public routes.
            let wrong = read.dropLast(4) + "AAAA"
            #expect(try await client.execute(uri: "/v1/films/fargo-1996", method: .get, headers: Self.bearer(String(wrong))).status == .unauthorized)
            #expect(try await client.execute(uri: "/v1/films/fargo-1996", method: .get, headers: Self.bearer("sw_' OR 1=1 --")).status == .unauthorized)
            let id = String(read.split(separator: "_")[1])
            try await fixture.studio.keys.revokeAPIKey(id: id)
            let revoked = try await client.execute(uri: "/v1/users/ada", method: .get, headers: Self.bearer(read))
            #expect(revoked.status == .unauthorized && revoked.text.contains("revoked"))
        }
        // Only the hash of each secret is stored.
        for key in try await fixture.studio.storage.apiKeys.all() {
            #expect(key.secretHash.count == 32)
            #expect(!String(decoding: key.secretHash, as: UTF8.self).contains(read.split(separator: "_")[2]))
        }
    }

    @Test func deletingAUserRemovesTheirDataAndChangesRecommendations() async throws {
        let fixture = try await ServerFixture()
        try await fixture.test { client in
            // Two visitors with the same taste; the first one's feedback shapes the second's list.
            func events(_ films: [String], _ prefix: String) -> ByteBuffer {
                let items = films.enumerated().map { #"{"filmId": "\#($1)", "kind": "rating", "value": 5, "idempotencyKey": "\#(prefix)\#($0)"}"# }
                return ByteBuffer(string: #"{"events": [\#(items.joined(separator: ","))]}"#)
            }
            for (id, films) in [("twin-a", ["alien-1979", "aliens-1986", "the-terminator-1984", "blade-runner-1982", "the-matrix-1999"]),
                                ("twin-b", ["alien-1979", "aliens-1986"])] {
                #expect(try await client.execute(uri: "/v1/users", method: .post, body: ByteBuffer(string: #"{"id": "\#(id)", "displayName": "Twin"}"#)).status == .created)
                #expect(try await client.execute(uri: "/v1/users/\(id)/events", method: .post, body: events(films, id)).status == .ok)
            }
            _ = try await fixture.studio.recommendations.refit()
            let scene = try await client.execute(uri: "/v1/scenes", method: .post, body: ByteBuffer(string: #"{"filmId": "alien-1979", "userId": "twin-a"}"#))
            #expect(scene.status == .created)
            let before = try await client.execute(uri: "/v1/users/twin-b/recommendations?k=5", method: .get)

            let export = try await client.execute(uri: "/v1/users/twin-a/export", method: .get)
            #expect(export.status == .ok)
            #expect((export.object["profile"] as? [String: Any])?["id"] as? String == "twin-a")
            #expect((export.object["events"] as? [Any])?.count == 5)
            #expect(((export.object["artifacts"] as? [[String: Any]]) ?? []).contains { $0["kind"] as? String == "scene.glb" })

            let deleted = try await client.execute(uri: "/v1/users/twin-a", method: .delete)
            #expect(deleted.status == .ok, "\(deleted.text)")
            #expect(deleted.object["events"] as? Int == 5)
            #expect((deleted.object["artifacts"] as? Int ?? 0) >= 3)
            #expect(deleted.object["recommenderRefitted"] as? Bool == true)
            let gone = try await client.execute(uri: "/v1/users/twin-a", method: .get)
            let goneExport = try await client.execute(uri: "/v1/users/twin-a/export", method: .get)
            let goneScene = try await client.execute(uri: (scene.object["urls"] as? [String: String])!["glb"]!, method: .get)
            #expect(gone.status == .notFound && goneExport.status == .notFound && goneScene.status == .notFound)
            let after = try await client.execute(uri: "/v1/users/twin-b/recommendations?k=5", method: .get)
            #expect(after.data != before.data)
            let again = try await client.execute(uri: "/v1/users/twin-a", method: .delete)
            #expect(again.status == .notFound)
        }
        #expect(try await fixture.studio.storage.events.events(userId: "twin-a").isEmpty)
        #expect(try await fixture.studio.storage.artifacts.owned(by: "twin-a").isEmpty)
    }

    @Test func requireKeyForReadsGuardsEveryReadButHealth() async throws {
        let fixture = try await ServerFixture(settings: ServerSettings(requireKeyForReads: true, rateLimit: nil))
        try await fixture.testAnonymously { client in
            let health = try await client.execute(uri: "/healthz", method: .get)
            let films = try await client.execute(uri: "/v1/films", method: .get)
            #expect(health.status == .ok && films.status == .unauthorized)
        }
        try await fixture.test { client in
            let films = try await client.execute(uri: "/v1/films", method: .get)
            #expect(films.status == .ok)
        }
    }

    @Test func rateLimitsAnswer429WithRetryAfter() async throws {
        let fixture = try await ServerFixture(settings: ServerSettings(rateLimit: .init(perSecond: 0.01, burst: 3)))
        try await fixture.testAnonymously { client in
            for _ in 0..<3 { #expect(try await client.execute(uri: "/v1/films/fargo-1996", method: .get).status == .ok) }
            let limited = try await client.execute(uri: "/v1/films/fargo-1996", method: .get)
            #expect(limited.status == .tooManyRequests)
            // One token every 100 s: whatever the refill during the three slow requests on a busy
            // machine, the wait is a whole number of seconds close to 100.
            let wait = limited.headers[.retryAfter].flatMap { Int($0) }
            #expect(wait.map { (90...100).contains($0) } == true)
        }
    }

    @Test func corsAllowsConfiguredOriginsOnly() async throws {
        let fixture = try await ServerFixture(settings: ServerSettings(rateLimit: nil, corsOrigins: ["https://viewer.example"]))
        try await fixture.testAnonymously { client in
            let allowed = try await client.execute(uri: "/v1/films/fargo-1996", method: .get, headers: [.origin: "https://viewer.example"])
            #expect(allowed.headers[.accessControlAllowOrigin] == "https://viewer.example")
            let preflight = try await client.execute(
                uri: "/v1/scenes", method: .options, headers: [.origin: "https://viewer.example", .accessControlRequestMethod: "POST"])
            #expect(preflight.status == .noContent)
            #expect(preflight.headers[.accessControlAllowMethods]?.contains("POST") == true)
            let other = try await client.execute(uri: "/v1/films/fargo-1996", method: .get, headers: [.origin: "https://evil.example"])
            #expect(other.headers[.accessControlAllowOrigin] == nil)
            let missing = try await client.execute(uri: "/v1/films/nope", method: .get, headers: [.origin: "https://viewer.example"])
            #expect(missing.status == .notFound && missing.headers[.accessControlAllowOrigin] == "https://viewer.example")
        }
    }

    @Test func bodyLimitIsConfigurable() async throws {
        let fixture = try await ServerFixture(settings: ServerSettings(maxBodyBytes: 2048, rateLimit: nil))
        try await fixture.test { client in
            let padding = String(repeating: " ", count: 3000)
            let response = try await client.execute(uri: "/v1/scenes", method: .post, body: ByteBuffer(string: #"{"filmId": "fargo-1996"}"# + padding))
            #expect(response.status == .contentTooLarge)
            #expect(response.headers[.contentType] == "application/problem+json")
        }
    }
}
