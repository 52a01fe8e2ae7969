import Catalog
import ContentServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Preview
import SceneGraph
import Store
import Studio
import TestSupport
import Testing
import Tours

/// Museums and tours over HTTP: authoring, planning, editing, versions, script, map, GLB.
@Suite struct TourRoutesTests {
    static let tinyMuseum = #"""
        {"id": "tiny-gallery", "name": "the Tiny Gallery", "floors": [{"level": 0, "name": "the ground floor"}],
         "rooms": [{"id": "west", "name": "West Room", "floor": 0, "polygon": [[0, 0], [10, 0], [10, 8], [0, 8]]},
                   {"id": "east", "name": "East Room", "floor": 0, "polygon": [[10, 0], [20, 0], [20, 8], [10, 8]]}],
         "doors": [{"id": "middle", "rooms": ["west", "east"], "position": [10, 4], "width": 1.6}],
         "exhibits": [{"id": "fargo", "title": "The snowbound car", "films": ["fargo-1996"], "room": "west", "position": [3, 3], "dwellMinutes": 3, "audience": "adult"},
                      {"id": "toys", "title": "Toy box", "films": ["toy-story-1995"], "room": "east", "position": [15, 3], "dwellMinutes": 3}],
         "entrance": {"room": "west", "position": [0, 4]}, "exit": {"room": "east", "position": [20, 4]}}
        """#

    @Test func museumsAreValidatedStoredAndExported() async throws {
        let fixture = try await ServerFixture()
        try await fixture.test { client in
            let created = try await client.execute(uri: "/v1/museums", method: .post, body: ByteBuffer(string: Self.tinyMuseum))
            #expect(created.status == .created, "\(created.text)")
            #expect(created.object["exhibits"] as? Int == 2)
            let again = try await client.execute(uri: "/v1/museums", method: .post, body: ByteBuffer(string: Self.tinyMuseum))
            #expect(again.status == .ok)
            let changed = Self.tinyMuseum.replacingOccurrences(of: "the Tiny Gallery", with: "the Small Gallery")
            #expect(try await client.execute(uri: "/v1/museums", method: .post, body: ByteBuffer(string: changed)).status == .conflict)
            let listed = try await client.execute(uri: "/v1/museums", method: .get)
            #expect((listed.json as? [[String: Any]])?.map { $0["id"] as? String } == ["film-history-wing", "grand-hall", "tiny-gallery"])
            let plan = try await client.execute(uri: "/v1/museums/grand-hall", method: .get)
            #expect((plan.object["exhibits"] as? [Any])?.count ?? 0 >= 80)
            let glb = try await client.execute(uri: "/v1/museums/grand-hall.glb", method: .get)
            #expect(glb.headers[.contentType] == "model/gltf-binary")
            #expect(GLBContainer.unpack(glb.data) != nil)
            let usdz = try await client.execute(uri: "/v1/museums/grand-hall.usdz", method: .get)
            #expect(usdz.headers[.contentType] == "model/vnd.usdz+zip")
            #expect(usdz.data.prefix(4) == Data([0x50, 0x4B, 0x03, 0x04]))
            #expect(usdz.headers[.eTag] == glb.headers[.eTag].map { $0.dropLast() + ".usdz\"" })
            #expect(try await client.execute(uri: "/v1/museums/nowhere", method: .get).status == .notFound)
            #expect(try await client.execute(uri: "/v1/museums/nowhere.usdz", method: .get).status == .notFound)
        }
    }

    @Test(arguments: [
        (TourRoutesTests.tinyMuseum.replacingOccurrences(of: "[10, 4]", with: "[5, 4]"), "not on a wall"),
        (TourRoutesTests.tinyMuseum.replacingOccurrences(of: "[15, 3]", with: "[25, 3]"), "not inside room east"),
        (TourRoutesTests.tinyMuseum.replacingOccurrences(of: "fargo-1996", with: "no-such-film"), "not in the catalog"),
        (TourRoutesTests.tinyMuseum.replacingOccurrences(of: "[[10, 0], [20, 0]", with: "[[8, 0], [20, 0]").replacingOccurrences(of: "[10, 8]]}]", with: "[8, 8]]}]"), "overlap"),
        (TourRoutesTests.tinyMuseum.replacingOccurrences(of: "\"width\": 1.6", with: "\"width\": 1.6, \"colour\": \"red\""), "unknown fields: doors[0].colour"),
        (TourRoutesTests.tinyMuseum.replacingOccurrences(of: "\"dwellMinutes\": 3,", with: "\"dwellMinutes\": -3,"), "dwellMinutes"),
        ("{\"id\": \"x\"}", "not a museum plan"),
        ("[]", "not a museum plan"),
    ])
    func badMuseumsAreRejected(body: String, reason: String) async throws {
        let fixture = try await ServerFixture()
        try await fixture.test { client in
            let response = try await client.execute(uri: "/v1/museums", method: .post, body: ByteBuffer(string: body))
            #expect(response.status == .badRequest, "\(response.text)")
            #expect((response.object["detail"] as? String)?.contains(reason) == true, "\(response.text)")
        }
        #expect(try await fixture.studio.museums.museums().map(\.id) == ["film-history-wing", "grand-hall"])
    }

    @Test func planEditVersionScriptMapAndGLB() async throws {
        let fixture = try await ServerFixture()
        try await fixture.test { client in
            let body = #"{"museumId": "film-history-wing", "userId": "ben", "budgetMinutes": 40, "seed": 2}"#
            let planned = try await client.execute(uri: "/v1/tours", method: .post, body: ByteBuffer(string: body))
            #expect(planned.status == .created, "\(planned.text)")
            let id = try #require(planned.object["id"] as? String)
            let stops = try #require(planned.object["stops"] as? [[String: Any]])
            #expect(stops.count >= 3)
            #expect(planned.object["totalMinutes"] as? Double ?? 99 <= 40)
            #expect(planned.headers[.eTag] == "\"\(id)-v1\"")
            #expect(try await client.execute(uri: "/v1/tours", method: .post, body: ByteBuffer(string: body)).status == .ok)

            // An edit: drop the first stop, reverse the rest, rewrite one narration.
            var edited = stops.dropFirst().map { ["exhibitId": $0["exhibitId"] as! String] as [String: Any] }
            edited.reverse()
            edited[0]["narration"] = "The curator's own words."
            let put = try await client.execute(
                uri: "/v1/tours/\(id)", method: .put, body: Self.buffer(try JSONSerialization.data(withJSONObject: ["baseVersion": 1, "stops": edited])))
            #expect(put.status == .ok, "\(put.text)")
            #expect(put.object["version"] as? Int == 2)
            #expect(((put.object["stops"] as? [[String: Any]])?.first)?["narration"] as? String == "The curator's own words.")

            // An edit over budget is refused and changes nothing.
            let wing = try await fixture.studio.museums.museum(id: "film-history-wing")
            let everything = wing.exhibits.map { ["exhibitId": $0.id] }
            let over = try await client.execute(
                uri: "/v1/tours/\(id)", method: .put, body: Self.buffer(try JSONSerialization.data(withJSONObject: ["stops": everything])))
            #expect(over.status == .unprocessableContent, "\(over.text)")
            #expect((over.object["detail"] as? String)?.contains("over the budget of 40 minutes") == true)
            let stale = try await client.execute(
                uri: "/v1/tours/\(id)", method: .put, body: Self.buffer(try JSONSerialization.data(withJSONObject: ["baseVersion": 1, "stops": edited])))
            #expect(stale.status == .conflict)
            let latest = try await client.execute(uri: "/v1/tours/\(id)", method: .get)
            #expect(latest.object["version"] as? Int == 2)
            let first = try await client.execute(uri: "/v1/tours/\(id)?version=1", method: .get)
            #expect(first.object["version"] as? Int == 1)
            // Planned for a user: personal, even when pinned.
            #expect(first.headers[.cacheControl] == "private, no-store")
            let versions = try await client.execute(uri: "/v1/tours/\(id)/versions", method: .get)
            #expect((versions.json as? [[String: Any]])?.map { $0["origin"] as? String } == ["planner", "edit"])

            let script = try await client.execute(uri: "/v1/tours/\(id)/script.md", method: .get)
            #expect(script.headers[.contentType] == "text/markdown; charset=utf-8")
            #expect(script.text.hasPrefix("# Tour of the Film History Wing") && script.text.contains("## Stop 1: "))
            #expect(script.text.contains("The curator's own words."))

            let glb = try await client.execute(uri: "/v1/tours/\(id).glb", method: .get)
            #expect(glb.status == .ok)
            #expect(GLBContainer.unpack(glb.data) != nil)
            let usdz = try await client.execute(uri: "/v1/tours/\(id).usdz", method: .get)
            #expect(usdz.status == .ok && usdz.headers[.contentType] == "model/vnd.usdz+zip")
            #expect(usdz.headers[.cacheControl] == glb.headers[.cacheControl])

            // The map shows the route: route-coloured pixels along every leg.
            let map = try await client.execute(uri: "/v1/tours/\(id)/map.png?floor=0&width=800&height=500", method: .get)
            #expect(map.headers[.contentType] == "image/png")
            let image = try PNG.decode(map.data)
            let tour = try await fixture.studio.tours.tour(id: id)
            let scene = MuseumScene.build(wing, floor: 0, tour: tour)
            let camera = PreviewRenderer.defaultCamera(for: scene, view: .plan, options: .init(width: 800, height: 500))
            var legs = 0
            for leg in tour.route where leg.floor == 0 {
                for (a, b) in zip(leg.points, leg.points.dropFirst()) where hypot(a[0] - b[0], a[1] - b[1]) > 1 {
                    legs += 1
                    var hits = 0, samples = 0
                    for step in 1..<10 {
                        let t = Float(step) / 10
                        let p = camera.pixel(of: Vec3(Float(a[0]) + t * Float(b[0] - a[0]), 0, Float(a[1]) + t * Float(b[1] - a[1])), width: 800, height: 500)
                        samples += 1
                        if Self.routeColourNear(image, Int(p.x), Int(p.y)) { hits += 1 }
                    }
                    #expect(hits * 10 >= samples * 7, "leg \(a)→\(b): \(hits)/\(samples) samples on the route colour")
                }
            }
            #expect(legs >= 3)
            #expect(try await client.execute(uri: "/v1/tours/\(id)/map.png?floor=7", method: .get).status == .badRequest)
        }
    }

    static func buffer(_ data: Data) -> ByteBuffer { ByteBuffer(bytes: data) }

    static func routeColourNear(_ image: RGBAImage, _ x: Int, _ y: Int) -> Bool {
        for dy in -2...2 {
            for dx in -2...2 {
                let px = x + dx, py = y + dy
                guard px >= 0, py >= 0, px < image.width, py < image.height else { continue }
                let c = image[px, py]
                if c.x > 200 && c.y < 80 && c.z > 150 { return true }
            }
        }
        return false
    }

    @Test(arguments: [
        (#"{"museumId": "film-history-wing", "userId": "emma", "budgetMinutes": 60, "mustInclude": ["ADULT"]}"#, 422, "adult audiences"),
        (#"{"museumId": "film-history-wing", "userId": "ben", "budgetMinutes": 5, "mustInclude": ["ALL"]}"#, 422, "over the budget"),
        (#"{"museumId": "film-history-wing", "userId": "ben", "budgetMinutes": 60, "mustInclude": ["nope"]}"#, 422, "no exhibit nope"),
        (#"{"museumId": "nowhere", "userId": "ben", "budgetMinutes": 60}"#, 404, "no museum"),
        (#"{"museumId": "film-history-wing", "userId": "nobody", "budgetMinutes": 60}"#, 404, "nobody"),
        (#"{"museumId": "film-history-wing", "budgetMinutes": 60}"#, 400, "exactly one of userId and profile"),
        (#"{"museumId": "film-history-wing", "userId": "ben", "budgetMinutes": 4}"#, 400, "budgetMinutes"),
        (#"{"museumId": "film-history-wing", "userId": "ben", "budgetMinutes": 601}"#, 400, "budgetMinutes"),
        (#"{"museumId": "film-history-wing", "userId": "ben", "budgetMinutes": "soon"}"#, 400, "budgetMinutes"),
        (#"{"museumId": "film-history-wing", "userId": "ben", "budgetMinutes": 60, "tempo": "fast"}"#, 400, "tempo"),
        (#"{"museumId": "film-history-wing", "userId": "ben", "budgetMinutes": 60, "seed": -1}"#, 400, "seed"),
    ])
    func badTourRequests(body: String, status: Int, reason: String) async throws {
        let fixture = try await ServerFixture()
        let wing = try await fixture.studio.museums.museum(id: "film-history-wing")
        let adult = wing.exhibits.first { $0.audience == .adult }!.id
        let all = wing.exhibits.map { "\"\($0.id)\"" }.joined(separator: ", ")
        let request = body.replacingOccurrences(of: "\"ADULT\"", with: "\"\(adult)\"").replacingOccurrences(of: "\"ALL\"", with: all)
        try await fixture.test { client in
            let response = try await client.execute(uri: "/v1/tours", method: .post, body: ByteBuffer(string: request))
            #expect(Int(response.status.code) == status, "\(response.text)")
            #expect(response.text.contains(reason), "\(response.text)")
        }
    }

    @Test func inlineProfilesPlanToursWithoutAnAccount() async throws {
        let fixture = try await ServerFixture()
        try await fixture.test { client in
            let body = #"{"museumId": "grand-hall", "profile": {"id": "walk-in", "displayName": "Sam", "audience": "child", "accessibility": ["stepFree"]}, "budgetMinutes": 30}"#
            let response = try await client.execute(uri: "/v1/tours", method: .post, body: ByteBuffer(string: body))
            #expect(response.status == .created, "\(response.text)")
            let stops = response.object["stops"] as? [[String: Any]] ?? []
            #expect(!stops.isEmpty)
            #expect(!stops.contains { ($0["roomId"] as? String) == "mezzanine" })
        }
    }
}
