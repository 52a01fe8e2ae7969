import Foundation
import Preview
import SceneGraph
import Testing

/// The rasterizer on constructed scenes whose right answer is known.
@Suite struct RasterizerTests {
    static let white = Material(name: "white", baseColor: SIMD4(1, 1, 1, 1), roughness: 1)

    func scene(_ boxes: [(Vec3, Vec3, Material)], lights: [(Light, Transform)] = []) -> Scene {
        var scene = Scene(name: "test")
        for (index, (size, position, material)) in boxes.enumerated() {
            let m = scene.material(material)
            let mesh = scene.mesh(key: "box \(index)") { Mesh(name: "box", primitives: [Primitive(geometry: MeshBuilder.box(size), material: m)]) }
            scene.add(Node(name: "box \(index)", transform: Transform(translation: position), mesh: mesh))
        }
        for (light, transform) in lights {
            let l = scene.light(light)
            scene.add(Node(name: light.name, transform: transform, light: l))
        }
        return scene
    }

    func render(_ scene: Scene, camera: ViewCamera, width: Int = 200, height: Int = 200, supersampling: Int = 1, threads: Int = 1, ambient: Float = 0.5) throws -> RGBAImage {
        let renderer = PreviewRenderer(font: try PreviewFixture.font())
        return try renderer.render(scene, view: .perspective, options: .init(
            width: width, height: height, supersampling: supersampling, threads: threads,
            shading: ShadingOptions(ambient: ambient, exposure: 1, background: .zero)), camera: camera)
    }

    /// A unit cube 3 m straight ahead fills a predictable square (±1 pixel at the edges).
    @Test func unitCubeCoversThePredictedRectangle() throws {
        let cube = scene([(Vec3(1, 1, 1), Vec3(0, 0, -3), Self.white)])
        let camera = ViewCamera(eye: .zero, forward: Vec3(0, 0, -1), projection: .perspective(yfov: .pi / 2, near: 0.05))
        let image = try render(cube, camera: camera)
        // The front face is at depth 2.5 and spans ±0.5: with a 90° field of view that is
        // ±0.5/2.5 of the half-width → pixels 80…120 on a 200-pixel image.
        let covered = (0..<200).flatMap { y in (0..<200).map { x in (x, y) } }.filter { image[$0.0, $0.1].x > 0 }
        let xs = covered.map(\.0), ys = covered.map(\.1)
        #expect(abs(xs.min()! - 80) <= 1 && abs(xs.max()! - 119) <= 1)
        #expect(abs(ys.min()! - 80) <= 1 && abs(ys.max()! - 119) <= 1)
        #expect(covered.count >= 39 * 39 && covered.count <= 41 * 41)
    }

    @Test func theNearerOfTwoOverlappingBoxesWins() throws {
        let red = Material(name: "red", baseColor: SIMD4(1, 0, 0, 1)), blue = Material(name: "blue", baseColor: SIMD4(0, 0, 1, 1))
        let camera = ViewCamera(eye: .zero, forward: Vec3(0, 0, -1), projection: .perspective(yfov: .pi / 2, near: 0.05))
        // Blue is nearer and drawn second; red is nearer and drawn first: the order of drawing must not matter.
        for (nearColor, order) in [(SIMD3<UInt8>(0, 0, 1), [(Vec3(2, 2, 0.2), Vec3(0, 0, -6), red), (Vec3(1, 1, 0.2), Vec3(0.4, 0, -3), blue)]),
                                   (SIMD3<UInt8>(1, 0, 0), [(Vec3(1, 1, 0.2), Vec3(0.4, 0, -3), red), (Vec3(2, 2, 0.2), Vec3(0, 0, -6), blue)])] {
            let image = try render(scene(order), camera: camera)
            let centre = image[110, 100]
            #expect(SIMD3(centre.x > 0 ? 1 : 0, centre.y > 0 ? 1 : 0, centre.z > 0 ? 1 : 0) == nearColor)
        }
    }

