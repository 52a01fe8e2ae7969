import Catalog

/// A museum floor plan: floors, rooms as simple polygons, doors between them, exhibits about
/// catalog films, an entrance and an exit. Coordinates are metres on each floor's plane
/// (`[x, z]`, z pointing "down" the map).
public struct Museum: Codable, Sendable, Hashable {
    public var id: String
    public var name: String
    public var floors: [Floor]
    public var rooms: [Room]
    public var doors: [Door]
    public var exhibits: [Exhibit]
    public var entrance: Portal
    public var exit: Portal

    public init(id: String, name: String, floors: [Floor], rooms: [Room], doors: [Door], exhibits: [Exhibit], entrance: Portal, exit: Portal) {
        self.id = id
        self.name = name
        self.floors = floors
        self.rooms = rooms
        self.doors = doors
        self.exhibits = exhibits
        self.entrance = entrance
        self.exit = exit
    }

    public func room(_ id: String) -> Room? { rooms.first { $0.id == id } }
    public func exhibit(_ id: String) -> Exhibit? { exhibits.first { $0.id == id } }
    public func floor(of roomId: String) -> Int { room(roomId)?.floor ?? 0 }
}

/// One storey.
public struct Floor: Codable, Sendable, Hashable {
    public var level: Int
    public var name: String

    public init(level: Int, name: String) {
        self.level = level
        self.name = name
    }
}

/// A room: a simple polygon on one floor.
public struct Room: Codable, Sendable, Hashable {
    public var id: String
    public var name: String
    public var floor: Int
    /// Corners in order, `[[x, z], …]`, not repeating the first.
    public var polygon: [[Double]]

    public init(id: String, name: String, floor: Int, polygon: [[Double]]) {
        self.id = id
        self.name = name
        self.floor = floor
        self.polygon = polygon
    }

    public var points: [PlanPoint] { polygon.map { PlanPoint($0.count > 0 ? $0[0] : 0, $0.count > 1 ? $0[1] : 0) } }
}

/// A way between two rooms.
public struct Door: Codable, Sendable, Hashable {
    public enum Kind: String, Codable, Sendable, Hashable {
        /// A doorway in a shared wall.
        case door
        /// A wide opening in a shared wall.
        case opening
        /// Stairs between floors (never step-free).
        case stairs
        /// A lift between floors (step-free).
        case lift
    }

    public var id: String
    /// The two rooms it joins.
    public var rooms: [String]
    /// Where it is, `[x, z]`: on the shared wall for doors and openings, inside both rooms'
    /// outlines for stairs and lifts.
    public var position: [Double]
    public var width: Double
    public var kind: Kind
    /// Whether a wheelchair can use it; defaults to false for stairs, true otherwise.
    public var stepFree: Bool

    private enum CodingKeys: String, CodingKey { case id, rooms, position, width, kind, stepFree }

    public init(id: String, rooms: [String], position: [Double], width: Double = 1.2, kind: Kind = .door, stepFree: Bool? = nil) {
        self.id = id
        self.rooms = rooms
        self.position = position
        self.width = width
        self.kind = kind
        self.stepFree = stepFree ?? (kind != .stairs)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        rooms = try c.decode([String].self, forKey: .rooms)
        position = try c.decode([Double].self, forKey: .position)
        width = try c.decodeIfPresent(Double.self, forKey: .width) ?? 1.2
        kind = try c.decodeIfPresent(Kind.self, forKey: .kind) ?? .door
        stepFree = try c.decodeIfPresent(Bool.self, forKey: .stepFree) ?? (kind != .stairs)
    }

    public var point: PlanPoint { PlanPoint(position.count > 0 ? position[0] : 0, position.count > 1 ? position[1] : 0) }
    /// Stairs and lifts join floors; doors and openings join rooms on one floor.
    public var isVertical: Bool { kind == .stairs || kind == .lift }
}

/// Something on show, about one or more catalog films.
public struct Exhibit: Codable, Sendable, Hashable {
    public var id: String
    /// The curator's title for the exhibit.
    public var title: String
    /// Catalog film ids.
    public var films: [String]
    public var room: String
    public var position: [Double]
    /// How long a visitor spends at it.
    public var dwellMinutes: Double
    /// The curator's weight (0–10; 1 is ordinary).
    public var weight: Double
    public var tags: [String]
    /// The youngest audience it suits.
    public var audience: Audience
    /// The curator claims it can be reached without steps (checked by validation).
    public var stepFree: Bool

    private enum CodingKeys: String, CodingKey { case id, title, films, room, position, dwellMinutes, weight, tags, audience, stepFree }

    public init(
        id: String, title: String, films: [String], room: String, position: [Double], dwellMinutes: Double = 3, weight: Double = 1,
        tags: [String] = [], audience: Audience = .child, stepFree: Bool = true
    ) {
        self.id = id
        self.title = title
        self.films = films
        self.room = room
        self.position = position
        self.dwellMinutes = dwellMinutes
        self.weight = weight
        self.tags = tags
        self.audience = audience
        self.stepFree = stepFree
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        title = try c.decode(String.self, forKey: .title)
        films = try c.decodeIfPresent([String].self, forKey: .films) ?? []
        room = try c.decode(String.self, forKey: .room)
        position = try c.decode([Double].self, forKey: .position)
        dwellMinutes = try c.decodeIfPresent(Double.self, forKey: .dwellMinutes) ?? 3
        weight = try c.decodeIfPresent(Double.self, forKey: .weight) ?? 1
        tags = try c.decodeIfPresent([String].self, forKey: .tags) ?? []
        audience = try c.decodeIfPresent(Audience.self, forKey: .audience) ?? .child
        stepFree = try c.decodeIfPresent(Bool.self, forKey: .stepFree) ?? true
    }

    public var point: PlanPoint { PlanPoint(position.count > 0 ? position[0] : 0, position.count > 1 ? position[1] : 0) }
}

/// The entrance or the exit: a point in a room.
public struct Portal: Codable, Sendable, Hashable {
    public var room: String
    public var position: [Double]

    public init(room: String, position: [Double]) {
        self.room = room
        self.position = position
    }

    public var point: PlanPoint { PlanPoint(position.count > 0 ? position[0] : 0, position.count > 1 ? position[1] : 0) }
}
