import Foundation
import Narrative

/// Audio description of a stop, from the museum plan alone: what kind of exhibit stands there
/// (read from its title: "Storyboards for Alien" is storyboards), where it sits in its room
/// (against which wall, or in which part of the floor) and which way the visitor faces to see it.
/// Compass words follow the plan: north is up the map (−z), east is +x.
struct AudioDescription {
    let museum: Museum

    /// Within this distance of a wall, an exhibit stands against it (metres).
    static let wallDistance = 1.5

    /// The words bound into the `stopDescription` rule.
    struct Placement: Equatable {
        var kind: String
        var placement: String
        var facing: String
    }

    /// Where `exhibit` stands, seen by a visitor arriving from `arrival`.
    func placement(of exhibit: Exhibit, arrivingFrom arrival: PlanPoint) -> Placement {
        let kind = Self.kind(of: exhibit.title)
        let point = exhibit.point
        guard let room = museum.room(exhibit.room), room.points.count >= 3 else {
            return Placement(kind: kind, placement: "in the", facing: Self.compass(point - arrival))
        }
        let polygon = room.points
        let centre = polygon.reduce(PlanPoint(0, 0)) { $0 + $1 } * (1 / Double(polygon.count))
        var nearest: (distance: Double, outward: PlanPoint)?
        for index in polygon.indices {
            let a = polygon[index], b = polygon[(index + 1) % polygon.count]
            let distance = PlanGeometry.distance(point, toSegment: a, b)
            guard nearest.map({ distance < $0.distance }) ?? true else { continue }
            // The wall's normal, turned to point out of the room.
            let normal = PlanPoint(a.z - b.z, b.x - a.x), middle = (a + b) * 0.5 - centre
            nearest = (distance, normal.x * middle.x + normal.z * middle.z >= 0 ? normal : normal * -1)
        }
        if let nearest, nearest.distance <= Self.wallDistance {
            // Against a wall: the visitor stands in front of it and faces the wall.
            let wall = Self.compass(nearest.outward)
            return Placement(kind: kind, placement: "against the \(wall) wall of the", facing: wall)
        }
        let xs = polygon.map(\.x), zs = polygon.map(\.z)
        let extent = max(xs.max()! - xs.min()!, zs.max()! - zs.min()!)
        let offset = point - centre
        let part = (offset.x * offset.x + offset.z * offset.z).squareRoot() < extent * 0.2 ? "in the middle of the" : "in the \(Self.compass(offset, eightWay: true)) part of the"
        return Placement(kind: kind, placement: part, facing: Self.compass(point - arrival))
    }

    /// "storyboards", "a set model", "a poster"… from the curator's title; "an exhibit" otherwise.
    static func kind(of title: String) -> String {
        let lower = title.lowercased()
        for (prefix, kind) in kinds where lower.hasPrefix(prefix) { return kind }
        return "an exhibit"
    }

    static let kinds: [(String, String)] = [
        ("poster", "a poster"), ("storyboards", "storyboards"), ("set model", "a set model"), ("script pages", "script pages"),
        ("lobby cards", "lobby cards"), ("props", "props"), ("costumes", "costumes"), ("costume", "a costume"), ("still", "a still"),
        ("stills", "stills"), ("photographs", "photographs"), ("model", "a model"),
    ]

    /// The compass direction of a plan vector: four ways, or eight.
    static func compass(_ vector: PlanPoint, eightWay: Bool = false) -> String {
        guard abs(vector.x) + abs(vector.z) > 1e-9 else { return "north" }
        let names = eightWay
            ? ["east", "south-east", "south", "south-west", "west", "north-west", "north", "north-east"]
            : ["east", "south", "west", "north"]
        // atan2 with z down the map: 0 is east, a quarter turn is south.
        let angle = atan2(vector.z, vector.x)
        let step = 2 * Double.pi / Double(names.count)
        let index = Int(((angle + 2 * Double.pi).truncatingRemainder(dividingBy: 2 * Double.pi) / step).rounded()) % names.count
        return names[index]
    }
}
