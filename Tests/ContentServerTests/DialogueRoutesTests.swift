import ContentServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Store
import Studio
import Testing

/// Dialogues, questions and film cards over HTTP.
@Suite struct DialogueRoutesTests {
    @Test func createFetchEveryFormatAndRevalidate() async throws {
        let fixture = try await ServerFixture()
        try await fixture.test { client in
            let body = #"{"filmId": "toy-story-1995", "character": "woody", "userId": "emma", "seed": 3}"#
            let created = try await client.execute(uri: "/v1/dialogues", method: .post, body: ByteBuffer(string: body))
            #expect(created.status == .created, "\(created.text)")
            let id = try #require(created.object["id"] as? String)
            #expect(created.headers[.location] == "/v1/dialogues/\(id)")
            #expect(created.object["character"] as? String == "Woody")
            #expect(created.object["created"] as? Bool == true)
            #expect((created.object["report"] as? [String: Any])?["problems"] as? [String] == [])

            let json = try await client.execute(uri: "/v1/dialogues/\(id)", method: .get)
            #expect(json.status == .ok)
            #expect(json.headers[.contentType] == "application/json")
            #expect(json.headers[.eTag] == "\"\(id)\"")
            // Written for Emma: hers alone, never kept by a shared cache.
            #expect(json.headers[.cacheControl] == "private, no-store")
            #expect(json.object["format"] as? String == "scenewright.dialogue/1")
            let yarn = try await client.execute(uri: "/v1/dialogues/\(id)?format=yarn", method: .get)
            #expect(yarn.headers[.contentType] == "text/plain; charset=utf-8")
            #expect(yarn.text.contains("title: start\n") && yarn.text.contains("<<declare $topics_heard = 0 as Number>>"))
            let ink = try await client.execute(uri: "/v1/dialogues/\(id)?format=ink", method: .get)
            #expect((ink.object["inkVersion"] as? Int) == 21)
            #expect(ink.headers[.eTag] != json.headers[.eTag])

            let revalidated = try await client.execute(uri: "/v1/dialogues/\(id)?format=yarn", method: .get, headers: [.ifNoneMatch: yarn.headers[.eTag]!])
            #expect(revalidated.status == .notModified)

            let again = try await client.execute(uri: "/v1/dialogues", method: .post, body: ByteBuffer(string: body))
            #expect(again.object["id"] as? String == id)
            #expect(again.object["created"] as? Bool == false)
            #expect(try await client.execute(uri: "/v1/dialogues/\(id)?format=pdf", method: .get).status == .badRequest)
        }
    }

