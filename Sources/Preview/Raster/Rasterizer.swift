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

    /// Clips, projects, culls and sets up every triangle, in scene order.
    static func setup(_ flat: FlatScene, camera: ViewCamera, width: Int, height: Int, cullBackFaces: Bool = true) -> [ScreenTriangle] {
        var triangles: [ScreenTriangle] = []
        triangles.reserveCapacity(flat.triangleCount)
        let (w, h) = (Float(width), Float(height))
        let near = camera.near
        let guardBand: Float = 1_048_576
        for t in 0..<flat.triangleCount {
            let material = flat.triangleMaterials[t]
            var polygon: [(view: Vec3, world: Vec3, normal: Vec3, uv: SIMD2<Float>)] = (0..<3).map { k in
                let i = Int(flat.indices[t * 3 + k])
                return (camera.view(flat.positions[i]), flat.positions[i], flat.normals[i], flat.uvs[i])
            }
            // Near-plane clipping (Sutherland–Hodgman against depth ≥ near).
            if polygon.contains(where: { -$0.view.z < near }) {
                var clipped: [(view: Vec3, world: Vec3, normal: Vec3, uv: SIMD2<Float>)] = []
                for k in 0..<polygon.count {
                    let a = polygon[k], b = polygon[(k + 1) % polygon.count]
                    let da = -a.view.z - near, db = -b.view.z - near
                    if da >= 0 { clipped.append(a) }
                    if (da >= 0) != (db >= 0) {
                        let s = da / (da - db)
                        clipped.append((a.view + (b.view - a.view) * s, a.world + (b.world - a.world) * s, a.normal + (b.normal - a.normal) * s, a.uv + (b.uv - a.uv) * s))
                    }
                }
                polygon = clipped
                guard polygon.count >= 3 else { continue }
            }
            let projected = polygon.map { camera.project($0.view, width: w, height: h) }
            for k in 1..<(polygon.count - 1) {
                var order = [0, k, k + 1]
                var fx = order.map { Int64((max(-guardBand, min(guardBand, projected[$0].x)) * Float(subpixel)).rounded()) }
                var fy = order.map { Int64((max(-guardBand, min(guardBand, projected[$0].y)) * Float(subpixel)).rounded()) }
                var area = (fx[1] - fx[0]) * (fy[2] - fy[0]) - (fy[1] - fy[0]) * (fx[2] - fx[0])
                // Counter-clockwise in the world is clockwise on a y-down screen: negative area is front.
                if area == 0 { continue }
                if area > 0 {
                    if cullBackFaces && !flat.materials[Int(material)].doubleSided { continue }
                } else {
                    order.swapAt(1, 2)
                    fx.swapAt(1, 2)
                    fy.swapAt(1, 2)
                    area = -area
                }
                let minX = Int32(clamping: max(0, (fx.min()! - subpixel / 2 + subpixel - 1) / subpixel))
                let maxX = Int32(clamping: min(Int64(width - 1), (fx.max()! - subpixel / 2) / subpixel))
                let minY = Int32(clamping: max(0, (fy.min()! - subpixel / 2 + subpixel - 1) / subpixel))
                let maxY = Int32(clamping: min(Int64(height - 1), (fy.max()! - subpixel / 2) / subpixel))
                guard minX <= maxX, minY <= maxY else { continue }
                func topLeft(_ a: Int, _ b: Int) -> Bool { (fy[a] == fy[b] && fx[b] > fx[a]) || fy[b] < fy[a] }
                let v = order.map { polygon[$0] }
                let ws = order.map { projected[$0].w }
                let depths = order.map { -polygon[$0].view.z }
                triangles.append(ScreenTriangle(
                    x0: fx[0], y0: fy[0], x1: fx[1], y1: fy[1], x2: fx[2], y2: fy[2], area: area,
                    invW: SIMD3(1 / ws[0], 1 / ws[1], 1 / ws[2]), depthOverW: SIMD3(depths[0] / ws[0], depths[1] / ws[1], depths[2] / ws[2]),
                    p0: v[0].world, p1: v[1].world, p2: v[2].world, n0: v[0].normal, n1: v[1].normal, n2: v[2].normal,
                    uv0: v[0].uv, uv1: v[1].uv, uv2: v[2].uv, material: material, minX: minX, maxX: maxX, minY: minY, maxY: maxY,
                    bias0: topLeft(1, 2) ? 0 : 1, bias1: topLeft(2, 0) ? 0 : 1, bias2: topLeft(0, 1) ? 0 : 1))
            }
        }
        return triangles
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
