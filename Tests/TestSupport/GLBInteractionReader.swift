import Foundation

/// The interaction points of a GLB as an `OMI_seat` / `OMI_spawn_point` client reads them, with
/// ``GLBFile`` (none of our exporter): each seat's back, knee and foot in world space beside the
/// world box of the prop it belongs to, and which nodes are spawn points.
public enum GLBInteractionReader {
    /// One node with `OMI_seat`.
    public struct Seat: Sendable {
        public var name: String
        /// The `OMI_seat` points, transformed to world space.
        public var back: SIMD3<Double>, knee: SIMD3<Double>, foot: SIMD3<Double>
        /// The seat node's origin, in world space.
        public var origin: SIMD3<Double>
        public var angle: Double
        /// The world box of the prop named by the seat's `extras.scenewright.prop`.
        public var propMin: SIMD3<Double>?, propMax: SIMD3<Double>?
    }

    public struct Report: Sendable {
        public var seats: [Seat] = []
        /// Nodes whose role is `seat` but that carry no `OMI_seat`.
        public var seatsWithoutPose: [String] = []
        /// Names of nodes with `OMI_spawn_point`, and their titles.
        public var spawnPoints: [String] = []
        public var spawnTitles: [String] = []
        /// Names of nodes whose role is `spawn`.
        public var spawnRoles: [String] = []
        public var extensionsUsed: [String] = []
        public var extensionsRequired: [String] = []
    }

    public static func read(_ data: Data) throws -> Report {
        let file = try GLBFile(data)
        var report = Report()
        report.extensionsUsed = file.json["extensionsUsed"] as? [String] ?? []
        report.extensionsRequired = file.json["extensionsRequired"] as? [String] ?? []
        let worlds = Dictionary(file.worldMatrices(), uniquingKeysWith: { first, _ in first })
        var propBoxes: [String: GLBLayoutInspector.Box] = [:]
        for (index, world) in worlds {
            let extras = (file.nodes[index]["extras"] as? [String: Any])?["scenewright"] as? [String: Any]
            guard let id = extras?["id"] as? String, ["prop", "hotspot", "character"].contains(extras?["role"] as? String ?? "") else { continue }
            var object = GLBLayoutInspector.Object(name: id, tags: [])
            for (child, childWorld) in file.worldMatrices(from: index, parent: world) { try file.collect(node: child, world: childWorld, into: &object) }
            propBoxes[id] = object.box
        }
        for (index, node) in file.nodes.enumerated() {
            guard let world = worlds[index] else { continue }
            let name = node["name"] as? String ?? "node \(index)"
            let extras = (node["extras"] as? [String: Any])?["scenewright"] as? [String: Any]
            let extensions = node["extensions"] as? [String: Any] ?? [:]
            if extras?["role"] as? String == "spawn" { report.spawnRoles.append(name) }
            if let spawn = extensions["OMI_spawn_point"] as? [String: Any] {
                report.spawnPoints.append(name)
                report.spawnTitles.append(spawn["title"] as? String ?? "")
            }
            guard let seat = extensions["OMI_seat"] as? [String: Any] else {
                if extras?["role"] as? String == "seat" { report.seatsWithoutPose.append(name) }
                continue
            }
            func point(_ key: String) -> SIMD3<Double> {
                guard let p = seat[key] as? [Double], p.count == 3 else { return SIMD3(repeating: .nan) }
                return GLBFile.apply(world, SIMD3(p[0], p[1], p[2]))
            }
            let box = (extras?["prop"] as? String).flatMap { propBoxes[$0] }
            report.seats.append(Seat(
                name: name, back: point("back"), knee: point("knee"), foot: point("foot"), origin: GLBFile.apply(world, .zero),
                angle: seat["angle"] as? Double ?? .pi / 2, propMin: box?.min, propMax: box?.max))
        }
        return report
    }
}
