import Determinism
import Foundation
import SceneGraph

/// One depth map seen from a light: the distance along the map's forward axis to the nearest
/// surface, per texel. The projection's constants are kept flat, so a lookup needs no switch.
struct ShadowView: Sendable {
    var camera: ViewCamera
    /// Texels are `size` × `size`; the map starts at `offset` in ``ShadowMaps/depths``.
    var size: Int
    var offset: Int
    /// World size of one texel: per metre of depth for a perspective map, absolute for an
    /// orthographic one.
    var texel: Float
    var perspective: Bool
    /// Normalised device units per metre: focal length (per metre of depth) or 1 / half-width.
    var scale: Float
    var near: Float

    init(camera: ViewCamera, size: Int, offset: Int) {
        self.camera = camera
        self.size = size
        self.offset = offset
        switch camera.projection {
        case .perspective(let yfov, let near):
            (perspective, scale, self.near) = (true, 1 / tan(yfov / 2), near)
            texel = 2 * tan(yfov / 2) / Float(size)
        case .orthographic(let halfWidth, let near):
            (perspective, scale, self.near) = (false, 1 / halfWidth, near)
            texel = 2 * halfWidth / Float(size)
        }
    }
}

/// Shadow maps for the lights that cast shadows: a perspective map along a spot light's cone,
/// an orthographic map over the whole scene for a directional light, and a cube of six maps
/// for a point light. Every map is rendered by the same watertight rasterizer as the image, one
/// map per task, so the depths — and the image — are the same bytes for any thread count.
struct ShadowMaps: Sendable {
    /// Per light of ``FlatScene/lights``: the index of its first map, or −1 when it casts none.
    var firstView: [Int32]
    var views: [ShadowView]
    var depths: [Float]

    static let spotSize = 512
    static let directionalSize = 1024
    static let cubeFaceSize = 128
    /// Point lights are costliest (six maps each): at most this many, the strongest first.
    static let maxPointLights = 16

    /// No shadows: every light reaches every surface it faces.
    static func none(lights: Int) -> ShadowMaps { ShadowMaps(firstView: Array(repeating: -1, count: lights), views: [], depths: []) }

    /// Renders the maps for `flat`'s lights.
    static func render(_ flat: FlatScene, threads: Int) -> ShadowMaps {
        var firstView = [Int32](repeating: -1, count: flat.lights.count)
        var views: [ShadowView] = []
        var offset = 0
        var reaches: [(center: Vec3, radius: Float)?] = []
        func add(_ camera: ViewCamera, size: Int, reach: Float? = nil) {
            views.append(ShadowView(camera: camera, size: size, offset: offset))
            reaches.append(reach.map { (camera.eye, $0) })
            offset += size * size
        }
        let (low, high) = flat.bounds
        let center = (low + high) / 2, radius = max(0.5, length(high - low) / 2)
        let points = flat.lights.indices.filter { flat.lights[$0].kind == .point && flat.lights[$0].castsShadows }
            .sorted { (flat.lights[$0].intensity, $1) > (flat.lights[$1].intensity, $0) }
        let shadowedPoints = Set(points.prefix(maxPointLights))
        for (index, light) in flat.lights.enumerated() where light.castsShadows {
            switch light.kind {
            case .spot:
                firstView[index] = Int32(views.count)
                let fov = min(2 * acos(max(-1, min(1, light.cosOuter))) + 0.1, 2.6)
                add(ViewCamera(eye: light.position, forward: light.direction, projection: .perspective(yfov: fov, near: 0.05)), size: spotSize, reach: light.range)
            case .directional:
                firstView[index] = Int32(views.count)
                let eye = center - light.direction * (radius + 1)
                add(ViewCamera(eye: eye, forward: light.direction, projection: .orthographic(halfWidth: radius, near: 0)), size: directionalSize)
            case .point:
                guard shadowedPoints.contains(index) else { continue }
                firstView[index] = Int32(views.count)
                // Slightly wider than 90° so filtering near a face's edge stays on the face.
                let fov = 2 * atan(Float(1.04))
                for axis in cubeAxes {
                    let up = abs(axis.y) > 0.5 ? Vec3(0, 0, -1) : Vec3(0, 1, 0)
                    add(ViewCamera(eye: light.position, forward: axis, up: up, projection: .perspective(yfov: fov, near: 0.02)), size: cubeFaceSize, reach: light.range)
                }
            }
        }
        var depths = [Float](repeating: .infinity, count: offset)
        let allViews = views, allReaches = reaches
        depths.withUnsafeMutableBufferPointer { buffer in
            let out = SharedBuffer(buffer)  // each map writes its own range
            Parallel.forEachChunk(count: allViews.count, chunkSize: 1, threads: threads) { range in
                for (view, reach) in zip(allViews[range], allReaches[range]) {
                    // Only what lies within the light's range can stand between it and what it lights.
                    let triangles = Rasterizer.setup(flat, camera: view.camera, width: view.size, height: view.size, cullBackFaces: false, reach: reach)
                    let map = Rasterizer.visibility(triangles, width: view.size, height: view.size, threads: 1).depth
                    map.withUnsafeBufferPointer { (out.base + view.offset).update(from: $0.baseAddress!, count: map.count) }
                }
            }
        }
        return ShadowMaps(firstView: firstView, views: views, depths: depths)
    }

