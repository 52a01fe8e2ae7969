/// A point on a floor plan, metres.
public struct PlanPoint: Sendable, Hashable, Codable {
    public var x: Double
    public var z: Double

    public init(_ x: Double, _ z: Double) {
        self.x = x
        self.z = z
    }

    func distance(to other: PlanPoint) -> Double { ((x - other.x) * (x - other.x) + (z - other.z) * (z - other.z)).squareRoot() }
    static func - (a: PlanPoint, b: PlanPoint) -> PlanPoint { PlanPoint(a.x - b.x, a.z - b.z) }
    static func + (a: PlanPoint, b: PlanPoint) -> PlanPoint { PlanPoint(a.x + b.x, a.z + b.z) }
    static func * (a: PlanPoint, s: Double) -> PlanPoint { PlanPoint(a.x * s, a.z * s) }
}

/// Polygon and segment tests for floor plans.
enum PlanGeometry {
    static let epsilon = 1e-7

    static func cross(_ o: PlanPoint, _ a: PlanPoint, _ b: PlanPoint) -> Double { (a.x - o.x) * (b.z - o.z) - (a.z - o.z) * (b.x - o.x) }

    static func signedArea(_ polygon: [PlanPoint]) -> Double {
        var sum = 0.0
        for index in polygon.indices {
            let a = polygon[index], b = polygon[(index + 1) % polygon.count]
            sum += a.x * b.z - b.x * a.z
        }
        return sum / 2
    }

    /// Distance from `p` to the segment `a`–`b`.
    static func distance(_ p: PlanPoint, toSegment a: PlanPoint, _ b: PlanPoint) -> Double {
        let ab = b - a, ap = p - a
        let length = ab.x * ab.x + ab.z * ab.z
        let t = length == 0 ? 0 : max(0, min(1, (ap.x * ab.x + ap.z * ab.z) / length))
        return p.distance(to: a + ab * t)
    }

    /// True when the segments cross at a single point inside both (touching ends does not count).
    static func properlyIntersect(_ a: PlanPoint, _ b: PlanPoint, _ c: PlanPoint, _ d: PlanPoint) -> Bool {
        let d1 = cross(c, d, a), d2 = cross(c, d, b), d3 = cross(a, b, c), d4 = cross(a, b, d)
        return ((d1 > epsilon && d2 < -epsilon) || (d1 < -epsilon && d2 > epsilon))
            && ((d3 > epsilon && d4 < -epsilon) || (d3 < -epsilon && d4 > epsilon))
    }

    /// Even-odd test; points on the boundary count as inside when `boundary` is true.
    static func contains(_ polygon: [PlanPoint], _ p: PlanPoint, boundary: Bool = true, tolerance: Double = 1e-6) -> Bool {
        for index in polygon.indices where distance(p, toSegment: polygon[index], polygon[(index + 1) % polygon.count]) <= tolerance {
            return boundary
        }
        var inside = false
        var j = polygon.count - 1
        for i in polygon.indices {
            let a = polygon[i], b = polygon[j]
            if (a.z > p.z) != (b.z > p.z), p.x < (b.x - a.x) * (p.z - a.z) / (b.z - a.z) + a.x { inside.toggle() }
            j = i
        }
        return inside
    }

    /// At least three corners, non-zero area, and no two non-adjacent edges touching.
    static func isSimple(_ polygon: [PlanPoint]) -> Bool {
        let n = polygon.count
        guard n >= 3, abs(signedArea(polygon)) > 1e-6 else { return false }
        for i in 0..<n {
            for j in (i + 1)..<n {
                if polygon[i].distance(to: polygon[j]) < 1e-9 { return false }
                let adjacent = j == i + 1 || (i == 0 && j == n - 1)
                if adjacent { continue }
                let a = polygon[i], b = polygon[(i + 1) % n], c = polygon[j], d = polygon[(j + 1) % n]
                if properlyIntersect(a, b, c, d) { return false }
                if distance(a, toSegment: c, d) < 1e-9 || distance(b, toSegment: c, d) < 1e-9
                    || distance(c, toSegment: a, b) < 1e-9 || distance(d, toSegment: a, b) < 1e-9 { return false }
            }
        }
        return true
    }

