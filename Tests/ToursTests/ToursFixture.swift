import Catalog
import Determinism
import Foundation
import Narrative
import TestSupport
import Tours

/// The sample museums, catalog and grammars, loaded once; and random museums for property tests.
enum ToursFixture {
    private static let loadedLibrary = Result { try GrammarLibrary(directory: TestPaths.assets.appendingPathComponent("grammars")) }
    private static let loadedCatalog = Result { try CatalogDocument.loadSample(from: TestPaths.assets.appendingPathComponent("catalog")) }

    static func library() throws -> GrammarLibrary { try loadedLibrary.get() }
    static func catalog() throws -> CatalogDocument { try loadedCatalog.get() }
    static func films() throws -> [String: Film] { Dictionary(uniqueKeysWithValues: try catalog().films.map { ($0.id, $0) }) }
    static func planner() throws -> TourPlanner { TourPlanner(library: try library()) }

    static func museum(_ id: String) throws -> Museum {
        try JSONDecoder().decode(Museum.self, from: Data(contentsOf: TestPaths.assets.appendingPathComponent("museums/\(id).json")))
    }

    static func user(_ id: String) throws -> UserProfile {
        guard let user = try catalog().users.first(where: { $0.id == id }) else { throw FixtureError(message: "no user \(id)") }
        return user
    }

    struct FixtureError: Error { var message: String }

    /// A random museum: a grid of rooms on one or two floors, a random spanning tree of doors
    /// plus extra doors, stairs (and sometimes a lift) between floors, exhibits in random rooms.
    static func randomMuseum(_ random: inout SeededRandom, films: [Film]) -> Museum {
        let floors = random.nextInt(in: 1..<3)
        let rows = random.nextInt(in: 1..<4), columns = random.nextInt(in: 2..<5)
        let widths = (0..<columns).map { _ in Double(random.nextInt(in: 6..<14)) }
        let depths = (0..<rows).map { _ in Double(random.nextInt(in: 5..<11)) }
        let xs = widths.reduce(into: [0.0]) { $0.append($0.last! + $1) }, zs = depths.reduce(into: [0.0]) { $0.append($0.last! + $1) }
        var rooms: [Room] = []
        func id(_ f: Int, _ r: Int, _ c: Int) -> String { "r\(f)-\(r)-\(c)" }
        for f in 0..<floors {
            for r in 0..<rows {
                for c in 0..<columns {
                    rooms.append(Room(id: id(f, r, c), name: "room \(f)\(r)\(c)", floor: f, polygon: [[xs[c], zs[r]], [xs[c + 1], zs[r]], [xs[c + 1], zs[r + 1]], [xs[c], zs[r + 1]]]))
                }
            }
        }
        // Doors: every horizontal and vertical neighbour pair is a candidate; a random spanning
        // tree plus a third of the rest keeps every room reachable.
        var candidates: [Door] = []
        for f in 0..<floors {
            for r in 0..<rows {
                for c in 0..<columns {
                    if c + 1 < columns {
                        candidates.append(Door(id: "h\(f)-\(r)-\(c)", rooms: [id(f, r, c), id(f, r, c + 1)], position: [xs[c + 1], (zs[r] + zs[r + 1]) / 2], width: 1.4))
                    }
                    if r + 1 < rows {
                        candidates.append(Door(id: "v\(f)-\(r)-\(c)", rooms: [id(f, r, c), id(f, r + 1, c)], position: [(xs[c] + xs[c + 1]) / 2, zs[r + 1]], width: 1.4))
                    }
                }
            }
        }
        candidates = random.shuffled(candidates)
        var parent = Dictionary(uniqueKeysWithValues: rooms.map { ($0.id, $0.id) })
        func find(_ x: String) -> String { parent[x] == x ? x : find(parent[x]!) }
        var doors: [Door] = []
        for door in candidates {
            let a = find(door.rooms[0]), b = find(door.rooms[1])
            if a != b { parent[a] = b; doors.append(door) } else if random.nextInt(in: 0..<3) == 0 { doors.append(door) }
        }
        if floors == 2 {
            let r = random.nextInt(in: 0..<rows), c = random.nextInt(in: 0..<columns)
            let centre = [(xs[c] + xs[c + 1]) / 2, (zs[r] + zs[r + 1]) / 2]
            doors.append(Door(id: "stairs", rooms: [id(0, r, c), id(1, r, c)], position: centre, width: 1.2, kind: .stairs))
            if random.nextInt(in: 0..<2) == 0 {
                let r2 = random.nextInt(in: 0..<rows), c2 = random.nextInt(in: 0..<columns)
                doors.append(Door(id: "lift", rooms: [id(0, r2, c2), id(1, r2, c2)], position: [xs[c2] + 1, zs[r2] + 1], width: 1.2, kind: .lift))
            }
        }
        let hasLift = doors.contains { $0.kind == .lift }
        var exhibits: [Exhibit] = []
        for index in 0..<random.nextInt(in: 4..<30) {
            let room = rooms[random.nextInt(in: 0..<rooms.count)]
            let x0 = room.polygon[0][0], z0 = room.polygon[0][1], x1 = room.polygon[2][0], z1 = room.polygon[2][1]
            let position = [x0 + 0.8 + Double(random.nextUnitFloat()) * (x1 - x0 - 1.6), z0 + 0.8 + Double(random.nextUnitFloat()) * (z1 - z0 - 1.6)]
            let film = films[random.nextInt(in: 0..<films.count)]
            exhibits.append(Exhibit(
                id: "e\(index)", title: "Exhibit \(index)", films: [film.id], room: room.id, position: position,
                dwellMinutes: Double(random.nextInt(in: 1..<7)), weight: Double(random.nextInt(in: 1..<20)) / 10, tags: [],
                audience: film.audience ?? .adult, stepFree: room.floor == 0 || hasLift))
        }
        return Museum(
            id: "random", name: "a random museum", floors: (0..<floors).map { Floor(level: $0, name: "floor \($0)") }, rooms: rooms, doors: doors,
            exhibits: exhibits, entrance: Portal(room: id(0, 0, 0), position: [xs[0] + 0.5, zs[0] + 0.5]),
            exit: Portal(room: id(0, rows - 1, columns - 1), position: [xs[columns] - 0.5, zs[rows] - 0.5]))
    }
}
