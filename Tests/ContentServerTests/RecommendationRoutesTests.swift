import ContentServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Store
import Studio
import Testing

/// Users, feedback and recommendations over HTTP.
@Suite struct RecommendationRoutesTests {
    func json(_ object: Any) throws -> ByteBuffer {
        ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: object))
    }

    @Test func freshUserPostsEventsAndRecommendationsChange() async throws {
        let fixture = try await ServerFixture()
        try await fixture.test { client in
            let created = try await client.execute(uri: "/v1/users", method: .post, body: try json(["id": "visitor-1", "displayName": "V", "audience": "adult"]))
            #expect(created.status == .created)
            #expect(created.headers[.location] == "/v1/users/visitor-1")
            let before = try await client.execute(uri: "/v1/users/visitor-1/recommendations?k=5&explain=true", method: .get)
            #expect(before.status == .ok)
            #expect(before.object["coldStart"] as? Bool == true)

            let batch: [String: Any] = ["events": [
                ["filmId": "high-noon-1952", "kind": "rating", "value": 5, "idempotencyKey": "e1", "timestamp": "2026-11-29T10:00:00Z"],
                ["filmId": "unforgiven-1992", "kind": "rating", "value": 4.5, "idempotencyKey": "e2"],
                ["filmId": "dances-with-wolves-1990", "kind": "like", "idempotencyKey": "e3"],
            ]]
            let posted = try await client.execute(uri: "/v1/users/visitor-1/events", method: .post, body: try json(batch))
            #expect(posted.status == .ok, "\(posted.text)")
            #expect(posted.object["accepted"] as? Int == 3)

            let after = try await client.execute(uri: "/v1/users/visitor-1/recommendations?k=5&explain=true", method: .get)
            let items = after.object["items"] as? [[String: Any]] ?? []
            #expect(items.count == 5)
            #expect(items.map { $0["filmId"] as? String } != (before.object["items"] as? [[String: Any]] ?? []).map { $0["filmId"] as? String })
            let named = Set(items.flatMap { (($0["explanation"] as? [String: Any])?["because"] as? [[String: Any]] ?? []).compactMap { $0["filmId"] as? String } })
            #expect(!named.isEmpty)
            #expect(named.isSubset(of: ["high-noon-1952", "unforgiven-1992", "dances-with-wolves-1990"]))

            // The same batch again changes nothing.
            let replay = try await client.execute(uri: "/v1/users/visitor-1/events", method: .post, body: try json(batch))
            #expect(replay.object["accepted"] as? Int == 0)
            #expect(replay.object["duplicates"] as? Int == 3)
            let again = try await client.execute(uri: "/v1/users/visitor-1/recommendations?k=5&explain=true", method: .get)
            #expect(again.data == after.data)
        }
    }

    @Test(arguments: [
        (#"{"events": [{"filmId": "fargo-1996", "kind": "rating", "value": 7, "idempotencyKey": "x"}]}"#, "events[0].value"),
        (#"{"events": [{"filmId": "no-such-film", "kind": "view", "idempotencyKey": "x"}]}"#, "events[0].filmId"),
        (#"{"events": [{"filmId": "fargo-1996", "kind": "rating", "value": 4, "idempotencyKey": "x", "rating": 4}]}"#, "unknown field"),
        (#"{"events": [{"filmId": "fargo-1996", "kind": "teleport", "idempotencyKey": "x"}]}"#, "kind"),
        (#"{"events": [{"filmId": "fargo-1996", "kind": "view", "idempotencyKey": "x", "value": 1e400}]}"#, "events"),
        (#"{"events": []}"#, "events"),
        (#"{"events": "nope"}"#, "events"),
        (#"{"films": []}"#, "unknown field"),
        (#"[1, 2]"#, "expected"),
    ])
    func badBatchesGet400AndWriteNothing(body: String, mentions: String) async throws {
        let fixture = try await ServerFixture()
        try await fixture.test { client in
            let response = try await client.execute(uri: "/v1/users/ada/events", method: .post, body: ByteBuffer(string: body))
            #expect(response.status == .badRequest, "\(response.text)")
            #expect(response.headers[.contentType] == "application/problem+json")
            #expect(response.text.contains(mentions), "\(response.text)")
        }
        #expect(try await fixture.studio.storage.events.count() == 0)
    }

    @Test func malformedJSONAndUnknownUsers() async throws {
        let fixture = try await ServerFixture()
        try await fixture.test { client in
            let malformed = try await client.execute(uri: "/v1/users/ada/events", method: .post, body: ByteBuffer(string: "{\"events\": [}"))
            #expect(malformed.status == .badRequest)
            let unknown = try await client.execute(uri: "/v1/users/nobody/events", method: .post, body: try json(["events": [["filmId": "fargo-1996", "kind": "view", "idempotencyKey": "x"]]]))
            #expect(unknown.status == .notFound)
            let recs = try await client.execute(uri: "/v1/users/nobody/recommendations", method: .get)
            #expect(recs.status == .notFound)
            let badK = try await client.execute(uri: "/v1/users/ada/recommendations?k=1000", method: .get)
            #expect(badK.status == .badRequest)
            #expect(badK.object["parameter"] as? String == "k")
            let duplicate = try await client.execute(uri: "/v1/users", method: .post, body: try json(["id": "ada"]))
            #expect(duplicate.status == .conflict)
            let invalid = try await client.execute(uri: "/v1/users", method: .post, body: try json(["id": "../etc", "language": "??"]))
            #expect(invalid.status == .badRequest)
        }
    }
}
