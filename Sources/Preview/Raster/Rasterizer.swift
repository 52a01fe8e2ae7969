import Determinism
import Foundation
import SceneGraph

/// A triangle in screen space (fixed point, 8 fractional bits), with what shading needs.
struct ScreenTriangle {
    var x0: Int64, y0: Int64, x1: Int64, y1: Int64, x2: Int64, y2: Int64
    /// Twice the signed area, in fixed-point² units (always > 0 after setup).
    var area: Int64
    /// 1/w and depth/w at each vertex.
    var invW: SIMD3<Float>
    var depthOverW: SIMD3<Float>
    var p0: Vec3, p1: Vec3, p2: Vec3
    var n0: Vec3, n1: Vec3, n2: Vec3
    var uv0: SIMD2<Float>, uv1: SIMD2<Float>, uv2: SIMD2<Float>
    var material: UInt16
    /// Integer sample bounds, inclusive.
    var minX: Int32, maxX: Int32, minY: Int32, maxY: Int32
    /// 0 for top-left edges, 1 for the others: E ≥ bias is inside.
    var bias0: Int64, bias1: Int64, bias2: Int64
}

/// Software rasterizer: near-plane clipping, back-face culling, a z-buffer with perspective-
/// correct depth, the top-left fill rule on fixed-point edges (watertight: adjacent triangles
/// neither gap nor double-cover), supersampled visibility, then shading once per distinct
/// triangle per pixel. Row bands run in parallel; a pixel's value depends only on triangle
/// order, so the output is the same bytes for any thread count.
enum Rasterizer {
    static let subpixel: Int64 = 256
    static let bandRows = 16

    /// A vertex on its way to the screen.
    private struct ClipVertex {
        var view: Vec3, world: Vec3, normal: Vec3, uv: SIMD2<Float>
    }

    /// Clips, projects, culls and sets up every triangle, in scene order. Triangles wholly outside
    /// one side of the view volume are dropped before any clipping work (they cover no sample).
    /// `reach`, when given, leaves out triangles entirely farther than `radius` from `center`
    /// (a shadow map's light cannot light them, so they cannot shadow what it lights).
    static func setup(
        _ flat: FlatScene, camera: ViewCamera, width: Int, height: Int, cullBackFaces: Bool = true, reach: (center: Vec3, radius: Float)? = nil
    ) -> [ScreenTriangle] {
        var triangles: [ScreenTriangle] = []
        triangles.reserveCapacity(flat.triangleCount)
        let (w, h) = (Float(width), Float(height))
        let near = camera.near
        let view = flat.positions.map { camera.view($0) }
        let outside = view.map { camera.outsideMask($0, aspect: w / h) }
        var polygon: [ClipVertex] = [], clipped: [ClipVertex] = []
        polygon.reserveCapacity(4)
        clipped.reserveCapacity(4)
        for t in 0..<flat.triangleCount {
            let i0 = Int(flat.indices[t * 3]), i1 = Int(flat.indices[t * 3 + 1]), i2 = Int(flat.indices[t * 3 + 2])
            if outside[i0] & outside[i1] & outside[i2] != 0 { continue }
            if let reach {
                let (a, b, c) = (flat.positions[i0], flat.positions[i1], flat.positions[i2])
                let nearest = reach.center.clamped(lowerBound: pointwiseMin(a, pointwiseMin(b, c)), upperBound: pointwiseMax(a, pointwiseMax(b, c)))
                let gap = nearest - reach.center
                if (gap * gap).sum() > reach.radius * reach.radius { continue }
            }
            let material = flat.triangleMaterials[t]
            let cull = cullBackFaces && !flat.materials[Int(material)].doubleSided
            polygon.removeAll(keepingCapacity: true)
            for i in [i0, i1, i2] { polygon.append(ClipVertex(view: view[i], world: flat.positions[i], normal: flat.normals[i], uv: flat.uvs[i])) }
            // Near-plane clipping (Sutherland–Hodgman against depth ≥ near).
            if polygon.contains(where: { -$0.view.z < near }) {
                clipped.removeAll(keepingCapacity: true)
                for k in 0..<polygon.count {
                    let a = polygon[k], b = polygon[(k + 1) % polygon.count]
                    let da = -a.view.z - near, db = -b.view.z - near
                    if da >= 0 { clipped.append(a) }
                    if (da >= 0) != (db >= 0) {
                        let s = da / (da - db)
                        clipped.append(ClipVertex(view: a.view + (b.view - a.view) * s, world: a.world + (b.world - a.world) * s,
                                                  normal: a.normal + (b.normal - a.normal) * s, uv: a.uv + (b.uv - a.uv) * s))
                    }
                }
                swap(&polygon, &clipped)
                guard polygon.count >= 3 else { continue }
            }
            for k in 1..<(polygon.count - 1) {
                if let triangle = screenTriangle(polygon[0], polygon[k], polygon[k + 1], camera: camera, width: width, height: height, material: material, cull: cull) {
                    triangles.append(triangle)
                }
            }
        }
        return triangles
    }

