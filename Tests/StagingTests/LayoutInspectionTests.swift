import Catalog
import Foundation
import SceneGraph
import Staging
import TestSupport
import Testing

/// Every room of the sweep (film × profile × 3 seeds), checked from its GLB by an inspector that
/// shares no code with the solver or the exporter: no intersections, nothing under the floor,
/// nothing floating. Prints the per-archetype object table.
@Suite struct LayoutInspectionTests {
    struct Tally {
        var rooms = 0, objects: [Int] = [], onSurfaces = 0, wallMounted = 0, dropped = 0
        var reasons: [String: Int] = [:]
    }

    @Test func everyRoomOfTheSweepIsFreeOfCollisionsFloatingAndSunkenObjectsInItsGLB() async throws {
        let stager = try StagingFixture.stager()
        let catalog = try StagingFixture.catalog()
        var tallies: [String: Tally] = [:]
        var problems: [String] = []
        var rooms = 0
        for film in catalog.films {
            for user in catalog.users {
                for seed in StagingFixture.seeds.prefix(3) {
                    let staged = try stager.stage(film: film, profile: user, seed: seed, id: "inspect")
                    let report = try GLBLayoutInspector.inspect(try GLTFExporter.glb(staged.scene))
                    rooms += 1
                    let label = "\(film.id) × \(user.id) × seed \(seed) (\(staged.document.archetype.id))"
                    problems += (report.intersections + report.underFloor + report.unsupported).map { "\(label): \($0)" }
                    var tally = tallies[staged.document.archetype.id, default: Tally()]
                    tally.rooms += 1
                    tally.objects.append(report.objects)
                    tally.onSurfaces += report.onSurfaces
                    tally.wallMounted += report.wallMounted
                    tally.dropped += staged.document.layout.dropped.count
                    for item in staged.document.layout.dropped { tally.reasons[Self.shortReason(item.reason), default: 0] += 1 }
                    tallies[staged.document.archetype.id] = tally
                }
            }
        }
        Self.printTable(tallies)
        print("layout inspection: \(rooms) rooms from their GLBs, \(problems.count) problems")
        for (kind, count) in Self.grouped(problems).prefix(40) { print("  \(count) × \(kind)") }
        #expect(rooms == catalog.films.count * catalog.users.count * 3)
        #expect(problems.count == 0, "first: \(problems.prefix(5))")
    }

    /// One fixed film, profile and seed: the GLB stays the same byte for byte (textures,
    /// figures, fill lights and all). `SCENEWRIGHT_UPDATE_GOLDENS=1` rewrites it after a
    /// deliberate change to staging (bump `Stager.generatorVersion` with it).
    @Test func theGoldenSceneIsByteIdentical() throws {
        let staged = try StagingFixture.stager().stage(film: try StagingFixture.film("casablanca-1942"), profile: try StagingFixture.user("chloe"), seed: 7, id: "golden")
        let glb = try GLTFExporter.glb(staged.scene)
        let expected = try Golden.expected("scene/casablanca-chloe-7.glb", actual: glb)
        #expect(glb == expected, "the golden GLB changed: \(glb.count) bytes against \(expected.count)")
    }

