import Foundation
import Catalog

/// A museum plan that cannot be used, with every problem found.
public struct MuseumError: Error, Sendable, Hashable, CustomStringConvertible {
    public var problems: [String]
    public var description: String { "invalid museum: " + problems.joined(separator: "; ") }
}

extension Museum {
    /// Limits on plans accepted over the API.
    public enum Limits {
        public static let maxRooms = 500
        public static let maxDoors = 2000
        public static let maxExhibits = 2000
        public static let maxCorners = 64
        /// Coordinates must lie within ±this many metres.
        public static let maxCoordinate = 10_000.0
    }

    /// Checks the plan: ids, polygons simple and not overlapping, doors on shared walls (or in
    /// both rooms for stairs and lifts), exhibits inside their rooms, the entrance and exit
    /// inside theirs and joined, every exhibit reachable from the entrance and able to reach the
    /// exit (without steps, when it claims to be step-free). `filmIds`, when given, are the
    /// catalog's films: every exhibit must be about at least one of them.
    public func validate(filmIds: Set<String>? = nil) throws(MuseumError) {
        var problems: [String] = []
        func check(_ condition: Bool, _ message: @autoclosure () -> String) { if !condition { problems.append(message()) } }

        check(Identifier.isValid(id), "museum id '\(id.prefix(80))' must be a slug (lowercase letters, digits, hyphens)")
        check(!name.trimmingCharacters(in: .whitespaces).isEmpty && name.count <= 200, "museum name must be 1–200 characters")
        check(!rooms.isEmpty, "a museum needs at least one room")
        check(rooms.count <= Limits.maxRooms && doors.count <= Limits.maxDoors && exhibits.count <= Limits.maxExhibits,
              "at most \(Limits.maxRooms) rooms, \(Limits.maxDoors) doors and \(Limits.maxExhibits) exhibits")
        let levels = Set(floors.map(\.level))
        check(levels.count == floors.count, "floor levels must be unique")
        for (kind, ids) in [("room", rooms.map(\.id)), ("door", doors.map(\.id)), ("exhibit", exhibits.map(\.id))] {
            var seen = Set<String>()
            for item in ids {
                check(Identifier.isValid(item), "\(kind) id '\(item.prefix(80))' must be a slug")
                check(seen.insert(item).inserted, "\(kind) id '\(item)' is used twice")
            }
        }
        func finite(_ values: [Double], _ count: Int) -> Bool {
            values.count == count && values.allSatisfy { $0.isFinite && abs($0) <= Limits.maxCoordinate }
        }

        // Rooms.
        var outlines: [String: [PlanPoint]] = [:]
        for room in rooms {
            check(levels.contains(room.floor), "room \(room.id) is on floor \(room.floor), which the plan does not list")
            check(!room.name.trimmingCharacters(in: .whitespaces).isEmpty, "room \(room.id) needs a name")
            guard room.polygon.count >= 3, room.polygon.count <= Limits.maxCorners, room.polygon.allSatisfy({ finite($0, 2) }) else {
                problems.append("room \(room.id): the polygon needs 3–\(Limits.maxCorners) corners of two finite coordinates")
                continue
            }
            let outline = room.points
            if PlanGeometry.isSimple(outline) { outlines[room.id] = outline } else {
                problems.append("room \(room.id): the polygon is not simple (it crosses itself, repeats a corner or has no area)")
            }
        }
        let placed = rooms.filter { outlines[$0.id] != nil }
        for (i, a) in placed.enumerated() {
            for b in placed[(i + 1)...] where a.floor == b.floor && PlanGeometry.overlap(outlines[a.id]!, outlines[b.id]!) {
                problems.append("rooms \(a.id) and \(b.id) overlap")
            }
        }

        // Doors.
        for door in doors {
            guard door.rooms.count == 2, door.rooms[0] != door.rooms[1] else {
                problems.append("door \(door.id) must join two different rooms")
                continue
            }
            guard finite(door.position, 2), door.width.isFinite, door.width > 0.3, door.width < 20 else {
                problems.append("door \(door.id): position must be [x, z] and width 0.3–20 m")
                continue
            }
            guard let a = room(door.rooms[0]), let b = room(door.rooms[1]) else {
                problems.append("door \(door.id) names a room that does not exist")
                continue
            }
            guard let outlineA = outlines[a.id], let outlineB = outlines[b.id] else { continue }
            if door.isVertical {
                check(a.floor != b.floor, "door \(door.id) is \(door.kind.rawValue) but joins rooms on the same floor")
                check(PlanGeometry.contains(outlineA, door.point) && PlanGeometry.contains(outlineB, door.point),
                      "door \(door.id) (\(door.kind.rawValue)) must stand inside both rooms' outlines")
            } else {
                check(a.floor == b.floor, "door \(door.id) joins rooms on different floors; use stairs or a lift")
                let onA = PlanGeometry.edge(of: outlineA, containing: door.point), onB = PlanGeometry.edge(of: outlineB, containing: door.point)
                check(onA != nil && onB != nil, "door \(door.id) is not on a wall that \(a.id) and \(b.id) share")
            }
        }

        // Exhibits, entrance, exit.
        for exhibit in exhibits {
            check(!exhibit.title.trimmingCharacters(in: .whitespaces).isEmpty && exhibit.title.count <= 200, "exhibit \(exhibit.id) needs a title of 1–200 characters")
            check(exhibit.dwellMinutes.isFinite && exhibit.dwellMinutes > 0 && exhibit.dwellMinutes <= 60, "exhibit \(exhibit.id): dwellMinutes must be in (0, 60]")
            check(exhibit.weight.isFinite && exhibit.weight >= 0 && exhibit.weight <= 10, "exhibit \(exhibit.id): weight must be 0–10")
            check(!exhibit.films.isEmpty, "exhibit \(exhibit.id) must be about at least one film")
            if let filmIds {
                for film in exhibit.films where !filmIds.contains(film) { problems.append("exhibit \(exhibit.id) is about \(film), which is not in the catalog") }
            }
            guard finite(exhibit.position, 2) else { problems.append("exhibit \(exhibit.id): position must be [x, z]"); continue }
            guard let outline = outlines[exhibit.room] else {
                if room(exhibit.room) == nil { problems.append("exhibit \(exhibit.id) is in room \(exhibit.room), which does not exist") }
                continue
            }
            check(PlanGeometry.contains(outline, exhibit.point, boundary: false), "exhibit \(exhibit.id) is not inside room \(exhibit.room)")
        }
        for (label, portal) in [("entrance", entrance), ("exit", exit)] {
            guard finite(portal.position, 2), let outline = outlines[portal.room] else {
                problems.append("the \(label) must be a position in an existing room")
                continue
            }
            check(PlanGeometry.contains(outline, portal.point), "the \(label) is not inside room \(portal.room)")
        }
        guard problems.isEmpty else { throw MuseumError(problems: problems) }

        // Reachability, through doors only.
        for stepFree in [false, true] {
            let graph = WalkingGraph(museum: self, stepFree: stepFree)
            let fromEntrance = graph.distances(from: graph.entrance)
            let toExit = graph.distances(from: graph.exit)
            if !stepFree, fromEntrance[graph.exit] == .infinity { problems.append("the exit cannot be reached from the entrance") }
            for (index, exhibit) in exhibits.enumerated() where !stepFree || exhibit.stepFree {
                let reachable = fromEntrance[index] < .infinity && toExit[index] < .infinity
                if !reachable {
                    problems.append(stepFree
                        ? "exhibit \(exhibit.id) claims step-free access but needs stairs"
                        : "exhibit \(exhibit.id) cannot be reached from the entrance and the exit")
                }
            }
            if stepFree, exhibits.contains(where: \.stepFree), fromEntrance[graph.exit] == .infinity {
                problems.append("the exit cannot be reached from the entrance without stairs, but exhibits claim step-free access")
            }
        }
        guard problems.isEmpty else { throw MuseumError(problems: problems) }
    }
}
