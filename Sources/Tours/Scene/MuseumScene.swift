import Foundation
import SceneGraph

/// The museum as a scene a headset can walk: a floor per room, walls along every room outline
/// with openings where doors are, a plinth and a panel per exhibit, markers at stairs and lifts,
/// a light per room, the entrance as the spawn point and — for a tour — `waypoint` nodes in tour
/// order. Floors stack 4 m apart.
public enum MuseumScene {
    public static let storeyHeight: Float = 4
    public static let wallHeight: Float = 3.2
    public static let wallThickness: Float = 0.16
    public static let doorHeight: Float = 2.2

    /// Wall height on maps: below the plan view's cut, so the wall tops show as dark lines.
    public static let mapWallHeight: Float = 2.0

    /// The scene for `museum` (only `floor` when given; the map draws one floor at a time, with
    /// low dark walls whose tops draw the room outlines).
    public static func build(_ museum: Museum, floor only: Int? = nil, tour: Tour? = nil) -> Scene {
        let forMap = only != nil
        var scene = Scene(name: museum.name)
        let root = scene.add(Node(name: museum.id))
        let floorMaterial = scene.material(Material(name: "floor", baseColor: SIMD4(0.78, 0.74, 0.68, 1), roughness: 0.9))
        let wallMaterial = scene.material(
            forMap ? Material(name: "wall", baseColor: SIMD4(0.12, 0.12, 0.14, 1), roughness: 0.9)
                : Material(name: "wall", baseColor: SIMD4(0.93, 0.92, 0.89, 1), roughness: 0.85))
        let plinthMaterial = scene.material(Material(name: "plinth", baseColor: SIMD4(0.25, 0.27, 0.3, 1), roughness: 0.6))
        let panelMaterial = scene.material(Material(name: "panel", baseColor: SIMD4(0.85, 0.7, 0.35, 1), metallic: 0.2, roughness: 0.5))
        let stairsMaterial = scene.material(Material(name: "stairs", baseColor: SIMD4(0.55, 0.45, 0.35, 1), roughness: 0.8))
        let included = { (level: Int) in only == nil || only == level }
        func elevation(_ level: Int) -> Float { only == nil ? Float(level) * storeyHeight : 0 }

        for room in museum.rooms where included(room.floor) {
            let outline = room.points
            let y = elevation(room.floor)
            var slab = Geometry()
            for (a, b, c) in triangulate(outline) {
                let base = UInt32(slab.positions.count)
                for p in [a, c, b] {
                    slab.positions.append(Vec3(Float(p.x), 0, Float(p.z)))
                    slab.normals.append(Vec3(0, 1, 0))
                }
                slab.indices += [base, base + 1, base + 2]
            }
            // Keep triangles facing up whatever the outline's winding.
            slab = upward(slab)
            let slabMesh = scene.mesh(key: "floor:\(room.id)") { Mesh(name: "floor \(room.name)", primitives: [Primitive(geometry: slab, material: floorMaterial)]) }
            scene.add(Node(name: "floor-\(room.id)", transform: Transform(translation: Vec3(0, y, 0)), mesh: slabMesh), parent: root)

            // Walls, inset by half their thickness so neighbouring rooms' walls sit back to back.
            let area = signedArea(outline)
            for index in outline.indices {
                let a = outline[index], b = outline[(index + 1) % outline.count]
                let dx = b.x - a.x, dz = b.z - a.z
                let length = (dx * dx + dz * dz).squareRoot()
                guard length > 0.05 else { continue }
                let inward = area > 0 ? PlanPoint(-dz / length, dx / length) : PlanPoint(dz / length, -dx / length)
                var openings: [MeshBuilder.Opening] = []
                for door in museum.doors where door.rooms.contains(room.id) && !door.isVertical {
                    let p = door.point
                    guard distance(p, a, b) <= 0.05 else { continue }
                    let t = ((p.x - a.x) * dx + (p.z - a.z) * dz) / length
                    openings.append(MeshBuilder.Opening(x: Float(t - door.width / 2), y: 0, width: Float(door.width), height: doorHeight))
                }
                let wall = MeshBuilder.wall(
                    width: Float(length), height: forMap ? mapWallHeight : wallHeight, thickness: forMap ? 0.25 : wallThickness, openings: openings)
                let key = "wall:\(room.id):\(index)"
                let mesh = scene.mesh(key: key) { Mesh(name: "wall \(room.name) \(index + 1)", primitives: [Primitive(geometry: wall, material: wallMaterial)]) }
                let offset = Double(wallThickness / 2)
                scene.add(Node(
                    name: "wall-\(room.id)-\(index + 1)",
                    transform: Transform(
                        translation: Vec3(Float(a.x + inward.x * offset), y, Float(a.z + inward.z * offset)),
                        rotation: .yaw(Float(atan2(-dz, dx)))),
                    mesh: mesh), parent: root)
            }
            scene.add(Node(
                name: "light-\(room.id)", transform: Transform(translation: Vec3(Float(centroid(outline).x), y + 2.9, Float(centroid(outline).z))),
                light: scene.light(Self.roomLight(named: room.name))), parent: root)
        }

        for door in museum.doors where door.isVertical && included(museum.floor(of: door.rooms[0])) {
            let mesh = scene.mesh(key: "stairs") {
                Mesh(name: "stairs", primitives: [Primitive(geometry: MeshBuilder.box(Vec3(1.2, 0.3, 2)), material: stairsMaterial)])
            }
            let level = museum.floor(of: door.rooms[0])
            scene.add(Node(
                name: "\(door.kind.rawValue)-\(door.id)", transform: Transform(translation: Vec3(Float(door.point.x), elevation(level) + 0.15, Float(door.point.z))),
                mesh: mesh, annotation: Annotation(role: .prop, id: door.id, label: door.kind == .stairs ? "Stairs" : "Lift", properties: [
                    "kind": .string(door.kind.rawValue), "stepFree": .bool(door.stepFree),
                    "rooms": .array(door.rooms.map { .string($0) }),
                ])), parent: root)
        }

        let plinth = scene.mesh(key: "plinth") { Mesh(name: "plinth", primitives: [Primitive(geometry: MeshBuilder.box(Vec3(0.7, 1.0, 0.7)), material: plinthMaterial)]) }
        let panel = scene.mesh(key: "panel") { Mesh(name: "panel", primitives: [Primitive(geometry: MeshBuilder.box(Vec3(0.8, 0.6, 0.05)), material: panelMaterial)]) }
        for exhibit in museum.exhibits where included(museum.floor(of: exhibit.room)) {
            let y = elevation(museum.floor(of: exhibit.room))
            let node = scene.add(Node(
                name: "exhibit-\(exhibit.id)", transform: Transform(translation: Vec3(Float(exhibit.point.x), y, Float(exhibit.point.z))),
                annotation: Annotation(role: .hotspot, id: exhibit.id, label: exhibit.title, properties: [
                    "triggerRadius": 1.5, "height": 1.3, "films": .array(exhibit.films.map { .string($0) }),
                    "action": .object(["type": "info", "text": .string(exhibit.title)]),
                ])), parent: root)
            scene.add(Node(name: "plinth-\(exhibit.id)", transform: Transform(translation: Vec3(0, 0.5, 0)), mesh: plinth), parent: node)
            scene.add(Node(name: "panel-\(exhibit.id)", transform: Transform(translation: Vec3(0, 1.3, 0)), mesh: panel), parent: node)
        }

        if included(museum.floor(of: museum.entrance.room)) {
            let p = museum.entrance.point
            scene.add(Node(
                name: "spawn", transform: Transform(translation: Vec3(Float(p.x), elevation(museum.floor(of: museum.entrance.room)), Float(p.z))),
                annotation: Annotation(role: .spawn, id: "entrance", label: "Entrance", properties: ["forward": .array([0, 0, -1]), "eyeHeight": 1.6])), parent: root)
        }
        if let tour {
            for stop in tour.stops where included(stop.floor) {
                scene.add(Node(
                    name: "waypoint-\(stop.number)",
                    transform: Transform(translation: Vec3(Float(stop.position[0]), elevation(stop.floor), Float(stop.position[1]))),
                    annotation: Annotation(role: .waypoint, id: "stop-\(stop.number)", label: "Stop \(stop.number): \(stop.title)", properties: [
                        "order": .number(Double(stop.number)), "exhibitId": .string(stop.exhibitId), "arrivalMinute": .number(stop.arrivalMinute),
                    ])), parent: root)
            }
        }
        return scene
    }