    /// Projects one triangle to fixed point and sets up its edges; nil when it covers no sample
    /// centre's bounding box, has no area, or is a culled back face.
    private static func screenTriangle(
        _ a: ClipVertex, _ b: ClipVertex, _ c: ClipVertex, camera: ViewCamera, width: Int, height: Int, material: UInt16, cull: Bool
    ) -> ScreenTriangle? {
        let guardBand: Float = 1_048_576
        let (w, h) = (Float(width), Float(height))
        var pa = camera.project(a.view, width: w, height: h), pb = camera.project(b.view, width: w, height: h), pc = camera.project(c.view, width: w, height: h)
        func fixed(_ value: Float) -> Int64 { Int64((max(-guardBand, min(guardBand, value)) * Float(subpixel)).rounded()) }
        var (x0, y0, x1, y1, x2, y2) = (fixed(pa.x), fixed(pa.y), fixed(pb.x), fixed(pb.y), fixed(pc.x), fixed(pc.y))
        var area = (x1 - x0) * (y2 - y0) - (y1 - y0) * (x2 - x0)
        // Counter-clockwise in the world is clockwise on a y-down screen: negative area is front.
        if area == 0 { return nil }
        var (v1, v2) = (b, c)
        if area > 0 {
            if cull { return nil }
        } else {
            swap(&x1, &x2)
            swap(&y1, &y2)
            swap(&pb, &pc)
            swap(&v1, &v2)
            area = -area
        }
        let minX = Int32(clamping: max(0, (min(x0, x1, x2) - subpixel / 2 + subpixel - 1) / subpixel))
        let maxX = Int32(clamping: min(Int64(width - 1), (max(x0, x1, x2) - subpixel / 2) / subpixel))
        let minY = Int32(clamping: max(0, (min(y0, y1, y2) - subpixel / 2 + subpixel - 1) / subpixel))
        let maxY = Int32(clamping: min(Int64(height - 1), (max(y0, y1, y2) - subpixel / 2) / subpixel))
        guard minX <= maxX, minY <= maxY else { return nil }
        func topLeft(_ ax: Int64, _ ay: Int64, _ bx: Int64, _ by: Int64) -> Bool { (ay == by && bx > ax) || by < ay }
        let (d0, d1, d2) = (-a.view.z, -v1.view.z, -v2.view.z)
        return ScreenTriangle(
            x0: x0, y0: y0, x1: x1, y1: y1, x2: x2, y2: y2, area: area,
            invW: SIMD3(1 / pa.w, 1 / pb.w, 1 / pc.w), depthOverW: SIMD3(d0 / pa.w, d1 / pb.w, d2 / pc.w),
            p0: a.world, p1: v1.world, p2: v2.world, n0: a.normal, n1: v1.normal, n2: v2.normal,
            uv0: a.uv, uv1: v1.uv, uv2: v2.uv, material: material, minX: minX, maxX: maxX, minY: minY, maxY: maxY,
            bias0: topLeft(x1, y1, x2, y2) ? 0 : 1, bias1: topLeft(x2, y2, x0, y0) ? 0 : 1, bias2: topLeft(x0, y0, x1, y1) ? 0 : 1)
    }

    /// Triangle indices overlapping each band of rows, in triangle order.
    static func bin(_ triangles: [ScreenTriangle], height: Int) -> [[Int32]] {
        var bands = [[Int32]](repeating: [], count: (height + bandRows - 1) / bandRows)
        for (index, t) in triangles.enumerated() {
            for band in (Int(t.minY) / bandRows)...(Int(t.maxY) / bandRows) { bands[band].append(Int32(index)) }
        }
        return bands
    }

