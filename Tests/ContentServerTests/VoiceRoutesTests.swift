import ContentServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// Character chat and restyling over HTTP without a language model: the catalog answers, the
/// draft is served and says why, and bad chat requests change nothing.
@Suite struct VoiceRoutesTests {
    @Test func chatAnswersFromTheCatalogWithoutAModel() async throws {
        let fixture = try await ServerFixture()
        try await fixture.testAnonymously { client in
            let created = try await client.execute(
                uri: "/v1/dialogues", method: .post, body: ByteBuffer(string: #"{"filmId": "toy-story-1995", "character": "Woody"}"#))
            let id = try #require(created.object["id"] as? String)
            let reply = try await client.execute(
                uri: "/v1/dialogues/\(id)/chat", method: .post, body: ByteBuffer(string: #"{"message": "Who directed this film?"}"#))
            #expect(reply.status == .ok)
            let voiced = try #require(reply.object["reply"] as? [String: Any])
            #expect(voiced["source"] as? String == "draft")
            #expect(voiced["fallbackReason"] as? String == "no language model configured")
            #expect((voiced["text"] as? String)?.contains("John Lasseter") == true)
            #expect(reply.object["answeredFromCatalog"] as? Bool == true)

            let unknown = try await client.execute(
                uri: "/v1/dialogues/\(id)/chat", method: .post,
                body: ByteBuffer(string: #"{"message": "What is your favourite food?", "history": [{"speaker": "visitor", "text": "Hi"}]}"#))
            let text = try #require((unknown.object["reply"] as? [String: Any])?["text"] as? String)
            #expect(text.hasPrefix("I can't say much about that. You could ask me:"))
            #expect(unknown.object["answeredFromCatalog"] as? Bool == false)

            for (body, status) in [
                (#"{"message": ""}"#, 400), (#"{"message": "\#(String(repeating: "x", count: 301))"}"#, 400), (#"{"msg": "hi"}"#, 400),
                (#"{"message": "hi", "history": "none"}"#, 400), (#"{"message": "hi", "history": [{"speaker": "robot", "text": "x"}]}"#, 400),
            ] {
                let bad = try await client.execute(uri: "/v1/dialogues/\(id)/chat", method: .post, body: ByteBuffer(string: body))
                #expect(Int(bad.status.code) == status, "\(body): \(bad.status)")
                #expect(bad.headers[.contentType] == "application/problem+json")
            }
            let missing = try await client.execute(
                uri: "/v1/dialogues/\(String(repeating: "0", count: 64))/chat", method: .post, body: ByteBuffer(string: #"{"message": "hi"}"#))
            #expect(missing.status == .notFound)
        }
    }

    @Test func restyleWithoutAModelServesTheDraftAndKeepsIds() async throws {
        let fixture = try await ServerFixture()
        try await fixture.test { client in
            let card = try await client.execute(uri: "/v1/films/fargo-1996/card?restyle=true&userId=emma", method: .get)
            #expect(card.status == .ok)
            let plain = try await client.execute(uri: "/v1/films/fargo-1996/card?userId=emma", method: .get)
            let voice = try #require(card.object["voice"] as? [String: Any])
            #expect(voice["text"] as? String == plain.object["text"] as? String)
            #expect(voice["fallbackReason"] as? String == "no language model configured")

            let body = #"{"filmId": "toy-story-1995", "character": "Woody", "seed": 4"#
            let restyled = try await client.execute(uri: "/v1/dialogues", method: .post, body: ByteBuffer(string: body + #", "restyle": true}"#))
            let unstyled = try await client.execute(uri: "/v1/dialogues", method: .post, body: ByteBuffer(string: body + "}"))
            // Without a model, restyling changes nothing: same dialogue, and a report of why.
            #expect(restyled.object["id"] as? String == unstyled.object["id"] as? String)
            let report = try #require(restyled.object["voice"] as? [String: Any])
            #expect((report["lines"] as? Int ?? 0) > 0 && report["fromModel"] as? Int == 0)
            #expect((report["reasons"] as? [String: Int])?["no language model configured"] == report["lines"] as? Int)
            #expect(unstyled.object["voice"] == nil)
        }
    }
}
