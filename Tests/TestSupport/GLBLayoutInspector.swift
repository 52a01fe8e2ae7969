import Foundation

/// Checks a staged room the way an outside reviewer would: from the GLB file alone, with its
/// own container, accessor and node-transform reading (none of the exporter's or the solver's
/// types). Objects are the nodes whose `extras.scenewright.role` is `prop`, `hotspot` or
/// `character`, each with its whole subtree.
///
/// - **Intersections**: two objects whose world bounding boxes share more than 1 litre, unless
///   one rests on the other and lies within its outline (a book on a shelf). Floor coverings
///   (at most 3 cm thick, on the floor) are left out: things stand on rugs.
/// - **Under the floor**: a vertex below y = 0 (by more than 5 mm), unless the object is tagged
///   `embedded` terrain.
/// - **Unsupported**: an object whose lowest point is above the floor and that does not rest on
///   an upward-facing face of another object at that height, touch a wall that reaches it, or
///   hang from the ceiling.
public enum GLBLayoutInspector {
    public struct Report: Sendable {
        public var objects = 0
        public var intersections: [String] = []
        public var underFloor: [String] = []
        public var unsupported: [String] = []
        /// Objects resting on another object, and objects held by a wall or the ceiling.
        public var onSurfaces = 0
        public var wallMounted = 0
    }

    struct Box {
        var min = SIMD3<Double>(repeating: .infinity), max = SIMD3<Double>(repeating: -.infinity)
        mutating func add(_ p: SIMD3<Double>) {
            min = pointwiseMin(min, p)
            max = pointwiseMax(max, p)
        }
        var isEmpty: Bool { min.x > max.x }
        func overlapVolume(_ o: Box) -> Double {
            let low = pointwiseMax(min, o.min), high = pointwiseMin(max, o.max)
            let size = pointwiseMax(high - low, .zero)
            return size.x * size.y * size.z
        }
    }

    /// An upward-facing triangle, projected on the floor, at height `y`.
    struct UpFace {
        var y: Double
        var a: SIMD2<Double>, b: SIMD2<Double>, c: SIMD2<Double>
        func contains(_ p: SIMD2<Double>) -> Bool {
            func cross(_ u: SIMD2<Double>, _ v: SIMD2<Double>, _ w: SIMD2<Double>) -> Double { (v.x - u.x) * (w.y - u.y) - (v.y - u.y) * (w.x - u.x) }
            let d1 = cross(a, b, p), d2 = cross(b, c, p), d3 = cross(c, a, p)
            let negative = d1 < -1e-9 || d2 < -1e-9 || d3 < -1e-9, positive = d1 > 1e-9 || d2 > 1e-9 || d3 > 1e-9
            return !(negative && positive)
        }
    }

    struct Object {
        var name: String
        var tags: [String]
        var box = Box()
        var upFaces: [UpFace] = []
        var lowestVertex = Double.infinity
    }

    public struct InspectionError: Error, CustomStringConvertible {
        public var description: String
    }

    /// Inspects one GLB.
    public static func inspect(_ data: Data) throws -> Report {
        let file = try GLBFile(data)
        var objects: [Object] = []
        var walls: [String: Box] = [:]
        var ceiling: Double?
        for (index, world) in file.worldMatrices() {
            let node = file.nodes[index]
            let name = node["name"] as? String ?? "node \(index)"
            let extras = (node["extras"] as? [String: Any])?["scenewright"] as? [String: Any]
            if let role = extras?["role"] as? String, ["prop", "hotspot", "character"].contains(role) {
                var object = Object(name: name, tags: extras?["tags"] as? [String] ?? [])
                for (child, childWorld) in file.worldMatrices(from: index, parent: world) {
                    try file.collect(node: child, world: childWorld, into: &object)
                }
                objects.append(object)
            } else if name.hasPrefix("wall-") || name == "ceiling" {
                var object = Object(name: name, tags: [])
                try file.collect(node: index, world: world, into: &object)
                if name == "ceiling" { ceiling = object.box.min.y } else { walls[String(name.dropFirst(5))] = object.box }
            }
        }
        return judge(objects, walls: walls, ceiling: ceiling)
    }

