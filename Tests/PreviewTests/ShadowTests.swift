import Foundation
import Preview
import SceneGraph
import Testing

/// Shadow maps on a constructed scene: a 1 m cube hovering 1 m over a floor, lit from straight
/// above, so the floor under it is in shadow and the floor 2 m aside is not.
@Suite struct ShadowTests {
    static let white = Material(name: "white", baseColor: SIMD4(0.8, 0.8, 0.8, 1), roughness: 1)
    static let camera = ViewCamera(eye: Vec3(0, 3, 6), forward: Vec3(0, -3, -6), projection: .perspective(yfov: .pi / 3, near: 0.05))
    static let (width, height) = (240, 160)

    func scene(occluder: Bool, light: Light?, at position: Vec3 = Vec3(0, 5, 0)) -> Scene {
        var scene = Scene(name: "shadow")
        let m = scene.material(Self.white)
        let floor = scene.mesh(key: "floor") { Mesh(name: "floor", primitives: [Primitive(geometry: MeshBuilder.box(Vec3(10, 0.1, 10)), material: m)]) }
        scene.add(Node(name: "floor", transform: Transform(translation: Vec3(0, -0.05, 0)), mesh: floor))
        if occluder {
            let cube = scene.mesh(key: "cube") { Mesh(name: "cube", primitives: [Primitive(geometry: MeshBuilder.box(Vec3(1, 1, 1)), material: m)]) }
            scene.add(Node(name: "cube", transform: Transform(translation: Vec3(0, 1.5, 0)), mesh: cube))
        }
        if let light {
            let index = scene.light(light)
            scene.add(Node(name: light.name, transform: Transform(translation: position, rotation: .looking(along: Vec3(0, -1, 0))), light: index))
        }
        return scene
    }

    func render(_ scene: Scene, shadows: Bool = true, threads: Int = 1) throws -> RGBAImage {
        try PreviewRenderer(font: try PreviewFixture.font()).render(scene, view: .perspective, options: .init(
            width: Self.width, height: Self.height, supersampling: 1, threads: threads,
            shading: ShadingOptions(ambient: 0.1, exposure: 1, background: .zero), shadows: shadows), camera: Self.camera)
    }

    /// The image pixel showing world point `p`.
    func pixel(_ image: RGBAImage, _ p: Vec3) -> Int {
        let (x, y) = Self.camera.pixel(of: p, width: Self.width, height: Self.height)
        return Int(image[Int(x), Int(y)].x)
    }

    static let lights = [
        Light(name: "point", kind: .point, intensity: 40),
        Light(name: "spot", kind: .spot, intensity: 40, innerConeAngle: 0.3, outerConeAngle: 0.7),
        Light(name: "sun", kind: .directional, intensity: 2),
    ]

    @Test(arguments: lights)
    func theFloorUnderTheCubeIsInShadowAndTheFloorAsideIsLit(light: Light) throws {
        let unlit = try render(scene(occluder: true, light: nil))
        let shadowed = try render(scene(occluder: true, light: light))
        let unshadowed = try render(scene(occluder: true, light: light), shadows: false)
        let under = Vec3(0, 0, 0), aside = Vec3(1.6, 0, 0)
        // Under the cube only the ambient term is left; without shadow maps the light is there.
        #expect(abs(pixel(shadowed, under) - pixel(unlit, under)) <= 1, "\(light.name)")
        #expect(pixel(unshadowed, under) > pixel(unlit, under) + 40, "\(light.name)")
        // Aside, the light arrives either way.
        #expect(pixel(shadowed, aside) == pixel(unshadowed, aside), "\(light.name)")
        #expect(pixel(shadowed, aside) > pixel(unlit, aside) + 40, "\(light.name)")
    }

    /// With nothing in the light's way the shadow maps change no pixel: the bias keeps a
    /// surface from shadowing itself (no acne), even where the light grazes the floor.
    @Test(arguments: lights)
    func anOpenFloorShadowsNothing(light: Light) throws {
        let lowLight = light.kind == .directional ? Vec3(0, 5, 0) : Vec3(3, 0.6, -2)
        var grazing = light
        if light.kind == .directional { grazing.intensity = 2 }
        let lit = scene(occluder: false, light: grazing, at: lowLight)
        #expect(try render(lit) == render(lit, shadows: false), "\(light.name)")
    }

    @Test func aLightThatCastsNoShadowsLightsTheFloorUnderTheCube() throws {
        let lamp = Light(name: "lamp", kind: .point, intensity: 40, castsShadows: false)
        let image = try render(scene(occluder: true, light: lamp))
        let unshadowed = try render(scene(occluder: true, light: lamp), shadows: false)
        #expect(image == unshadowed)
    }

    @Test func shadowsAreTheSameBytesForOneOrTwoThreads() throws {
        for light in Self.lights {
            let lit = scene(occluder: true, light: light)
            #expect(try render(lit, threads: 1) == render(lit, threads: 2), "\(light.name)")
        }
    }
}