    /// Flips triangles whose normal points down.
    /// A room's general light, 2.9 m up: 2,500 cd, about 300 lux on the floor below (a gallery's
    /// level), reaching 6.8 m, as far as Blender's EEVEE lets a light of that power reach.
    static func roomLight(named name: String) -> Light {
        Light(name: "\(name) light", kind: .point, color: Vec3(1, 0.96, 0.9), intensity: 2500).reachingAsClientsDo
    }

    static func upward(_ geometry: Geometry) -> Geometry {
        var g = geometry
        for t in stride(from: 0, to: g.indices.count, by: 3) {
            let a = g.positions[Int(g.indices[t])], b = g.positions[Int(g.indices[t + 1])], c = g.positions[Int(g.indices[t + 2])]
            let e1 = b - a, e2 = c - a
            let normalY = e1.z * e2.x - e1.x * e2.z
            if normalY < 0 { g.indices.swapAt(t + 1, t + 2) }
        }
        return g
    }

    static func signedArea(_ polygon: [PlanPoint]) -> Double { PlanGeometry.signedArea(polygon) }
    static func centroid(_ polygon: [PlanPoint]) -> PlanPoint { PlanGeometry.centroid(polygon) }
    static func distance(_ p: PlanPoint, _ a: PlanPoint, _ b: PlanPoint) -> Double { PlanGeometry.distance(p, toSegment: a, b) }

    static func triangulate(_ polygon: [PlanPoint]) -> [(PlanPoint, PlanPoint, PlanPoint)] { PlanGeometry.triangulate(polygon) }
}
