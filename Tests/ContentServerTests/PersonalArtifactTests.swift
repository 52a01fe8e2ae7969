import Catalog
import ContentServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Store
import Studio
import Testing
import TestSupport

/// Personal artifacts are their owner's: every kind needs a key, is served `private, no-store`,
/// carries the user in its id, and is found only through its own kind's route.
@Suite struct PersonalArtifactTests {
    /// Generates one artifact of every personal kind for `user`; returns path by kind.
    static func personalPaths(_ client: some TestClientProtocol, user: String) async throws -> [String: String] {
        let scene = try await client.execute(
            uri: "/v1/scenes", method: .post, body: ByteBuffer(string: #"{"filmId": "toy-story-1995", "userId": "\#(user)", "seed": 3}"#))
        let sceneId = try #require(scene.object["id"] as? String, "\(scene.text)")
        let dialogue = try await client.execute(
            uri: "/v1/dialogues", method: .post, body: ByteBuffer(string: #"{"filmId": "toy-story-1995", "character": "Woody", "userId": "\#(user)", "seed": 3}"#))
        let dialogueId = try #require(dialogue.object["id"] as? String, "\(dialogue.text)")
        let tour = try await client.execute(
            uri: "/v1/tours", method: .post, body: ByteBuffer(string: #"{"museumId": "film-history-wing", "userId": "\#(user)", "budgetMinutes": 30}"#))
        let tourId = try #require(tour.object["id"] as? String, "\(tour.text)")
        return [
            "scene.json": "/v1/scenes/\(sceneId)", "scene.glb": "/v1/scenes/\(sceneId).glb", "scene.gltf": "/v1/scenes/\(sceneId).gltf",
            "scene.usdz": "/v1/scenes/\(sceneId).usdz",
            "preview": "/v1/scenes/\(sceneId)/preview.png?width=64&height=48",
            "dialogue.json": "/v1/dialogues/\(dialogueId)", "dialogue.yarn": "/v1/dialogues/\(dialogueId)?format=yarn",
            "dialogue.ink": "/v1/dialogues/\(dialogueId)?format=ink",
            "tour": "/v1/tours/\(tourId)", "tour.glb": "/v1/tours/\(tourId).glb", "tour.usdz": "/v1/tours/\(tourId).usdz", "tour.map": "/v1/tours/\(tourId)/map.png?width=64&height=48",
            "tour.script": "/v1/tours/\(tourId)/script.md", "tour.versions": "/v1/tours/\(tourId)/versions",
            "card": "/v1/films/toy-story-1995/card?userId=\(user)",
        ]
    }

    @Test func everyPersonalKindNeedsAKeyAndIsNeverStored() async throws {
        let fixture = try await ServerFixture()
        let paths = try await fixture.test { client in try await Self.personalPaths(client, user: "ada") }
        try await fixture.test { client in
            for (kind, path) in paths {
                let owned = try await client.execute(uri: path, method: .get)
                #expect(owned.status == .ok, "\(kind): \(owned.status)")
                #expect(owned.headers[.cacheControl] == "private, no-store", "\(kind): \(owned.headers[.cacheControl] ?? "none")")
            }
        }
        try await fixture.testAnonymously { client in
            for (kind, path) in paths {
                let status = try await client.execute(uri: path, method: .get).status
                #expect(status == .unauthorized, "\(kind) without a key: \(status)")
            }
        }
    }

    @Test func everyArtifactRouteChecksTheArtifactsKind() async throws {
        let fixture = try await ServerFixture()
        try await fixture.test { client in
            let paths = try await Self.personalPaths(client, user: "ada")
            var ids: [String: String] = [:]
            for (kind, path) in paths where !["tour", "tour.versions", "card", "tour.script"].contains(kind) {
                ids[kind] = try await client.execute(uri: path, method: .get).headers[.eTag]?.trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            }
            let mapId = try #require(ids["tour.map"]), dialogueId = try #require(ids["dialogue.json"]), tourGLB = try #require(ids["tour.glb"])
            let sceneId = try #require(ids["scene.json"]), previewId = try #require(ids["preview"])
            for wrong in [
                "/v1/scenes/\(mapId)", "/v1/scenes/\(dialogueId)", "/v1/scenes/\(tourGLB)", "/v1/scenes/\(previewId)",
                "/v1/dialogues/\(sceneId)", "/v1/dialogues/\(mapId)", "/v1/scenes/\(dialogueId)/preview.png", "/v1/tours/\(sceneId)",
            ] {
                let response = try await client.execute(uri: wrong, method: .get)
                #expect(response.status == .notFound, "\(wrong): \(response.status)")
            }
        }
    }

    @Test func twoUsersNeverShareAPersonalArtifact() async throws {
        let fixture = try await ServerFixture()
        try await fixture.test { client in
            // Same film, seed and profile fields: the ids still differ by user.
            for user in ["twin-x", "twin-y"] {
                _ = try await client.execute(uri: "/v1/users", method: .post, body: ByteBuffer(string: #"{"id": "\#(user)", "displayName": "Twin"}"#))
            }
            let x = try await Self.personalPaths(client, user: "twin-x"), y = try await Self.personalPaths(client, user: "twin-y")
            for kind in ["scene.json", "dialogue.json", "tour"] { #expect(x[kind] != y[kind], "\(kind)") }
        }
        #expect(try await fixture.studio.storage.artifacts.owned(by: "twin-x").count > 0)
        let xs = Set(try await fixture.studio.storage.artifacts.owned(by: "twin-x").map(\.id))
        let ys = Set(try await fixture.studio.storage.artifacts.owned(by: "twin-y").map(\.id))
        #expect(xs.isDisjoint(with: ys))
    }

    @Test func publicArtifactsAreImmutableAndUnpinnedToursAreNot() async throws {
        let fixture = try await ServerFixture()
        try await fixture.test { client in   // planning a tour needs an author key; what it plans is public
            let scene = try await client.execute(uri: "/v1/scenes", method: .post, body: ByteBuffer(string: #"{"filmId": "fargo-1996", "seed": 9}"#))
            let id = try #require(scene.object["id"] as? String)
            let glb = try await client.execute(uri: "/v1/scenes/\(id).glb", method: .get)
            #expect(glb.headers[.cacheControl] == "public, max-age=31536000, immutable")
            let tour = try await client.execute(
                uri: "/v1/tours", method: .post,
                body: ByteBuffer(string: #"{"museumId": "film-history-wing", "profile": {"id": "walk-in", "displayName": "Sam", "audience": "adult"}, "budgetMinutes": 30}"#))
            let tourId = try #require(tour.object["id"] as? String, "\(tour.text)")
            for path in ["/v1/tours/\(tourId)", "/v1/tours/\(tourId).glb", "/v1/tours/\(tourId)/map.png?width=64&height=48"] {
                let control = try await client.execute(uri: path, method: .get).headers[.cacheControl] ?? ""
                #expect(!control.contains("immutable"), "\(path): \(control)")
            }
            let pinned = try await client.execute(uri: "/v1/tours/\(tourId)?version=1", method: .get)
            #expect(pinned.headers[.cacheControl]?.contains("immutable") == true)
            // A tour answers If-None-Match with 304.
            let etag = try #require(pinned.headers[.eTag])
            let revalidated = try await client.execute(uri: "/v1/tours/\(tourId)?version=1", method: .get, headers: [.ifNoneMatch: etag])
            #expect(revalidated.status == .notModified && revalidated.body.readableBytes == 0)
            let latest = try await client.execute(uri: "/v1/tours/\(tourId)", method: .get)
            let latestAgain = try await client.execute(uri: "/v1/tours/\(tourId)", method: .get, headers: [.ifNoneMatch: try #require(latest.headers[.eTag])])
            #expect(latestAgain.status == .notModified)
        }
    }

    @Test func teensAreNotOfferedOrStagedFilmsForAdults() async throws {
        let fixture = try await ServerFixture()
        let adultFilms = Set(try await fixture.studio.catalog.searchFilms(.init(pageSize: 100)).items.filter { $0.audience == .adult }.map(\.id))
        try await fixture.test { client in
            for teen in ["dev", "hiro", "jonas"] {
                let list = try await client.execute(uri: "/v1/users/\(teen)/recommendations?k=30", method: .get)
                let offered = (list.object["items"] as? [[String: Any]] ?? []).compactMap { $0["filmId"] as? String }
                #expect(!offered.isEmpty && adultFilms.isDisjoint(with: offered), "\(teen): \(adultFilms.intersection(offered))")
            }
            let staged = try await client.execute(
                uri: "/v1/scenes", method: .post, body: ByteBuffer(string: #"{"filmId": "pulp-fiction-1994", "userId": "dev"}"#))
            #expect(staged.status == .unprocessableContent, "\(staged.text)")
            let adult = try await client.execute(
                uri: "/v1/scenes", method: .post, body: ByteBuffer(string: #"{"filmId": "pulp-fiction-1994", "userId": "ada"}"#))
            #expect(adult.status == .created)
        }
    }
}

/// Museum validation reports every problem at once, not the first.
@Suite struct MuseumValidationRouteTests {
    @Test func aBrokenMuseumGetsEveryProblemListed() async throws {
        let fixture = try await ServerFixture()
        let sample = try Data(contentsOf: TestPaths.assets.appendingPathComponent("museums/film-history-wing.json"))
        var plan = try #require(try JSONSerialization.jsonObject(with: sample) as? [String: Any])
        var exhibits = try #require(plan["exhibits"] as? [[String: Any]])
        plan["id"] = "broken-wing"
        exhibits[1]["id"] = exhibits[0]["id"]          // a duplicate exhibit id
        exhibits[2]["films"] = ["no-such-film-1900"]     // a film the catalog lacks
        exhibits[3]["room"] = "no-such-room"              // a room the plan lacks
        plan["exhibits"] = exhibits
        let body = ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: plan))
        try await fixture.test { client in
            let response = try await client.execute(uri: "/v1/museums", method: .post, body: body)
            #expect(response.status == .badRequest, "\(response.text)")
            let problems = (response.object["problems"] as? [[String: Any]] ?? []).compactMap { $0["message"] as? String }
            #expect(problems.count >= 3, "\(problems)")
            #expect(problems.contains { $0.contains("no-such-film-1900") }, "\(problems)")
            #expect(problems.contains { $0.contains("no-such-room") }, "\(problems)")
            #expect(try await client.execute(uri: "/v1/museums/broken-wing", method: .get).status == .notFound)
        }
    }
}
