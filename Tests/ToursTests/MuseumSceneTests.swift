import Catalog
import Determinism
import Foundation
import SceneGraph
import TestSupport
import Testing
import Tours

@Suite("Museum scenes")
struct MuseumSceneTests {
    @Test(
        "the sample museum and a tour through it pass OpenUSD's checkers as USDZ",
        .enabled(if: USDValidator.isAvailable || CIRequirement.isCI, "needs usd-core ($SCENEWRIGHT_USD_PYTHON) and ../shared/tools"))
    func validUSDZ() throws {
        let directory = TemporaryDirectory("museum-usdz")
        let museum = try ToursFixture.museum("grand-hall")
        let tour = try ToursFixture.planner().plan(
            TourRequest(museum: museum, profile: try ToursFixture.user("ada"), userId: "ada", budgetMinutes: 45, seed: 1), id: "t", films: try ToursFixture.films(), taste: [:])
        for (name, scene) in [("museum", MuseumScene.build(museum)), ("tour", MuseumScene.build(museum, tour: tour))] {
            let usdz = try directory.write("\(name).usdz", USDExporter.usdz(scene))
            let glb = try directory.write("\(name).glb", try GLTFExporter.glb(scene))
            let report = try USDValidator.validate(usdz, legacy: USDValidator.isLegacyAvailable || CIRequirement.isCI)
            print("usdz \(name): \(report.summaries.joined(separator: " | "))")
            #expect(report.issues.isEmpty, "\(name): \(report.issues.prefix(3))")
            #expect(report.legacyFailures.isEmpty, "\(name): \(report.legacyFailures.prefix(3))")
            #expect(report.status == 0 && report.summaries.count == (USDValidator.isLegacyAvailable || CIRequirement.isCI ? 2 : 1), "\(name): \(report.summaries)")
            let problems = USDValidator.problems(try USDValidator.read(usdz, glb: glb), textures: scene.textures.count)
            #expect(problems.isEmpty, "\(name): \(problems)")
        }
    }

    @Test("sample and random museums, with and without tours, export valid glTF", .enabled(if: GLTFValidator.isAvailable || CIRequirement.isCI, "needs python3 with jsonschema and numpy ($SCENEWRIGHT_PYTHON), and ../shared/tools"))
    func validGLB() throws {
        let directory = TemporaryDirectory("museums")
        let planner = try ToursFixture.planner()
        let films = try ToursFixture.films()
        var files: [URL] = []
        var random = SeededRandom(seed: 9)
        var museums = [try ToursFixture.museum("film-history-wing"), try ToursFixture.museum("grand-hall")]
        for _ in 0..<6 { museums.append(ToursFixture.randomMuseum(&random, films: try ToursFixture.catalog().films)) }
        for (index, museum) in museums.enumerated() {
            let tour = try planner.plan(
                TourRequest(museum: museum, profile: try ToursFixture.user("ada"), userId: "ada", budgetMinutes: 45, seed: 1), id: "t", films: films, taste: [:])
            for (suffix, scene) in [("plain", MuseumScene.build(museum)), ("tour", MuseumScene.build(museum, tour: tour)), ("map", MuseumScene.build(museum, floor: 0, tour: tour))] {
                files.append(try directory.write("\(index)-\(suffix).glb", try GLTFExporter.glb(scene)))
            }
            for file in files.suffix(3) {
                let names = try GLBJSON.meshNames(try Data(contentsOf: file))
                #expect(Set(names).count == names.count, "repeated mesh names in \(file.lastPathComponent)")
            }
            // Waypoints follow the tour's order.
            let waypoints = MuseumScene.build(museum, tour: tour).annotated(.waypoint).map(\.node.annotation!)
            #expect(waypoints.map(\.id) == tour.stops.map { "stop-\($0.number)" })
        }
        let reports = try GLTFValidator.validate(files)
        let failing = reports.filter { $0.errors != 0 }
        print("museum glTF: \(reports.count) files validated, \(failing.count) with errors")
        #expect(reports.count == files.count)
        #expect(failing.isEmpty, "\(failing.prefix(3).map { "\($0.file): \($0.messages)" })")
    }

    @Test("walls have openings where the doors are")
    func doorOpenings() throws {
        let wing = try ToursFixture.museum("film-history-wing")
        let scene = MuseumScene.build(wing)
        // A ray along the floor through each door at knee height meets no wall triangle there.
        for door in wing.doors {
            var blocked = false
            for (entry, world) in scene.worldTransforms() {
                guard let meshIndex = scene[entry].mesh, scene[entry].name.hasPrefix("wall-") else { continue }
                for primitive in scene[meshIndex].primitives {
                    let bounds = Geometry.transformed(primitive.geometry, .identity).positions.map { world.point($0) }
                    guard let minX = bounds.map(\.x).min(), let maxX = bounds.map(\.x).max(), let minZ = bounds.map(\.z).min(), let maxZ = bounds.map(\.z).max() else { continue }
                    // Only walls that run through the door's point.
                    guard Double(minX) - 0.01 <= door.point.x, door.point.x <= Double(maxX) + 0.01, Double(minZ) - 0.01 <= door.point.z, door.point.z <= Double(maxZ) + 0.01 else { continue }
                    for t in stride(from: 0, to: primitive.geometry.indices.count, by: 3) {
                        let tri = (0..<3).map { world.point(primitive.geometry.positions[Int(primitive.geometry.indices[t + $0])]) }
                        let ys = tri.map(\.y)
                        guard ys.min()! < 0.5, ys.max()! > 0.5 else { continue }
                        let xs = tri.map(\.x), zs = tri.map(\.z)
                        if Double(xs.min()!) - 0.05 <= door.point.x, door.point.x <= Double(xs.max()!) + 0.05,
                           Double(zs.min()!) - 0.05 <= door.point.z, door.point.z <= Double(zs.max()!) + 0.05,
                           abs(Double(xs.max()! - xs.min()!)) + abs(Double(zs.max()! - zs.min()!)) > 0.3 {
                            blocked = true
                        }
                    }
                }
            }
            #expect(!blocked, "door \(door.id) is walled over")
        }
    }
}
