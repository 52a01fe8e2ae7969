import Determinism
import Foundation
import SceneGraph

/// Something the solver placed: a prop, a hotspot mount or a character mark.
public struct PlacedItem: Sendable {
    public enum Kind: String, Sendable, Encodable { case prop, hotspot, character }

    public var id: String
    public var kind: Kind
    public var prop: CompositeProp?
    /// Floor position of the origin and the height it stands at (a surface's height for
    /// props standing on another prop).
    public var x: Float
    public var z: Float
    public var y: Float
    /// Rotation about +Y; 0 faces +Z (towards the entrance).
    public var yaw: Float
    public var footprint: Footprint
    /// The id of the prop this one stands on.
    public var host: String?
    /// The lowest and highest points of its geometry above the floor (a wall frame spans
    /// 1.3…1.8 m, a cabinet 0…0.9 m); items clash only where these ranges meet.
    public var bottom: Float = 0
    public var top: Float = 0
    /// Where a visitor stands to use it (hotspots and characters).
    public var approach: (x: Float, z: Float)?
    /// False for flat props (rugs), props standing on other props and wall decor above head
    /// height of a crouching visitor.
    public var blocksWalking: Bool
    /// A rug or mat: others may stand on it.
    public var isFloorCovering: Bool { prop?.tags.contains("flat") == true }
}

/// An item the solver could not place, and why.
public struct DroppedItem: Sendable, Encodable, Hashable {
    public var item: String
    public var reason: String
}

/// The checks every layout is held to, measured on the final layout (not trusted from the solver).
public struct LayoutMetrics: Sendable, Encodable, Equatable {
    /// Pairs of floor footprints closer than the clearance margin.
    public var overlaps: Int
    /// Footprints reaching outside the room by more than the tolerance.
    public var outOfBounds: Int
    /// Hotspots and character marks an agent of radius 0.35 m cannot reach from the spawn point.
    public var unreachableTargets: Int
    /// Candidate positions tried.
    public var placementAttempts: Int
    public var dropped: [DroppedItem]
}

/// Places props, hotspot mounts and character marks in a rectangular room so that every
/// footprint is inside the room, no two footprints come closer than ``clearance``, and every
/// hotspot and character stays reachable from the spawn point. A candidate that would break
/// any of these is rejected; an item with no acceptable candidate is dropped with a reason.
struct LayoutSolver {
    static let clearance: Float = 0.1
    static let tolerance: Float = 0.01
    static let approachDistance: Float = 0.85

    let room: Footprint
    let enclosure: Archetype.Room.Enclosure
    let spawn: (x: Float, z: Float)
    private(set) var items: [PlacedItem] = []
    private(set) var attempts = 0
    private(set) var dropped: [DroppedItem] = []
    private var grid: WalkGrid
    private var reserved: [Footprint]
    private var wallReserved: [Footprint]
    var random: SeededRandom
    /// Wall decor whose lowest point is at least this high leaves the floor below it free.
    static let clearFloorHeight: Float = 1.0

    init(room: Footprint, enclosure: Archetype.Room.Enclosure, spawn: (x: Float, z: Float), reserved: [Footprint], wallReserved: [Footprint], random: SeededRandom) {
        self.room = room
        self.enclosure = enclosure
        self.spawn = spawn
        self.reserved = reserved
        self.wallReserved = wallReserved
        self.random = random
        grid = WalkGrid(room: room)
    }

    private var targets: [Int?] {
        items.compactMap { $0.approach.map { grid.index(x: $0.x, z: $0.z) } }
    }

    func instances(of propId: String) -> [PlacedItem] { items.filter { $0.prop?.id == propId && $0.kind == .prop } }

    // MARK: Acceptance

    func acceptable(_ candidate: Candidate, blocksWalking: Bool, mounted: Bool, flat: Bool = false) -> Bool {
        let f = candidate.footprint
        if let host = candidate.host {
            // Stands on a surface: must fit the host and not collide with its neighbours on the same level.
            guard let top = candidate.surface, top.contains(f, tolerance: Self.tolerance) else { return false }
            return !items.contains { $0.host == host && abs($0.y - candidate.y) < 0.01 && $0.footprint.conflicts(with: f, clearance: 0.02) }
        }
        guard room.contains(f, tolerance: Self.tolerance) else { return false }
        guard !flat else { return true }
        if reserved.contains(where: { $0.conflicts(with: f, clearance: 0) }) { return false }
        if mounted && wallReserved.contains(where: { $0.conflicts(with: f, clearance: 0) }) { return false }
        if items.contains(where: { Self.clash((f, candidate.bottom, candidate.top, blocksWalking), $0) }) { return false }
        guard blocksWalking else { return true }
        var wanted = targets
        if let approach = candidate.approach { wanted.append(grid.index(x: approach.x, z: approach.z)) }
        return grid.reachable(from: spawn, targets: wanted, extra: f).allSatisfy { $0 }
    }

    mutating func accept(_ candidate: Candidate, id: String, kind: PlacedItem.Kind, prop: CompositeProp?, blocksWalking: Bool) -> PlacedItem {
        let item = PlacedItem(
            id: id, kind: kind, prop: prop, x: candidate.x, z: candidate.z, y: candidate.y, yaw: candidate.yaw,
            footprint: candidate.footprint, host: candidate.host, bottom: candidate.bottom, top: candidate.top, approach: candidate.approach, blocksWalking: blocksWalking)
        items.append(item)
        if blocksWalking { grid.block(candidate.footprint) }
        return item
    }