    /// +x, −x, +y, −y, +z, −z: a cube face is picked by the largest component of the direction.
    static let cubeAxes = [Vec3(1, 0, 0), Vec3(-1, 0, 0), Vec3(0, 1, 0), Vec3(0, -1, 0), Vec3(0, 0, 1), Vec3(0, 0, -1)]

    /// The map of a cube that sees direction `d` from the light.
    @inline(__always)
    static func cubeFace(_ d: Vec3) -> Int {
        let a = Vec3(Swift.abs(d.x), Swift.abs(d.y), Swift.abs(d.z))
        if a.x >= a.y && a.x >= a.z { return d.x >= 0 ? 0 : 1 }
        if a.y >= a.z { return d.y >= 0 ? 2 : 3 }
        return d.z >= 0 ? 4 : 5
    }
}

extension ShadowView {
    /// How much of the light reaches world point `p` with normal `n` (toward the light), from 0
    /// (in shadow) to 1: four depth comparisons around `p`'s texel, blended bilinearly. The point
    /// is first pushed off its surface by two texels along the normal (normal-offset bias), so a
    /// surface does not shadow itself.
    @inline(__always)
    func visibility(at p: Vec3, normal n: Vec3, depths: UnsafeBufferPointer<Float>) -> Float {
        let (right, up, forward) = (camera.right, camera.up, camera.forward)
        let d = p - camera.eye
        var depth = dotProduct(d, forward)
        guard depth > 0 else { return 1 }
        let texelHere = perspective ? texel * depth : texel
        let push = 2 * texelHere
        let x = dotProduct(d, right) + dotProduct(n, right) * push
        let y = dotProduct(d, up) + dotProduct(n, up) * push
        depth += dotProduct(n, forward) * push
        guard depth > near else { return 1 }
        let toDevice = perspective ? scale / depth : scale
        let side = Float(size)
        // Texel space, with texel centres on integers.
        let tx = (x * toDevice + 1) * 0.5 * side - 0.5, ty = (1 - y * toDevice) * 0.5 * side - 0.5
        guard tx > -1, ty > -1, tx < side, ty < side else { return 1 }
        let x0 = Int(tx + 1) - 1, y0 = Int(ty + 1) - 1  // floor, since tx + 1 > 0
        let fx = tx - Float(x0), fy = ty - Float(y0)
        let compared = depth - 0.5 * texelHere
        let map = depths.baseAddress! + offset
        @inline(__always) func lit(_ column: Int, _ row: Int) -> Float {
            guard column >= 0, row >= 0, column < size, row < size else { return 1 }
            return map[row * size + column] < compared ? 0 : 1
        }
        let (a, b, c, e) = (lit(x0, y0), lit(x0 + 1, y0), lit(x0, y0 + 1), lit(x0 + 1, y0 + 1))
        let top = a + (b - a) * fx, bottom = c + (e - c) * fx
        return top + (bottom - top) * fy
    }
}
