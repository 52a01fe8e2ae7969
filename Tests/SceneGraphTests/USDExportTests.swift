import Foundation
import SceneGraph
import TestSupport
import Testing

/// The USD writer on a small hand-built scene with hostile names and annotation text: usd-core
/// opens the package, and every annotation reads back equal to the GLB's `extras`.
@Suite struct USDExportTests {
    static func hostileScene() -> Scene {
        var scene = Scene(name: "Quotes \"and\" \\ backslashes")
        let red = scene.material(Material(name: "red paint", baseColor: [0.8, 0.1, 0.1, 1]))
        let glass = scene.material(Material(name: "red paint", baseColor: [0.6, 0.7, 0.9, 0.4], doubleSided: true))
        let box = scene.mesh(key: "box") { Mesh(name: "box", primitives: [Primitive(geometry: MeshBuilder.box([1, 1, 1]).withoutUVs, material: red)]) }
        let pair = scene.mesh(key: "pair") {
            Mesh(name: "pair", primitives: [
                Primitive(geometry: MeshBuilder.box([1, 0.2, 1]).withoutUVs, material: red),
                Primitive(geometry: Geometry.transformed(MeshBuilder.box([0.5, 0.5, 0.5]).withoutUVs, Transform(translation: [0, 1, 0])), material: glass),
            ])
        }
        let root = scene.add(Node(name: "room", annotation: Annotation(role: .prop, id: "room", label: "Room")))
        let label = "Line one\nline \"two\"\t\u{1}\\ 银翼杀手 — Blade Runner"
        scene.add(
            Node(
                name: "1 box / with spaces", transform: Transform(translation: [1, 0.5, -2], rotation: Quaternion(x: 0, y: 0.3826834, z: 0, w: 0.9238795)), mesh: box,
                annotation: Annotation(role: .hotspot, id: "h\"1", label: label, properties: [
                    "weird key": "v", "triggerRadius": 1.5, "on": true, "tags": .array([]), "films": .array(["a", "b"]),
                    "position": .array([0, 1.25, -3]), "action": .object(["type": "info", "text": .string(label)]),
                ])),
            parent: root)
        scene.add(Node(name: "1 box / with spaces", transform: Transform(scale: [2, 1, 1]), mesh: pair), parent: root)
        let lamp = scene.light(Light(name: "lamp", kind: .spot, intensity: 40, range: 8, innerConeAngle: 0.3, outerConeAngle: 0.6))
        scene.add(Node(name: "lamp", transform: Transform(translation: [0, 2.5, 0]), light: lamp, annotation: Annotation(role: .audio, id: "hum", label: "Hum")), parent: root)
        let camera = scene.camera(.perspective(yfov: 0.9, aspectRatio: 16.0 / 9.0, znear: 0.05, zfar: 100))
        scene.add(Node(name: "camera", transform: Transform(translation: [0, 1.6, 4]), camera: camera))
        return scene
    }

    @Test(.enabled(if: USDValidator.isAvailable || CIRequirement.isCI, "needs usd-core ($SCENEWRIGHT_USD_PYTHON) and ../shared/tools"))
    func hostileNamesAndTextSurviveAndValidate() throws {
        let scene = Self.hostileScene()
        let directory = TemporaryDirectory("usd-hostile")
        let usdz = try directory.write("hostile.usdz", USDExporter.usdz(scene))
        let glb = try directory.write("hostile.glb", try GLTFExporter.glb(scene))
        let report = try USDValidator.validate(usdz, legacy: USDValidator.isLegacyAvailable || CIRequirement.isCI)
        #expect(report.status == 0, "\(report.summaries)")
        #expect(report.summaries.count == (USDValidator.isLegacyAvailable || CIRequirement.isCI ? 2 : 1), "\(report.summaries)")
        #expect(report.issues.isEmpty, "\(report.issues)")
        #expect(report.legacyFailures.isEmpty, "\(report.legacyFailures)")
        let reading = try USDValidator.read(usdz, glb: glb)
        #expect(reading.meshes == 2 && reading.incompleteMeshes.isEmpty, "\(reading.incompleteMeshes)")
        #expect(reading.semantics.count == 3)
        #expect(reading.semantics == reading.glbSemantics, "\(reading.semantics) vs \(reading.glbSemantics)")
    }

    @Test func theLayerSpellsTheStageMetadataAndOneLightAPIPerLight() {
        let layer = USDExporter.usda(Self.hostileScene())
        #expect(layer.hasPrefix("#usda 1.0\n"))
        for line in ["defaultPrim = \"Scene\"", "metersPerUnit = 1", "upAxis = \"Y\""] { #expect(layer.contains(line), "\(line)") }
        #expect(layer.components(separatedBy: "\"LightAPI\", \"ShapingAPI\"").count == 2)
        #expect(layer.contains("def Mesh \"_1_box_with_spaces\""))
        #expect(layer.contains("def Mesh \"_1_box_with_spaces_2\""))
        #expect(layer.contains("def Material \"red_paint_2\""))
        #expect(!layer.contains("displayColor"))
    }
}