    @Test func aBackFacingTriangleDrawsNothing() throws {
        var scene = Scene(name: "triangle")
        let m = scene.material(Self.white)
        var geometry = Geometry()
        geometry.positions = [Vec3(-1, -1, -3), Vec3(1, -1, -3), Vec3(0, 1, -3)]
        geometry.normals = Array(repeating: Vec3(0, 0, 1), count: 3)
        geometry.indices = [0, 1, 2]  // counter-clockwise seen from the camera: front-facing
        let front = scene.mesh(key: "front") { Mesh(name: "front", primitives: [Primitive(geometry: geometry, material: m)]) }
        scene.add(Node(name: "front", mesh: front))
        let camera = ViewCamera(eye: .zero, forward: Vec3(0, 0, -1), projection: .perspective(yfov: .pi / 2, near: 0.05))
        #expect(try render(scene, camera: camera).distinctColors > 1)
        var back = Scene(name: "back")
        let bm = back.material(Self.white)
        var reversed = geometry
        reversed.indices = [0, 2, 1]
        let mesh = back.mesh(key: "back") { Mesh(name: "back", primitives: [Primitive(geometry: reversed, material: bm)]) }
        back.add(Node(name: "back", mesh: mesh))
        #expect(try render(back, camera: camera).distinctColors == 1)
    }

    /// Triangles sharing edges that pass exactly through sample centres (where the fill rule
    /// decides): horizontal, vertical and diagonal edges, and a fan around a shared vertex.
    /// Every sample inside the shape is covered exactly once: no gap, no double cover.
    @Test func sharedEdgesLeaveNoGapAndNoDoubleCoverage() throws {
        // Orthographic, 1 world unit = 1 pixel; pixel centre (px + 0.5, py + 0.5) ↔ world (px + 0.5 − 100, 99.5 − py).
        let camera = ViewCamera(eye: Vec3(0, 0, 10), forward: Vec3(0, 0, -1), projection: .orthographic(halfWidth: 100, near: 0))
        func world(_ px: Float, _ py: Float) -> Vec3 { Vec3(px + 0.5 - 100, 99.5 - py, 0) }
        typealias Shape = (name: String, corners: [Vec3], triangles: [UInt32], inside: (Int, Int) -> Bool)
        var shapes: [Shape] = []
        // A square split on its diagonal, whose shared edge runs through (k + 0.5, k + 0.5).
        let diagonal: [Vec3] = [world(20, 20), world(120, 20), world(120, 120), world(20, 120)]
        shapes.append(("diagonal", diagonal, [0, 3, 2, 0, 2, 1], { x, y in x > 20 && x < 120 && y > 20 && y < 120 }))
        // Two rectangles stacked on a horizontal edge through row 80's centres.
        let stacked: [Vec3] = [world(10, 40), world(150, 40), world(150, 80), world(10, 80), world(150, 130), world(10, 130)]
        shapes.append(("horizontal", stacked, [0, 3, 2, 0, 2, 1, 3, 5, 4, 3, 4, 2], { x, y in x > 10 && x < 150 && y > 40 && y < 130 }))
        // Two rectangles side by side on a vertical edge through column 60's centres.
        let sideBySide: [Vec3] = [world(30, 10), world(60, 10), world(60, 190), world(30, 190), world(170, 10), world(170, 190)]
        shapes.append(("vertical", sideBySide, [0, 3, 2, 0, 2, 1, 1, 2, 5, 1, 5, 4], { x, y in x > 30 && x < 170 && y > 10 && y < 190 }))
        // Eight triangles around a centre vertex on a sample centre.
        var fan: [Vec3] = [world(100, 100)]
        for k in 0..<8 {
            let angle = Float(k) * .pi / 4
            fan.append(world(100 + (60 * cos(angle)).rounded(), 100 + (60 * sin(angle)).rounded()))
        }
        var fanTriangles: [UInt32] = []
        for k in 0..<8 { fanTriangles += [0, UInt32(1 + (k + 1) % 8), UInt32(1 + k)] }
        shapes.append(("fan", fan, fanTriangles, { x, y in abs(x - 100) + abs(y - 100) < 40 }))
        for shape in shapes {
            var scene = Scene(name: shape.name)
            let m = scene.material(Self.white)
            var geometry = Geometry()
            geometry.positions = shape.corners
            geometry.normals = Array(repeating: Vec3(0, 0, 1), count: shape.corners.count)
            geometry.indices = shape.triangles
            let mesh = scene.mesh(key: shape.name) { Mesh(name: shape.name, primitives: [Primitive(geometry: geometry, material: m)]) }
            scene.add(Node(name: shape.name, mesh: mesh))
            let counts = PreviewRenderer.coverageCounts(scene, camera: camera, width: 200, height: 200, cullBackFaces: false)
            #expect(!counts.contains { $0 > 1 }, "\(shape.name): a sample was covered twice")
            for y in 0..<200 {
                for x in 0..<200 where shape.inside(x, y) {
                    #expect(counts[y * 200 + x] == 1, "\(shape.name): sample (\(x), \(y)) not covered")
                }
            }
        }
    }

