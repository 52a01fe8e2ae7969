import Foundation
import SceneGraph

/// A material reduced to what the rasterizer shades with (linear RGB).
struct ShadingMaterial: Sendable {
    var base: Vec3
    var emissive: Vec3
    var doubleSided: Bool
}

/// A light in world space.
struct ShadingLight: Sendable {
    var kind: Light.Kind
    var position: Vec3
    /// The direction the light shines in (unit).
    var direction: Vec3
    var color: Vec3
    var intensity: Float
    var range: Float?
    var cosInner: Float
    var cosOuter: Float
}

/// A scene flattened to world-space triangles, materials and lights.
struct FlatScene: Sendable {
    var positions: [Vec3] = []
    var normals: [Vec3] = []
    /// Three vertex indices per triangle.
    var indices: [UInt32] = []
    /// One material index per triangle.
    var triangleMaterials: [UInt16] = []
    var materials: [ShadingMaterial] = []
    var lights: [ShadingLight] = []

    var triangleCount: Int { triangleMaterials.count }

    init() {}

    /// Flattens every mesh of `scene` into world space, in node order.
    init(_ scene: Scene) {
        materials = scene.materials.map { m in
            ShadingMaterial(base: Vec3(m.baseColor.x, m.baseColor.y, m.baseColor.z), emissive: m.emissive, doubleSided: m.doubleSided)
        }
        for (index, world) in scene.worldTransforms() {
            let node = scene[index]
            if let lightIndex = node.light {
                let light = scene[lightIndex]
                lights.append(ShadingLight(
                    kind: light.kind, position: world.point(.zero), direction: normalize(world.direction(Vec3(0, 0, -1))),
                    color: light.color, intensity: light.intensity, range: light.range,
                    cosInner: cos(light.innerConeAngle), cosOuter: cos(light.outerConeAngle)))
            }
            guard let meshIndex = node.mesh else { continue }
            let normalMatrix = world.normalMatrix
            for primitive in scene[meshIndex].primitives {
                let g = primitive.geometry
                let base = UInt32(positions.count)
                positions += g.positions.map { world.point($0) }
                normals += g.normals.map { normalize(normalMatrix.direction($0)) }
                indices += g.indices.map { $0 + base }
                triangleMaterials += Array(repeating: UInt16(primitive.material.rawValue), count: g.indices.count / 3)
            }
        }
    }
}

extension Matrix4 {
    /// The inverse transpose of the upper 3×3 (via the adjugate, up to scale), for normals.
    var normalMatrix: Matrix4 {
        let c0 = Vec3(columns.0.x, columns.0.y, columns.0.z)
        let c1 = Vec3(columns.1.x, columns.1.y, columns.1.z)
        let c2 = Vec3(columns.2.x, columns.2.y, columns.2.z)
        let r0 = crossProduct(c1, c2), r1 = crossProduct(c2, c0), r2 = crossProduct(c0, c1)
        return Matrix4(columns: (SIMD4(r0, 0), SIMD4(r1, 0), SIMD4(r2, 0), SIMD4(0, 0, 0, 1)))
    }
}