    /// A hand-built room with one of each fault, and one of each kind of support: the inspector
    /// must find exactly the faults.
    @Test func theInspectorFindsFloatingSunkenAndIntersectingObjectsAndAcceptsSupport() throws {
        var scene = Scene(name: "faults")
        let grey = scene.material(Material(name: "grey", baseColor: SIMD4(0.5, 0.5, 0.5, 1)))
        func box(_ name: String, size: Vec3, at centre: Vec3, role: Annotation.Role = .prop, tags: [String] = []) {
            let mesh = scene.mesh(key: "box \(size)") { Mesh(name: "box", primitives: [Primitive(geometry: MeshBuilder.box(size), material: grey)]) }
            scene.add(Node(name: name, transform: Transform(translation: centre), mesh: mesh, annotation: Annotation(
                role: role, id: name, label: name, properties: ["tags": .array(tags.map { .string($0) })])))
        }
        let wall = scene.mesh(key: "wall") { Mesh(name: "wall", primitives: [Primitive(geometry: MeshBuilder.box(Vec3(6, 3, 0.2)), material: grey)]) }
        scene.add(Node(name: "wall-back", transform: Transform(translation: Vec3(0, 1.5, -3.1)), mesh: wall))
        box("desk", size: Vec3(1.2, 0.75, 0.6), at: Vec3(0, 0.375, 0))
        box("lamp-on-desk", size: Vec3(0.2, 0.4, 0.2), at: Vec3(0.3, 0.95, 0))
        box("frame-on-wall", size: Vec3(0.6, 0.5, 0.04), at: Vec3(1, 1.6, -2.98))
        box("rug", size: Vec3(2, 0.01, 2), at: Vec3(0, 0.005, 1.5))
        box("chair-on-rug", size: Vec3(0.5, 0.9, 0.5), at: Vec3(0, 0.45, 1.5))
        box("floating-sign", size: Vec3(1, 0.5, 0.05), at: Vec3(-1.5, 2, 1))
        box("sunken-rock", size: Vec3(1, 0.6, 1), at: Vec3(2, 0.15, 2))
        box("half-buried-boulder", size: Vec3(1, 0.6, 1), at: Vec3(-2, 0.15, 2), tags: ["embedded"])
        box("cabinet", size: Vec3(0.8, 0.9, 0.5), at: Vec3(-1.5, 0.45, -1))
        box("crate-in-cabinet", size: Vec3(0.4, 0.4, 0.4), at: Vec3(-1.4, 0.2, -0.8), role: .hotspot)
        let report = try GLBLayoutInspector.inspect(try GLTFExporter.glb(scene))
        #expect(report.objects == 10)
        #expect(report.unsupported.map { $0.split(separator: " ")[0] } == ["floating-sign"])
        #expect(report.underFloor.map { $0.split(separator: " ")[0] } == ["sunken-rock"])
        #expect(report.intersections.map { $0.split(separator: " ").prefix(3).joined(separator: " ") } == ["cabinet and crate-in-cabinet"])
        #expect(report.onSurfaces == 1 && report.wallMounted == 1)
    }

    /// Problems by archetype, object kind (its id without the instance number) and what is wrong.
    static func grouped(_ problems: [String]) -> [(String, Int)] {
        var counts: [String: Int] = [:]
        for problem in problems {
            let archetype = problem.split(separator: "(").dropFirst().first?.split(separator: ")").first.map(String.init) ?? "?"
            let detail = problem.split(separator: ": ", maxSplits: 1).last.map(String.init) ?? problem
            let words = detail.split(separator: " ")
            let object = words.first.map { $0.split(separator: "-").filter { Int($0) == nil }.joined(separator: "-") } ?? "?"
            let what = detail.contains("floats") ? "floats" : detail.contains("below") ? "below the floor" : "intersects " + (words.dropFirst(2).first.map { $0.split(separator: "-").filter { Int($0) == nil }.joined(separator: "-") } ?? "")
            counts["\(archetype): \(object) \(what)", default: 0] += 1
        }
        return counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
    }

    static func shortReason(_ reason: String) -> String {
        if reason.hasPrefix("tagged") { return "child" }
        if reason.hasPrefix("a raised platform") { return "step-free" }
        if reason.hasPrefix("needs a") { return "no host" }
        return "no room"
    }

    static func median(_ values: [Int]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        return sorted.count % 2 == 1 ? Double(sorted[sorted.count / 2]) : Double(sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }

    static func printTable(_ tallies: [String: Tally]) {
        print("archetype            rooms  median objects  min  on surfaces/room  wall or ceiling/room  dropped/room  why dropped")
        for (id, t) in tallies.sorted(by: { $0.key < $1.key }) {
            let n = Double(t.rooms)
            let why = t.reasons.sorted { $0.key < $1.key }.map { "\($0.key) \(String(format: "%.1f", Double($0.value) / n))" }.joined(separator: ", ")
            print(String(format: "%-20@ %5d  %14.1f  %3d  %16.1f  %20.1f  %12.1f  %@",
                         id as NSString, t.rooms, median(t.objects), t.objects.min() ?? 0, Double(t.onSurfaces) / n, Double(t.wallMounted) / n, Double(t.dropped) / n, why as NSString))
        }
        print("median objects per room over the sweep: \(median(tallies.values.flatMap(\.objects)))")
    }
}