    @Test func aLightBehindAFaceLeavesItAtAmbientOnly() throws {
        let camera = ViewCamera(eye: Vec3(0, 0, 2), forward: Vec3(0, 0, -1), projection: .perspective(yfov: .pi / 3, near: 0.05))
        let grey = Material(name: "grey", baseColor: SIMD4(0.5, 0.5, 0.5, 1))
        let wall = [(Vec3(4, 4, 0.1), Vec3(0, 0, 0), grey)]
        let unlit = try render(scene(wall), camera: camera, ambient: 0.2)
        let behind = try render(scene(wall, lights: [(Light(name: "behind", kind: .point, intensity: 500, range: 20), Transform(translation: Vec3(0, 0, -1.5)))]), camera: camera, ambient: 0.2)
        let inFront = try render(scene(wall, lights: [(Light(name: "front", kind: .point, intensity: 50, range: 20), Transform(translation: Vec3(0, 0, 1.5)))]), camera: camera, ambient: 0.2)
        #expect(behind[100, 100] == unlit[100, 100])
        #expect(inFront[100, 100].x > unlit[100, 100].x + 40)
        // A spot light aimed away leaves the wall dark too; aimed at it, it lights it.
        let spotAway = try render(scene(wall, lights: [(Light(name: "s", kind: .spot, intensity: 200, range: 20), Transform(translation: Vec3(0, 0, 1.5), rotation: .looking(along: Vec3(0, 0, 1))))]), camera: camera, ambient: 0.2)
        #expect(spotAway[100, 100] == unlit[100, 100])
    }

    @Test func nearPlaneClippingKeepsGeometryThatCrossesIt() throws {
        // A floor running from under the camera to the horizon must still render (clipped, not dropped).
        var scene = Scene(name: "floor")
        let m = scene.material(Self.white)
        let mesh = scene.mesh(key: "floor") { Mesh(name: "floor", primitives: [Primitive(geometry: MeshBuilder.plane(width: 40, depth: 40), material: m)]) }
        scene.add(Node(name: "floor", mesh: mesh))
        let camera = ViewCamera(eye: Vec3(0, 1.6, 0), forward: Vec3(0, -0.3, -1), projection: .perspective(yfov: .pi / 3, near: 0.05))
        let image = try render(scene, camera: camera)
        #expect(image[100, 190].x > 0)
        #expect(image[100, 5] == SIMD4(0, 0, 0, 255))
    }

    @Test func sameImageForOneOrTwoThreads() throws {
        let boxes = (0..<12).map { i in (Vec3(0.5, 0.5 + Float(i) * 0.1, 0.5), Vec3(Float(i % 4) - 1.5, 0, -3 - Float(i / 4)), Self.white) }
        let camera = ViewCamera(eye: Vec3(0, 1, 2), forward: Vec3(0, -0.2, -1), projection: .perspective(yfov: .pi / 3, near: 0.05))
        let lights = [(Light(name: "l", kind: .point, intensity: 30, range: 10), Transform(translation: Vec3(1, 3, 0)))]
        #expect(try render(scene(boxes, lights: lights), camera: camera, width: 320, height: 180, supersampling: 2, threads: 1)
            == render(scene(boxes, lights: lights), camera: camera, width: 320, height: 180, supersampling: 2, threads: 2))
    }
}