    // MARK: Placing

    /// Places one instance of a prop by its rule; false (with the reason recorded) when impossible.
    @discardableResult
    mutating func place(_ prop: CompositeProp, rule: Archetype.PropRule, id: String, maxAttempts: Int) -> Bool {
        if let anchor = rule.anchor, instances(of: anchor).isEmpty {
            dropped.append(DroppedItem(item: id, reason: "needs a '\(anchor)' to be placed first, and there is none"))
            return false
        }
        let flat = prop.tags.contains("flat")
        let mounted = prop.tags.contains("wall")
        let (bottom, top) = extent(of: prop)
        for _ in 0..<maxAttempts {
            attempts += 1
            guard var candidate = candidate(for: rule, prop: prop) else { continue }
            candidate.bottom = candidate.y + bottom
            candidate.top = candidate.y + top
            let blocks = candidate.host == nil && !flat && !(mounted && bottom >= Self.clearFloorHeight)
            if acceptable(candidate, blocksWalking: blocks, mounted: mounted, flat: flat && candidate.host == nil) {
                _ = accept(candidate, id: id, kind: .prop, prop: prop, blocksWalking: blocks)
                return true
            }
        }
        dropped.append(DroppedItem(item: id, reason: "no position in \(maxAttempts) attempts kept it clear of other footprints and every target reachable (\(rule.placement.rawValue))"))
        return false
    }

    /// Mounts a hotspot: on a wall for walled rooms, on a stand along the edge outdoors.
    mutating func placeHotspot(_ mount: CompositeProp, id: String, maxAttempts: Int) -> PlacedItem? {
        for _ in 0..<maxAttempts {
            attempts += 1
            let walls: [Archetype.Wall] = enclosure == .walls ? Archetype.Wall.allCases : [.back, .left, .right]
            let wall = random.pick(walls)!
            guard var candidate = againstWall(wall, width: mount.width, depth: mount.depth) else { continue }
            if enclosure != .walls {
                // Free-standing sign: a little way in from the edge (further in where trees crowd it).
                let (nx, nz) = inward(wall)
                let inset = random.nextFloat(in: 0.4...1.2)
                candidate.x += nx * inset
                candidate.z += nz * inset
                candidate.footprint = Footprint(centerX: candidate.x, z: candidate.z, width: mount.width, depth: mount.depth, quarterTurns: quarterTurns(facing: (nx, nz)))
            }
            let (nx, nz) = inward(wall)
            candidate.approach = (candidate.x + nx * Self.approachDistance, candidate.z + nz * Self.approachDistance)
            candidate.top = extent(of: mount).top
            if acceptable(candidate, blocksWalking: true, mounted: true) {
                return accept(candidate, id: id, kind: .hotspot, prop: mount, blocksWalking: true)
            }
        }
        dropped.append(DroppedItem(item: id, reason: "no wall position in \(maxAttempts) attempts was free and reachable"))
        return nil
    }

    /// Places a character mark on open floor, facing the spawn point.
    mutating func placeCharacter(id: String, maxAttempts: Int) -> PlacedItem? {
        for _ in 0..<maxAttempts {
            attempts += 1
            let x = random.nextFloat(in: (room.minX + 1.0)...(room.maxX - 1.0))
            let z = random.nextFloat(in: (room.minZ + 1.0)...(room.maxZ - 2.8))
            let dx = spawn.x - x, dz = spawn.z - z
            let length = max((dx * dx + dz * dz).squareRoot(), 0.001)
            var candidate = Candidate(x: x, z: z, yaw: atan2(dx, dz), footprint: Footprint(centerX: x, z: z, width: 0.6, depth: 0.6, quarterTurns: 0))
            candidate.approach = (x + dx / length * Self.approachDistance, z + dz / length * Self.approachDistance)
            candidate.top = 2.0
            if acceptable(candidate, blocksWalking: true, mounted: false) {
                return accept(candidate, id: id, kind: .character, prop: nil, blocksWalking: true)
            }
        }
        dropped.append(DroppedItem(item: id, reason: "no open floor in \(maxAttempts) attempts was free and reachable"))
        return nil
    }

    // MARK: Verification

    /// Measures the final layout from scratch.
    func metrics() -> LayoutMetrics {
        let floor = items.filter(\.blocksWalking)
        let standing = items.filter { $0.host == nil && !$0.isFloorCovering }
        var overlaps = 0
        for i in standing.indices {
            let a = standing[i]
            for j in standing.indices where j > i && Self.clash((a.footprint, a.bottom, a.top, a.blocksWalking), standing[j], slack: 0.001) {
                overlaps += 1
            }
        }
        let outOfBounds = items.filter { $0.host == nil && !room.contains($0.footprint, tolerance: Self.tolerance) }.count
        var fresh = WalkGrid(room: room)
        for item in floor { fresh.block(item.footprint) }
        let unreachable = fresh.reachable(from: spawn, targets: targets).filter { !$0 }.count
        return LayoutMetrics(overlaps: overlaps, outOfBounds: outOfBounds, unreachableTargets: unreachable, placementAttempts: attempts, dropped: dropped)
    }
}