    @Test(arguments: [
        (#"{"filmId": "toy-story-1995", "character": "Gandalf"}"#, 404),
        (#"{"filmId": "no-such-film", "character": "Woody"}"#, 404),
        (#"{"filmId": "toy-story-1995", "character": "Woody", "userId": "nobody"}"#, 404),
        (#"{"filmId": "toy-story-1995", "character": ""}"#, 400),
        (#"{"filmId": "toy-story-1995", "character": "   "}"#, 400),
        (#"{"filmId": "toy-story-1995", "character": "\#(String(repeating: "x", count: 201))"}"#, 400),
        (#"{"filmId": "toy-story-1995", "character": "Woody", "seed": -5}"#, 400),
        (#"{"filmId": "toy-story-1995", "character": "Woody", "seed": 9007199254740993}"#, 400),
        (#"{"filmId": "toy-story-1995", "character": "Woody", "mood": "happy"}"#, 400),
        (#"{"filmId": "toy-story-1995"}"#, 400),
        (#"{"filmId": "toy-story-1995", "character": 7}"#, 400),
        (#"[1, 2]"#, 400),
        (#"{"#, 400),
    ])
    func badDialogueRequests(body: String, status: Int) async throws {
        let fixture = try await ServerFixture()
        try await fixture.test { client in
            let response = try await client.execute(uri: "/v1/dialogues", method: .post, body: ByteBuffer(string: body))
            #expect(Int(response.status.code) == status, "\(body): \(response.text)")
            #expect(response.headers[.contentType] == "application/problem+json")
        }
        #expect(try await fixture.studio.storage.artifacts.count() == 0)
    }

    @Test func unknownDialoguesAre404() async throws {
        let fixture = try await ServerFixture()
        try await fixture.test { client in
            for uri in ["/v1/dialogues/\(String(repeating: "b", count: 64))", "/v1/dialogues/\(String(repeating: "b", count: 64))?format=ink", "/v1/dialogues/..%2Fx"] {
                let response = try await client.execute(uri: uri, method: .get)
                #expect(response.status == .notFound, "\(uri)")
            }
        }
    }

    @Test func stagedScenesLinkEachCharacterToAStoredDialogue() async throws {
        let fixture = try await ServerFixture()
        try await fixture.test { client in
            let created = try await client.execute(uri: "/v1/scenes", method: .post, body: ByteBuffer(string: #"{"filmId": "fargo-1996", "userId": "iris"}"#))
            let scene = try await client.execute(uri: try #require((created.object["urls"] as? [String: String])?["scene"]), method: .get)
            let characters = try #require(scene.object["characters"] as? [[String: Any]])
            #expect(!characters.isEmpty)
            for character in characters {
                let ref = try #require(character["dialogueRef"] as? String)
                let dialogue = try await client.execute(uri: "/v1/dialogues/\(ref)", method: .get)
                #expect(dialogue.status == .ok)
                #expect(dialogue.object["character"] as? String == character["name"] as? String)
                #expect(dialogue.object["profileId"] as? String == "iris")
            }
        }
    }

    @Test func askAnswersFromTheCatalogAndSaysWhenItCannot() async throws {
        let fixture = try await ServerFixture()
        try await fixture.test { client in
            let director = try await client.execute(uri: "/v1/films/fargo-1996/ask?q=who%20directed%20it%3F", method: .get)
            #expect(director.status == .ok)
            #expect(director.object["answered"] as? Bool == true)
            #expect((director.object["answer"] as? String)?.contains("Joel Coen") == true)
            #expect((director.object["citations"] as? [[String: String]])?.contains { $0["source"] == "film.directors[0]" } == true)
            let budget = try await client.execute(uri: "/v1/films/fargo-1996/ask?q=what+was+the+budget", method: .get)
            #expect(budget.object["answered"] as? Bool == false)
            #expect((budget.object["answer"] as? String)?.contains("not in the catalog") == true)
            #expect(try await client.execute(uri: "/v1/films/fargo-1996/ask", method: .get).status == .badRequest)
            #expect(try await client.execute(uri: "/v1/films/fargo-1996/ask?q=", method: .get).status == .badRequest)
            #expect(try await client.execute(uri: "/v1/films/fargo-1996/ask?q=\(String(repeating: "a", count: 501))", method: .get).status == .badRequest)
            #expect(try await client.execute(uri: "/v1/films/fargo-1996/ask?q=%00%01", method: .get).status == .badRequest)
            #expect(try await client.execute(uri: "/v1/films/no-such-film/ask?q=who", method: .get).status == .notFound)
        }
    }

    @Test func filmCardsLeadWithTheVisitorsTaste() async throws {
        let fixture = try await ServerFixture()
        try await fixture.test { client in
            // Ben loved Forrest Gump; Tom Hanks is in Toy Story, so its card leads with him.
            let events = #"{"events": [{"filmId": "forrest-gump-1994", "kind": "rating", "value": 5, "timestamp": "2026-01-01T00:00:00Z", "idempotencyKey": "gump"}]}"#
            #expect(try await client.execute(uri: "/v1/users/ben/events", method: .post, body: ByteBuffer(string: events)).status == .ok)
            let card = try await client.execute(uri: "/v1/films/toy-story-1995/card?userId=ben", method: .get)
            #expect(card.status == .ok, "\(card.text)")
            #expect(card.object["lead"] as? String == "actor")
            let text = try #require(card.object["text"] as? String)
            #expect(text.contains("Tom Hanks") && text.contains("Forrest Gump") && text.contains("Woody"), "\(text)")
            #expect((card.object["facts"] as? [[String: String]])?.contains { $0["source"] == "ratings[forrest-gump-1994]" } == true)
            let genre = try await client.execute(uri: "/v1/films/fargo-1996/card?userId=iris", method: .get)
            #expect(genre.object["lead"] as? String == "genre")
            let anonymous = try await client.execute(uri: "/v1/films/fargo-1996/card", method: .get)
            #expect(anonymous.object["lead"] as? String == "general")
            #expect(try await client.execute(uri: "/v1/films/fargo-1996/card?userId=nobody", method: .get).status == .notFound)
            #expect(try await client.execute(uri: "/v1/films/nothing/card", method: .get).status == .notFound)
        }
    }
}