    /// True when the interiors of two simple polygons overlap (sharing walls is fine): some
    /// triangle of one and some triangle of the other overlap with positive area.
    static func overlap(_ a: [PlanPoint], _ b: [PlanPoint]) -> Bool {
        let ta = triangulate(a), tb = triangulate(b)
        for x in ta {
            for y in tb where trianglesOverlap([x.0, x.1, x.2], [y.0, y.1, y.2]) { return true }
        }
        return false
    }

    /// Separating-axis test for two triangles; touching (zero-area contact) is not overlap.
    static func trianglesOverlap(_ a: [PlanPoint], _ b: [PlanPoint]) -> Bool {
        for shape in [a, b] {
            for index in 0..<3 {
                let p = shape[index], q = shape[(index + 1) % 3]
                let axis = PlanPoint(-(q.z - p.z), q.x - p.x)
                let project = { (points: [PlanPoint]) -> (Double, Double) in
                    let values = points.map { $0.x * axis.x + $0.z * axis.z }
                    return (values.min()!, values.max()!)
                }
                let (minA, maxA) = project(a), (minB, maxB) = project(b)
                let length = (axis.x * axis.x + axis.z * axis.z).squareRoot()
                if min(maxA, maxB) - max(minA, minB) <= 1e-7 * max(1, length) { return false }
            }
        }
        return true
    }

    /// Ear clipping: a simple polygon as triangles (counter-clockwise).
    static func triangulate(_ polygon: [PlanPoint]) -> [(PlanPoint, PlanPoint, PlanPoint)] {
        var points = polygon
        if signedArea(points) < 0 { points.reverse() }
        var result: [(PlanPoint, PlanPoint, PlanPoint)] = []
        while points.count > 3 {
            var clipped = false
            for i in points.indices {
                let a = points[(i + points.count - 1) % points.count], b = points[i], c = points[(i + 1) % points.count]
                guard cross(a, b, c) > 1e-12 else { continue }
                let inside = points.contains { p in
                    p != a && p != b && p != c && cross(a, b, p) >= 0 && cross(b, c, p) >= 0 && cross(c, a, p) >= 0
                }
                if inside { continue }
                result.append((a, b, c))
                points.remove(at: i)
                clipped = true
                break
            }
            if !clipped { break }
        }
        if points.count == 3 { result.append((points[0], points[1], points[2])) }
        return result
    }

    static func centroid(_ polygon: [PlanPoint]) -> PlanPoint {
        var cx = 0.0, cz = 0.0, area = 0.0
        for index in polygon.indices {
            let a = polygon[index], b = polygon[(index + 1) % polygon.count]
            let f = a.x * b.z - b.x * a.z
            cx += (a.x + b.x) * f
            cz += (a.z + b.z) * f
            area += f
        }
        guard abs(area) > 1e-12 else { return polygon[0] }
        return PlanPoint(cx / (3 * area), cz / (3 * area))
    }

    /// The index of the edge `p` lies on (within `tolerance`), if any.
    static func edge(of polygon: [PlanPoint], containing p: PlanPoint, tolerance: Double = 0.05) -> Int? {
        polygon.indices.first { distance(p, toSegment: polygon[$0], polygon[($0 + 1) % polygon.count]) <= tolerance }
    }

    /// True when the segment stays inside the polygon (walls may be touched, not crossed).
    static func segmentInside(_ polygon: [PlanPoint], _ a: PlanPoint, _ b: PlanPoint) -> Bool {
        for index in polygon.indices where properlyIntersect(a, b, polygon[index], polygon[(index + 1) % polygon.count]) { return false }
        // Through a corner and out again: check points along the way.
        for step in 1..<8 {
            let t = Double(step) / 8
            if !contains(polygon, a + (b - a) * t, boundary: true, tolerance: 1e-6) { return false }
        }
        return true
    }
}
