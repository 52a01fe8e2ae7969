import Foundation
import SceneGraph

/// A material reduced to what the rasterizer shades with (linear RGB).
struct ShadingMaterial: Sendable {
    var base: Vec3
    var emissive: Vec3
    var doubleSided: Bool
    /// Index into ``FlatScene/textures``, or −1 for none.
    var texture: Int32 = -1
}

/// A texture as the shader samples it: sRGB bytes, converted to linear light per texel read.
struct SampledTexture: Sendable {
    var width: Int
    var height: Int
    var pixels: [UInt8]

    /// sRGB byte → linear value.
    static let linear: [Float] = (0...255).map { i in
        let c = Float(i) / 255
        return c <= 0.04045 ? c / 12.92 : powf((c + 0.055) / 1.055, 2.4)
    }

    /// Bilinear filtering in linear light, clamped at the edges, at texture coordinate (u, v).
    @inline(__always)
    func sample(_ uv: SIMD2<Float>) -> Vec3 {
        let x = max(0, min(Float(width - 1), uv.x * Float(width) - 0.5)), y = max(0, min(Float(height - 1), uv.y * Float(height) - 0.5))
        let x0 = Int(x), y0 = Int(y)
        let x1 = min(x0 + 1, width - 1), y1 = min(y0 + 1, height - 1)
        let fx = x - Float(x0), fy = y - Float(y0)
        func texel(_ tx: Int, _ ty: Int) -> Vec3 {
            let i = (ty * width + tx) * 4
            return Vec3(Self.linear[Int(pixels[i])], Self.linear[Int(pixels[i + 1])], Self.linear[Int(pixels[i + 2])])
        }
        let top = texel(x0, y0) * (1 - fx) + texel(x1, y0) * fx
        let bottom = texel(x0, y1) * (1 - fx) + texel(x1, y1) * fx
        return top * (1 - fy) + bottom * fy
    }
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
    var castsShadows: Bool
}

/// A scene flattened to world-space triangles, materials and lights.
struct FlatScene: Sendable {
    var positions: [Vec3] = []
    var normals: [Vec3] = []
    /// Texture coordinates per vertex (zero where a primitive has none).
    var uvs: [SIMD2<Float>] = []
    /// Three vertex indices per triangle.
    var indices: [UInt32] = []
    /// One material index per triangle.
    var triangleMaterials: [UInt16] = []
    var materials: [ShadingMaterial] = []
    var lights: [ShadingLight] = []
    var textures: [SampledTexture] = []
    /// The box around every vertex (a 2 × 2 × 2 m box at the origin for an empty scene).
    private(set) var bounds: (low: Vec3, high: Vec3) = (Vec3(-1, 0, -1), Vec3(1, 2, 1))

    var triangleCount: Int { triangleMaterials.count }

    init() {}

    /// Flattens every mesh of `scene` into world space, in node order.
    init(_ scene: Scene) {
        materials = scene.materials.map { m in
            ShadingMaterial(
                base: Vec3(m.baseColor.x, m.baseColor.y, m.baseColor.z), emissive: m.emissive, doubleSided: m.doubleSided,
                texture: Int32(m.baseColorTexture?.rawValue ?? -1))
        }
        // A texture that does not decode samples as white: the material's colour alone.
        textures = scene.textures.map { texture in
            (try? PNG.decode(texture.png)).map { SampledTexture(width: $0.width, height: $0.height, pixels: $0.pixels) }
                ?? SampledTexture(width: 1, height: 1, pixels: [255, 255, 255, 255])
        }
        for (index, world) in scene.worldTransforms() {
            let node = scene[index]
            if let lightIndex = node.light {
                let light = scene[lightIndex]
                lights.append(ShadingLight(
                    kind: light.kind, position: world.point(.zero), direction: normalize(world.direction(Vec3(0, 0, -1))),
                    color: light.color, intensity: light.intensity, range: light.range,
                    cosInner: cos(light.innerConeAngle), cosOuter: cos(light.outerConeAngle), castsShadows: light.castsShadows))
            }
            guard let meshIndex = node.mesh else { continue }
            let normalMatrix = world.normalMatrix
            for primitive in scene[meshIndex].primitives {
                let g = primitive.geometry
                let base = UInt32(positions.count)
                positions += g.positions.map { world.point($0) }
                normals += g.normals.map { normalize(normalMatrix.direction($0)) }
                uvs += g.uvs.count == g.positions.count ? g.uvs : Array(repeating: .zero, count: g.positions.count)
                indices += g.indices.map { $0 + base }
                triangleMaterials += Array(repeating: UInt16(primitive.material.rawValue), count: g.indices.count / 3)
            }
        }
        if !positions.isEmpty {
            var low = Vec3(repeating: .infinity), high = Vec3(repeating: -.infinity)
            for p in positions {
                low = pointwiseMin(low, p)
                high = pointwiseMax(high, p)
            }
            bounds = (low, high)
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
