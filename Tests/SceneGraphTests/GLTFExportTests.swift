import Foundation
import SceneGraph
import TestSupport
import Testing

/// glTF and GLB export: structure, exact bounds, index sizes, sharing, and the independent checker.
@Suite struct GLTFExportTests {
    func sampleScene() -> Scene {
        var scene = Scene(name: "sample")
        let red = scene.material(Material(name: "red", baseColor: SIMD4(0.8, 0.1, 0.1, 1), roughness: 0.5))
        let glow = scene.material(Material(name: "glow", baseColor: SIMD4(1, 1, 1, 1), emissive: Vec3(1, 0.9, 0.6)))
        let box = scene.mesh(key: "box 1") { Mesh(name: "box", primitives: [Primitive(geometry: MeshBuilder.box(Vec3(1, 0.5, 0.25)), material: red)]) }
        let sameBox = scene.mesh(key: "box 1") { Mesh(name: "never built", primitives: []) }
        #expect(box == sameBox)
        let sphere = scene.mesh(key: "sphere") { Mesh(name: "sphere", primitives: [Primitive(geometry: MeshBuilder.sphere(radius: 0.1), material: glow)]) }
        let room = scene.add(Node(name: "room"))
        scene.add(Node(name: "a", transform: Transform(translation: Vec3(1, 0.25, 0)), mesh: box), parent: room)
        scene.add(Node(name: "b", transform: Transform(translation: Vec3(-1, 0.25, 0), rotation: .yaw(.pi / 3)), mesh: box), parent: room)
        let lamp = scene.light(Light(name: "lamp", kind: .point, color: Vec3(1, 0.9, 0.8), intensity: 40, range: 8))
        scene.add(Node(name: "bulb", transform: Transform(translation: Vec3(0, 2, 0)), mesh: sphere, light: lamp,
                       annotation: Annotation(role: .hotspot, id: "h1", label: "Title card", properties: ["triggerRadius": 1.5, "action": .object(["type": "info", "text": "Hello"])])), parent: room)
        let spot = scene.light(Light(name: "spot", kind: .spot, intensity: 80, range: 10, innerConeAngle: 0.3, outerConeAngle: 0.6))
        scene.add(Node(name: "spot", transform: Transform(translation: Vec3(0, 3, 0), rotation: .looking(along: Vec3(0, -1, 0))), light: spot), parent: room)
        let eye = scene.camera(.perspective(yfov: 1.0472, aspectRatio: nil, znear: 0.05, zfar: 100))
        scene.add(Node(name: "camera", transform: Transform(translation: Vec3(0, 1.6, 3)), camera: eye), parent: room)
        return scene
    }

    @Test func glbHasAlignedChunksAndExactBounds() throws {
        let glb = try GLTFExporter.glb(sampleScene())
        #expect(glb.count % 4 == 0)
        let (json, binary) = try #require(GLBContainer.unpack(glb))
        #expect(json.count % 4 == 0 && binary.count % 4 == 0)
        let document = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
        #expect((document["asset"] as? [String: Any])?["generator"] as? String == GLTFExporter.generator)
        #expect(document["extensionsUsed"] as? [String] == ["KHR_lights_punctual"])
        #expect(document["extensionsRequired"] == nil)
        // Two nodes share one box mesh: two meshes in all.
        #expect((document["meshes"] as? [Any])?.count == 2)
        let accessors = try #require(document["accessors"] as? [[String: Any]])
        let position = accessors[0]
        #expect(position["min"] as? [Double] == [-0.5, -0.25, -0.125])
        #expect(position["max"] as? [Double] == [0.5, 0.25, 0.125])
        #expect(accessors.filter { $0["type"] as? String == "SCALAR" }.allSatisfy { $0["componentType"] as? Int == 5123 })
        let nodes = try #require(document["nodes"] as? [[String: Any]])
        let bulb = try #require(nodes.first { $0["name"] as? String == "bulb" })
        let extras = try #require((bulb["extras"] as? [String: Any])?["scenewright"] as? [String: Any])
        #expect(extras["role"] as? String == "hotspot")
        #expect((extras["action"] as? [String: Any])?["text"] as? String == "Hello")
    }

    @Test func sameSceneSameBytes() throws {
        #expect(try GLTFExporter.glb(sampleScene()) == GLTFExporter.glb(sampleScene()))
        #expect(try GLTFExporter.gltf(sampleScene()) == GLTFExporter.gltf(sampleScene()))
    }

    @Test func largeMeshesUseUInt32Indices() throws {
        var scene = Scene(name: "big")
        let material = scene.material(Material(name: "m", baseColor: SIMD4(1, 1, 1, 1)))
        let mesh = scene.mesh(key: "big") { Mesh(name: "big", primitives: [Primitive(geometry: MeshBuilder.sphere(radius: 1, segments: 400, rings: 200), material: material)]) }
        scene.add(Node(name: "sphere", mesh: mesh))
        let json = try JSONSerialization.jsonObject(with: try GLTFExporter.gltf(scene)) as? [String: Any]
        let accessors = json?["accessors"] as? [[String: Any]] ?? []
        #expect(accessors.last?["componentType"] as? Int == 5125)
    }

    @Test(.enabled(if: GLTFValidator.isAvailable || CIRequirement.isCI, "needs python3 with jsonschema and numpy ($SCENEWRIGHT_PYTHON), and ../shared/tools"))
    func independentCheckerFindsNoErrors() throws {
        let directory = TemporaryDirectory()
        let glb = try directory.write("sample.glb", try GLTFExporter.glb(sampleScene()))
        let gltf = try directory.write("sample.gltf", try GLTFExporter.gltf(sampleScene()))
        for report in try GLTFValidator.validate([glb, gltf]) {
            #expect(report.errors == 0, "\(report.file): \(report.messages)")
        }
    }
}
