import Determinism
import Foundation
import SceneGraph

/// How lit pixels become display colours.
public struct ShadingOptions: Sendable, Equatable {
    /// Light that reaches every surface, as a fraction of its base colour.
    public var ambient: Float
    /// Multiplies radiance before tone mapping.
    public var exposure: Float
    /// Lights are in physical units (candela, lux). This exposure follows Blender's glTF
    /// importer (683 lm per watt) at Blender's default exposure, where a white surface under
    /// π × 683 lux reflects 1.0, times 0.6: EEVEE draws shadows and AgX's darker toe, which this
    /// rasterizer's flat shading and exponential curve lack; 0.6 is the factor that centres the
    /// luminance ratios `scripts/blender-check` measures on eight archetypes near 1.
    public static let physicalExposure: Float = 0.6 / 683
    /// Linear RGB where nothing is drawn.
    public var background: Vec3

    public init(ambient: Float = 0, exposure: Float = ShadingOptions.physicalExposure, background: Vec3 = Vec3(0.012, 0.014, 0.022)) {
        self.ambient = ambient
        self.exposure = exposure
        self.background = background
    }
}

/// The shadow maps as the shader reads them, valid inside ``Shading/resolve``.
struct ShadowLookup {
    var firstView: UnsafeBufferPointer<Int32>
    var views: UnsafeBufferPointer<ShadowView>
    var depths: UnsafeBufferPointer<Float>
}

/// Linear-light shading in physical units: Lambert diffuse from each point (candela), spot and
/// directional (lux) light, with inverse-square falloff, glTF's range window and smooth spot
/// cones; then exposure, emission, an exponential tone map and the sRGB transfer curve.
enum Shading {
    /// Linear [0, 1] → sRGB byte, sampled finely enough that every byte value is reachable.
    static let srgbTable: [UInt8] = (0...4095).map { i in
        let linear = Float(i) / 4095
        let encoded = linear <= 0.0031308 ? 12.92 * linear : 1.055 * powf(linear, 1 / 2.4) - 0.055
        return UInt8(max(0, min(255, (encoded * 255).rounded())))
    }

    @inline(__always)
    static func encode(_ linear: Float) -> UInt8 { srgbTable[Int(max(0, min(1, linear)) * 4095 + 0.5)] }

    @inline(__always)
    static func toneMap(_ radiance: Vec3, exposure: Float) -> Vec3 {
        Vec3(1 - exp(-radiance.x * exposure), 1 - exp(-radiance.y * exposure), 1 - exp(-radiance.z * exposure))
    }

    /// Light reflected from point `p` with normal `n` toward the viewer, before exposure.
    @inline(__always)
    static func reflected(at p: Vec3, normal n: Vec3, material: ShadingMaterial, lights: UnsafeBufferPointer<ShadingLight>, shadows: ShadowLookup) -> Vec3 {
        var irradiance = Vec3(repeating: 0)
        for (index, light) in lights.enumerated() {
            var toLight: Vec3
            var amount = light.intensity
            switch light.kind {
            case .directional:
                toLight = -light.direction
            case .point, .spot:
                let offset = light.position - p
                let distanceSquared = max(dotProduct(offset, offset), 1e-4)
                if let range = light.range, distanceSquared >= range * range { continue }
                // Facing away from the light: no contribution, whatever the distance.
                if dotProduct(n, offset) <= 0 { continue }
                let distance = distanceSquared.squareRoot()
                toLight = offset / distance
                amount /= distanceSquared
                if let range = light.range, range > 0 {
                    let ratio = distanceSquared / (range * range)
                    let window = max(0, min(1, 1 - ratio * ratio))
                    amount *= window * window
                }
                if light.kind == .spot {
                    let cosAngle = dotProduct(-toLight, light.direction)
                    let t = max(0, min(1, (cosAngle - light.cosOuter) / max(light.cosInner - light.cosOuter, 1e-4)))
                    amount *= t * t * (3 - 2 * t)
                }
            }
            let lambert = dotProduct(n, toLight)
            guard lambert > 0, amount > 0 else { continue }
            let first = Int(shadows.firstView[index])
            if first >= 0 {
                let face = light.kind == .point ? ShadowMaps.cubeFace(p - light.position) : 0
                amount *= shadows.views[first + face].visibility(at: p, normal: n, depths: shadows.depths)
            }
            irradiance += light.color * (amount * lambert)
        }
        return material.base * (irradiance / Float.pi)
    }

    /// The display colour (tone-mapped, linear) of triangle `t` seen at screen point (x, y).
    @inline(__always)
    static func shade(
        _ t: UnsafePointer<ScreenTriangle>, x: Float, y: Float, materials: UnsafeBufferPointer<ShadingMaterial>,
        lights: UnsafeBufferPointer<ShadingLight>, shadows: ShadowLookup, textures: UnsafeBufferPointer<SampledTexture>, eye: Vec3, options: ShadingOptions
    ) -> Vec3 {
        let w = Rasterizer.weights(t.pointee, x: x, y: y)
        let p = t.pointee.p0 * w.x + t.pointee.p1 * w.y + t.pointee.p2 * w.z
        var n = normalize(t.pointee.n0 * w.x + t.pointee.n1 * w.y + t.pointee.n2 * w.z)
        var material = materials[Int(t.pointee.material)]
        if material.texture >= 0 {
            let uv = t.pointee.uv0 * w.x + t.pointee.uv1 * w.y + t.pointee.uv2 * w.z
            material.base *= textures[Int(material.texture)].sample(uv)
        }
        if material.doubleSided && dotProduct(n, eye - p) < 0 { n = -n }
        // Emission and the ambient term are display-relative (glTF's emissive factor, a plan's
        // flat fill): added after exposure, as Blender adds emission strength.
        let exposed = reflected(at: p, normal: n, material: material, lights: lights, shadows: shadows) * options.exposure
        return toneMap(exposed + material.base * options.ambient + material.emissive, exposure: 1)
    }