    static func judge(_ objects: [Object], walls: [String: Box], ceiling: Double?) -> Report {
        var report = Report()
        report.objects = objects.count
        var restsOn: [Int: Int] = [:]
        for (i, object) in objects.enumerated() {
            let b = object.box
            if object.lowestVertex < -0.005 && !object.tags.contains("embedded") {
                report.underFloor.append("\(object.name) reaches \(String(format: "%.3f", -object.lowestVertex)) m below the floor")
            }
            guard b.min.y > 0.01 else { continue }
            let centre = SIMD2((b.min.x + b.max.x) / 2, (b.min.z + b.max.z) / 2)
            let quarter = SIMD2((b.max.x - b.min.x) / 4, (b.max.z - b.min.z) / 4)
            let probes = [SIMD2(-1.0, -1.0), SIMD2(1.0, -1.0), SIMD2(-1.0, 1.0), SIMD2(1.0, 1.0)].map { centre + $0 * quarter }
            if let host = objects.indices.first(where: { j in
                j != i && objects[j].upFaces.contains { abs($0.y - b.min.y) <= 0.02 && $0.contains(centre) }
                    || j != i && probes.filter { p in objects[j].upFaces.contains { abs($0.y - b.min.y) <= 0.02 && $0.contains(p) } }.count >= 2
            }) {
                restsOn[i] = host
                report.onSurfaces += 1
                continue
            }
            if touchesWall(b, walls) || ceiling.map({ b.max.y >= $0 - 0.03 }) == true {
                report.wallMounted += 1
                continue
            }
            report.unsupported.append("\(object.name) floats: its lowest point is \(String(format: "%.3f", b.min.y)) m up with nothing under it")
        }
        let standing = objects.indices.filter { !(objects[$0].box.max.y - objects[$0].box.min.y <= 0.03 && objects[$0].box.min.y <= 0.01) }
        for (n, i) in standing.enumerated() {
            for j in standing[(n + 1)...] {
                let volume = objects[i].box.overlapVolume(objects[j].box)
                guard volume > 0.001 else { continue }
                if restsWithin(i, on: j, objects, restsOn) || restsWithin(j, on: i, objects, restsOn) { continue }
                report.intersections.append("\(objects[i].name) and \(objects[j].name) share \(String(format: "%.1f", volume * 1000)) litres")
            }
        }
        return report
    }

    /// `i` rests on `j` and stays inside its outline: contact, not a collision.
    static func restsWithin(_ i: Int, on j: Int, _ objects: [Object], _ restsOn: [Int: Int]) -> Bool {
        guard restsOn[i] == j else { return false }
        let a = objects[i].box, b = objects[j].box
        return a.min.x >= b.min.x - 0.01 && a.max.x <= b.max.x + 0.01 && a.min.z >= b.min.z - 0.01 && a.max.z <= b.max.z + 0.01
    }

    /// Within 3 cm of a wall's inner face, along its length, and below its top.
    static func touchesWall(_ b: Box, _ walls: [String: Box]) -> Bool {
        for (side, wall) in walls where wall.max.y >= b.min.y + 0.05 {
            let along = side == "back" || side == "front" ? (b.min.x < wall.max.x && b.max.x > wall.min.x) : (b.min.z < wall.max.z && b.max.z > wall.min.z)
            guard along else { continue }
            switch side {
            case "back": if abs(b.min.z - wall.max.z) <= 0.03 { return true }
            case "front": if abs(b.max.z - wall.min.z) <= 0.03 { return true }
            case "left": if abs(b.min.x - wall.max.x) <= 0.03 { return true }
            case "right": if abs(b.max.x - wall.min.x) <= 0.03 { return true }
            default: break
            }
        }
        return false
    }
}