    /// The visibility buffer: for every sample, the nearest triangle (or −1) and its depth.
    static func visibility(_ triangles: [ScreenTriangle], width: Int, height: Int, threads: Int) -> (ids: [Int32], depth: [Float]) {
        let bands = bin(triangles, height: height)
        // Each band clears its own rows below, so no thread zero-fills the whole buffer.
        var ids = [Int32](unsafeUninitializedCapacity: width * height) { _, count in count = width * height }
        var depth = [Float](unsafeUninitializedCapacity: width * height) { _, count in count = width * height }
        triangles.withUnsafeBufferPointer { tris in
            ids.withUnsafeMutableBufferPointer { idBuffer in
                depth.withUnsafeMutableBufferPointer { depthBuffer in
                    let idOut = SharedBuffer(idBuffer), depthOut = SharedBuffer(depthBuffer)  // bands own disjoint rows
                    Parallel.forEachChunk(count: bands.count, chunkSize: 1, threads: threads) { range in
                        for band in range {
                            let rowStart = band * bandRows, rowEnd = min(height, rowStart + bandRows) - 1
                            (idOut.base + rowStart * width).initialize(repeating: -1, count: (rowEnd - rowStart + 1) * width)
                            (depthOut.base + rowStart * width).initialize(repeating: .infinity, count: (rowEnd - rowStart + 1) * width)
                            for index in bands[band] {
                                rasterize(tris[Int(index)], id: index, rows: rowStart...rowEnd, width: width) { sample, z in
                                    if z < depthOut[sample] {
                                        depthOut[sample] = z
                                        idOut[sample] = index
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return (ids, depth)
    }

    /// Calls `visit(sample index, depth)` for every sample the triangle covers within `rows`.
    @inline(__always)
    static func rasterize(_ t: ScreenTriangle, id: Int32, rows: ClosedRange<Int>, width: Int, visit: (Int, Float) -> Void) {
        let y0 = max(Int(t.minY), rows.lowerBound), y1 = min(Int(t.maxY), rows.upperBound)
        guard y0 <= y1 else { return }
        let s = subpixel
        // Edge functions E_ab(p) = (b.x − a.x)(p.y − a.y) − (b.y − a.y)(p.x − a.x).
        let a0x = t.x1, a0y = t.y1, b0x = t.x2, b0y = t.y2  // edge 1→2: weight of vertex 0
        let a1x = t.x2, a1y = t.y2, b1x = t.x0, b1y = t.y0  // edge 2→0: weight of vertex 1
        let a2x = t.x0, a2y = t.y0, b2x = t.x1, b2y = t.y1  // edge 0→1: weight of vertex 2
        let stepX0 = -(b0y - a0y) * s, stepX1 = -(b1y - a1y) * s, stepX2 = -(b2y - a2y) * s
        let stepY0 = (b0x - a0x) * s, stepY1 = (b1x - a1x) * s, stepY2 = (b2x - a2x) * s
        let px = Int64(t.minX) * s + s / 2, py = Int64(y0) * s + s / 2
        var row0 = (b0x - a0x) * (py - a0y) - (b0y - a0y) * (px - a0x)
        var row1 = (b1x - a1x) * (py - a1y) - (b1y - a1y) * (px - a1x)
        var row2 = (b2x - a2x) * (py - a2y) - (b2y - a2y) * (px - a2x)
        let inverseArea = 1 / Float(t.area)
        for y in y0...y1 {
            var e0 = row0, e1 = row1, e2 = row2
            for x in Int(t.minX)...Int(t.maxX) {
                if e0 >= t.bias0 && e1 >= t.bias1 && e2 >= t.bias2 {
                    let l0 = Float(e0) * inverseArea, l1 = Float(e1) * inverseArea, l2 = Float(e2) * inverseArea
                    let q = l0 * t.invW.x + l1 * t.invW.y + l2 * t.invW.z
                    let d = (l0 * t.depthOverW.x + l1 * t.depthOverW.y + l2 * t.depthOverW.z) / q
                    visit(y * width + x, d)
                }
                e0 += stepX0
                e1 += stepX1
                e2 += stepX2
            }
            row0 += stepY0
            row1 += stepY1
            row2 += stepY2
        }
    }

    /// How many triangles cover each sample (test mode: checks the fill rule).
    static func coverage(_ triangles: [ScreenTriangle], width: Int, height: Int) -> [UInt8] {
        var counts = [UInt8](repeating: 0, count: width * height)
        for (index, t) in triangles.enumerated() {
            rasterize(t, id: Int32(index), rows: 0...(height - 1), width: width) { sample, _ in counts[sample] &+= 1 }
        }
        return counts
    }

    /// Perspective-correct barycentric weights of screen point (x, y) in samples.
    @inline(__always)
    static func weights(_ t: ScreenTriangle, x: Float, y: Float) -> SIMD3<Float> {
        let s = Float(subpixel)
        let px = x * s, py = y * s
        let (x0, y0, x1, y1, x2, y2) = (Float(t.x0), Float(t.y0), Float(t.x1), Float(t.y1), Float(t.x2), Float(t.y2))
        let e0 = (x2 - x1) * (py - y1) - (y2 - y1) * (px - x1)
        let e1 = (x0 - x2) * (py - y2) - (y0 - y2) * (px - x2)
        let e2 = (x1 - x0) * (py - y0) - (y1 - y0) * (px - x0)
        let linear = SIMD3(e0, e1, e2) / Float(t.area)
        let corrected = linear * t.invW
        let sum = corrected.sum()
        return sum != 0 ? corrected / sum : SIMD3(1.0 / 3, 1.0 / 3, 1.0 / 3)
    }
}