    /// Resolves the visibility buffer (width·s × height·s samples) into an image of width × height:
    /// each distinct triangle under a pixel is shaded once, at the centroid of its samples, and
    /// weighted by how many samples it covers.
    static func resolve(
        ids: [Int32], triangles: [ScreenTriangle], flat: FlatScene, shadowMaps: ShadowMaps, width: Int, height: Int, supersampling s: Int,
        camera: ViewCamera, options: ShadingOptions, threads: Int
    ) -> RGBAImage {
        // Every byte is written below (by the chunk that owns its row).
        var pixels = [UInt8](unsafeUninitializedCapacity: width * height * 4) { _, count in count = width * height * 4 }
        let sampleWidth = width * s
        let background = toneMap(options.background, exposure: 1)
        let samplesPerPixel = Float(s * s)
        let eye = camera.eye
        ids.withUnsafeBufferPointer { ids in
        triangles.withUnsafeBufferPointer { tris in
        flat.materials.withUnsafeBufferPointer { materials in
        flat.lights.withUnsafeBufferPointer { lights in
        flat.textures.withUnsafeBufferPointer { textures in
        shadowMaps.firstView.withUnsafeBufferPointer { firstView in
        shadowMaps.views.withUnsafeBufferPointer { views in
        shadowMaps.depths.withUnsafeBufferPointer { depths in
        pixels.withUnsafeMutableBufferPointer { buffer in
            let shadows = ShadowLookup(firstView: firstView, views: views, depths: depths)
            let out = SharedBuffer(buffer)  // each chunk writes its own rows
            Parallel.forEachChunk(count: height, chunkSize: 8, threads: threads) { rows in
                // Per pixel at most s² distinct ids (s ≤ 4): fixed scratch, no allocation.
                var seen = [Int32](repeating: 0, count: 16), counts = [Int](repeating: 0, count: 16)
                var sumX = [Float](repeating: 0, count: 16), sumY = [Float](repeating: 0, count: 16)
                seen.withUnsafeMutableBufferPointer { seen in
                counts.withUnsafeMutableBufferPointer { counts in
                sumX.withUnsafeMutableBufferPointer { sumX in
                sumY.withUnsafeMutableBufferPointer { sumY in
                    for y in rows {
                        for x in 0..<width {
                            let first = ids[(y * s) * sampleWidth + x * s]
                            var uniform = true
                            for sy in 0..<s where uniform {
                                for sx in 0..<s where ids[(y * s + sy) * sampleWidth + x * s + sx] != first { uniform = false }
                            }
                            var color: Vec3
                            if uniform {
                                color = first < 0 ? background
                                    : shade(tris.baseAddress! + Int(first), x: (Float(x) + 0.5) * Float(s), y: (Float(y) + 0.5) * Float(s),
                                            materials: materials, lights: lights, shadows: shadows, textures: textures, eye: eye, options: options)
                            } else {
                                var distinct = 0
                                for sy in 0..<s {
                                    for sx in 0..<s {
                                        let id = ids[(y * s + sy) * sampleWidth + x * s + sx]
                                        let px = Float(x * s + sx) + 0.5, py = Float(y * s + sy) + 0.5
                                        var slot = 0
                                        while slot < distinct && seen[slot] != id { slot += 1 }
                                        if slot == distinct {
                                            seen[slot] = id
                                            counts[slot] = 0
                                            sumX[slot] = 0
                                            sumY[slot] = 0
                                            distinct += 1
                                        }
                                        counts[slot] += 1
                                        sumX[slot] += px
                                        sumY[slot] += py
                                    }
                                }
                                color = Vec3(repeating: 0)
                                for slot in 0..<distinct {
                                    let share = Float(counts[slot]) / samplesPerPixel
                                    if seen[slot] < 0 {
                                        color += background * share
                                    } else {
                                        let n = Float(counts[slot])
                                        color += shade(tris.baseAddress! + Int(seen[slot]), x: sumX[slot] / n, y: sumY[slot] / n,
                                                       materials: materials, lights: lights, shadows: shadows, textures: textures, eye: eye, options: options) * share
                                    }
                                }
                            }
                            let index = (y * width + x) * 4
                            out[index] = encode(color.x)
                            out[index + 1] = encode(color.y)
                            out[index + 2] = encode(color.z)
                            out[index + 3] = 255
                        }
                    }
                }}}}
            }
        }}}}}}}}}
        return RGBAImage(width: width, height: height, pixels: pixels)
    }
}
