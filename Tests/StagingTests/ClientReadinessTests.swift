import Catalog
import Foundation
import SceneGraph
import Staging
import TestSupport
import Testing

/// What independent clients (trimesh, Blender, OMI tooling) need, read back from the GLB: the
/// preview camera has an aspect ratio, mesh names are unique and short, with no float noise, and
/// seats and the spawn point carry the open interaction extensions.
@Suite struct ClientReadinessTests {
    @Test func meshNamesAreUniqueAndShortAndTheCameraHasAnAspectRatio() throws {
        let stager = try StagingFixture.stager()
        let catalog = try StagingFixture.catalog()
        let user = catalog.users[0]
        let noise = try Regex(#"\d\.\d{3,}"#)
        for film in catalog.films {
            let glb = try GLTFExporter.glb(try stager.stage(film: film, profile: user, seed: 1, id: "names").scene)
            let names = try GLBJSON.meshNames(glb)
            #expect(Set(names).count == names.count, "\(film.id): repeated mesh names")
            let noisy = names.filter { $0.contains(noise) || $0.count > 40 }
            #expect(noisy.isEmpty, "\(film.id): \(noisy.prefix(3))")
            let cameras = try GLBJSON.document(glb)["cameras"] as? [[String: Any]] ?? []
            #expect(!cameras.isEmpty)
            for camera in cameras {
                let aspect = (camera["perspective"] as? [String: Any])?["aspectRatio"] as? Double
                #expect(aspect.map { abs($0 - 16.0 / 9.0) < 1e-6 } == true, "\(film.id): camera \(camera)")
            }
        }
    }

    /// Every seat has an `OMI_seat` pose that lies on its own prop (back and knees within the
    /// prop's mesh box, knees at the seat's height in front of the back, feet on the prop's base),
    /// and the one spawn node is an `OMI_spawn_point`. Both are optional extensions.
    @Test func seatsAndTheSpawnPointUseTheOMIExtensions() throws {
        let stager = try StagingFixture.stager()
        let catalog = try StagingFixture.catalog()
        var seats = 0
        for film in catalog.films {
            for user in catalog.users.prefix(2) {
                let glb = try GLTFExporter.glb(try stager.stage(film: film, profile: user, seed: 3, id: "omi").scene)
                let report = try GLBInteractionReader.read(glb)
                let where_ = "\(film.id)/\(user.id)"
                #expect(report.seatsWithoutPose.isEmpty, "\(where_): seats without OMI_seat: \(report.seatsWithoutPose)")
                #expect(report.spawnRoles.count == 1 && report.spawnPoints == report.spawnRoles, "\(where_): spawn \(report.spawnRoles) vs \(report.spawnPoints)")
                #expect(report.spawnTitles.allSatisfy { !$0.isEmpty })
                #expect(report.extensionsUsed.contains("OMI_spawn_point"))
                #expect(report.extensionsUsed.contains("OMI_seat") == !report.seats.isEmpty)
                #expect(report.extensionsRequired.isEmpty)
                for seat in report.seats {
                    seats += 1
                    guard let low = seat.propMin, let high = seat.propMax else {
                        Issue.record("\(where_) \(seat.name): no prop box")
                        continue
                    }
                    func onProp(_ p: SIMD3<Double>) -> Bool {
                        p.x >= low.x - 0.05 && p.x <= high.x + 0.05 && p.z >= low.z - 0.05 && p.z <= high.z + 0.05
                    }
                    let reach = ((seat.knee - seat.back) * (seat.knee - seat.back)).sum().squareRoot()
                    #expect(onProp(seat.back) && onProp(seat.knee), "\(where_) \(seat.name): back \(seat.back) knee \(seat.knee) off \(low)–\(high)")
                    #expect(abs(seat.knee.y - seat.origin.y) < 0.01 && abs(seat.back.y - seat.origin.y) < 0.01)
                    #expect(reach >= 0.1 && reach <= 0.6, "\(where_) \(seat.name): back to knee \(reach) m")
                    #expect(abs(seat.foot.y - low.y) < 0.02, "\(where_) \(seat.name): feet at \(seat.foot.y), prop base \(low.y)")
                    #expect(seat.angle >= .pi / 2 - 1e-6 && seat.angle <= 3 * .pi / 4)
                }
            }
        }
        #expect(seats > 20, "only \(seats) seats staged")
    }

    /// Read from the GLB: every point and spot light declares a `range` no longer than Blender's
    /// EEVEE lets it reach at its default light threshold, √(cd · 4π / 683 · max colour) m, and
    /// each ceiling fixture's range reaches the floor below it, so no client shows a black floor.
    @Test func lightsDeclareTheReachClientsGiveThem() throws {
        let stager = try StagingFixture.stager()
        let catalog = try StagingFixture.catalog()
        var fixtures = 0
        for film in catalog.films {
            let glb = try GLTFExporter.glb(try stager.stage(film: film, profile: catalog.users[1], seed: 1, id: "reach").scene)
            let json = try GLBJSON.document(glb)
            let lights = ((json["extensions"] as? [String: Any])?["KHR_lights_punctual"] as? [String: Any])?["lights"] as? [[String: Any]] ?? []
            for light in lights where light["type"] as? String != "directional" {
                let color = light["color"] as? [Double] ?? [1, 1, 1]
                let reach = ((light["intensity"] as? Double ?? 1) * 4 * .pi / 683 * (color.max() ?? 1)).squareRoot()
                let range: Double = light["range"] as? Double ?? .infinity
                let name: String = light["name"] as? String ?? "?"
                #expect(range <= reach * 1.0001, "\(film.id) \(name): range \(range), reach \(reach)")
            }
            for node in json["nodes"] as? [[String: Any]] ?? [] {
                let name = node["name"] as? String ?? ""
                guard name.hasPrefix("fill-"), !name.hasSuffix("fixture"), name != "fill-sky" else { continue }
                let extensions = node["extensions"] as? [String: Any] ?? [:]
                let punctual = extensions["KHR_lights_punctual"] as? [String: Any] ?? [:]
                let translation = node["translation"] as? [Double] ?? []
                guard let index = punctual["light"] as? Int, translation.count == 3 else { continue }
                let height = translation[1]
                fixtures += 1
                let range = lights[index]["range"] as? Double ?? .infinity
                #expect(range >= height * 1.2, "\(film.id) \(name): range \(range) m under a fixture \(height) m up")
            }
        }
        #expect(fixtures > 100, "only \(fixtures) ceiling fixtures")
    }
}
