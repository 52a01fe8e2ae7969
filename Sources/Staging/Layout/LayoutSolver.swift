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
    private var random: SeededRandom
    private var extents: [String: (bottom: Float, top: Float)] = [:]
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

    // MARK: Candidates

    private struct Candidate {
        var x: Float, z: Float, y: Float = 0, yaw: Float
        var footprint: Footprint
        var host: String?
        var mounted = false
        var approach: (x: Float, z: Float)?
        var bottom: Float = 0
        var top: Float = 0
        /// For an item standing on another: the part of the host's surface it must stay on.
        var surface: Footprint?
    }

    /// A rectangle of a prop's own frame, turned by `turns` quarter turns about +Y and moved to (x, z).
    static func place(_ local: (min: SIMD2<Float>, max: SIMD2<Float>), turns: Int, x: Float, z: Float) -> Footprint {
        let angle = yaw(quarterTurns: turns)
        let (c, s) = (cos(angle).rounded(), sin(angle).rounded())
        let corners = [local.min, local.max, SIMD2(local.min.x, local.max.y), SIMD2(local.max.x, local.min.y)].map { p in
            SIMD2(p.x * c + p.y * s, -p.x * s + p.y * c)
        }
        let xs = corners.map(\.x), zs = corners.map(\.y)
        return Footprint(minX: x + xs.min()!, minZ: z + zs.min()!, maxX: x + xs.max()!, maxZ: z + zs.max()!)
    }

    /// The vertical extent of a prop's geometry in its own frame (cached).
    private mutating func extent(of prop: CompositeProp) -> (bottom: Float, top: Float) {
        if let known = extents[prop.id] { return known }
        let bounds = prop.geometryBounds()
        let found = (bottom: max(bounds?.min.y ?? 0, 0), top: bounds?.max.y ?? prop.height)
        extents[prop.id] = found
        return found
    }

    /// Two items that may not share space: footprints closer than the clearance (0.1 m between
    /// two that block walking, 2 cm otherwise) with heights that meet. Items standing on others
    /// and floor coverings never clash with the floor's occupants.
    static func clash(_ a: (footprint: Footprint, bottom: Float, top: Float, blocksWalking: Bool), _ b: PlacedItem, slack: Float = 0) -> Bool {
        guard b.host == nil, !b.isFloorCovering else { return false }
        let clearance = (a.blocksWalking && b.blocksWalking ? Self.clearance : 0.02) - slack
        return a.footprint.conflicts(with: b.footprint, clearance: clearance) && a.bottom < b.top + 0.02 - slack && b.bottom < a.top + 0.02 - slack
    }

    private mutating func againstWall(_ wall: Archetype.Wall, width: Float, depth: Float) -> Candidate? {
        let along: (Float, Float)
        switch wall {
        case .back, .front: along = (room.minX + width / 2, room.maxX - width / 2)
        case .left, .right: along = (room.minZ + width / 2, room.maxZ - width / 2)
        }
        guard along.0 <= along.1 else { return nil }
        let c = random.nextFloat(in: along.0...along.1)
        switch wall {
        case .back: return Candidate(x: c, z: room.minZ + depth / 2, yaw: 0, footprint: Footprint(centerX: c, z: room.minZ + depth / 2, width: width, depth: depth, quarterTurns: 0))
        case .front: return Candidate(x: c, z: room.maxZ - depth / 2, yaw: .pi, footprint: Footprint(centerX: c, z: room.maxZ - depth / 2, width: width, depth: depth, quarterTurns: 2))
        case .left: return Candidate(x: room.minX + depth / 2, z: c, yaw: .pi / 2, footprint: Footprint(centerX: room.minX + depth / 2, z: c, width: width, depth: depth, quarterTurns: 1))
        case .right: return Candidate(x: room.maxX - depth / 2, z: c, yaw: -.pi / 2, footprint: Footprint(centerX: room.maxX - depth / 2, z: c, width: width, depth: depth, quarterTurns: 3))
        }
    }

    /// The inward normal of a wall.
    private func inward(_ wall: Archetype.Wall) -> (Float, Float) {
        switch wall {
        case .back: return (0, 1)
        case .front: return (0, -1)
        case .left: return (1, 0)
        case .right: return (-1, 0)
        }
    }

    private mutating func candidate(for rule: Archetype.PropRule, prop: CompositeProp) -> Candidate? {
        let (w, d) = (prop.width, prop.depth)
        switch rule.placement {
        case .againstWall:
            let wall = rule.wall ?? random.pick([.back, .left, .right])!
            return againstWall(wall, width: w, depth: d)
        case .corner:
            let sx: Float = random.nextUnitFloat() < 0.5 ? -1 : 1
            let sz: Float = random.nextUnitFloat() < 0.5 ? -1 : 1
            let turns = random.nextUnitFloat() < 0.5 ? (sz < 0 ? 0 : 2) : (sx < 0 ? 1 : 3)
            let rect = Footprint(centerX: 0, z: 0, width: w, depth: d, quarterTurns: turns)
            let x = sx < 0 ? room.minX + rect.width / 2 : room.maxX - rect.width / 2
            let z = sz < 0 ? room.minZ + rect.depth / 2 : room.maxZ - rect.depth / 2
            return Candidate(x: x, z: z, yaw: yaw(quarterTurns: turns), footprint: Footprint(centerX: x, z: z, width: w, depth: d, quarterTurns: turns))
        case .center:
            let turns = random.nextInt(in: 0..<4)
            let rect = Footprint(centerX: 0, z: 0, width: w, depth: d, quarterTurns: turns)
            let margin: Float = 1.1
            let xs = (room.minX + margin + rect.width / 2, room.maxX - margin - rect.width / 2)
            let zs = (room.minZ + margin + rect.depth / 2, room.maxZ - margin - rect.depth / 2)
            guard xs.0 <= xs.1, zs.0 <= zs.1 else { return nil }
            let x = random.nextFloat(in: xs.0...xs.1), z = random.nextFloat(in: zs.0...zs.1)
            return Candidate(x: x, z: z, yaw: yaw(quarterTurns: turns), footprint: Footprint(centerX: x, z: z, width: w, depth: d, quarterTurns: turns))
        case .perimeter:
            let wall = random.pick(Archetype.Wall.allCases)!
            guard var spot = againstWall(wall, width: max(w, d), depth: max(w, d)) else { return nil }
            let (nx, nz) = inward(wall)
            let inset = random.nextFloat(in: 0...0.4)
            spot.x += nx * inset
            spot.z += nz * inset
            spot.footprint = Footprint(centerX: spot.x, z: spot.z, width: w, depth: d, quarterTurns: 0)
            spot.yaw = 0
            return spot
        case .onSurface:
            guard let host = random.pick(instances(of: rule.surfaceOf!)), let hostProp = host.prop, let surface = hostProp.surfaceHeight else { return nil }
            // The top, or one of the shelf boards below it when the item fits under the next.
            let levels = ((hostProp.shelves ?? []) + [surface]).sorted()
            let level = random.nextInt(in: 0..<levels.count)
            if level + 1 < levels.count, extent(of: prop).top > levels[level + 1] - levels[level] - 0.02 { return nil }
            guard let local = hostProp.surfaceRect(atHeight: levels[level]) else { return nil }
            let turns = Int((host.yaw / (.pi / 2)).rounded()) & 3
            let top = Self.place(local, turns: turns, x: host.x, z: host.z)
            let rect = Footprint(centerX: 0, z: 0, width: w, depth: d, quarterTurns: turns)
            guard rect.width <= top.width - 0.04, rect.depth <= top.depth - 0.04 else { return nil }
            let x = random.nextFloat(in: (top.minX + rect.width / 2 + 0.02)...(top.maxX - rect.width / 2 - 0.02))
            let z = random.nextFloat(in: (top.minZ + rect.depth / 2 + 0.02)...(top.maxZ - rect.depth / 2 - 0.02))
            var candidate = Candidate(x: x, z: z, y: host.y + levels[level], yaw: host.yaw, footprint: Footprint(centerX: x, z: z, width: w, depth: d, quarterTurns: turns), host: host.id)
            candidate.surface = top
            return candidate
        case .facing, .around, .nextTo:
            guard let anchor = random.pick(instances(of: rule.anchor!)) else { return nil }
            let turns = Int((anchor.yaw / (.pi / 2)).rounded()) & 3
            // The anchor's front direction and its lateral axis.
            let front = (sin(anchor.yaw), cos(anchor.yaw))
            let side = (front.1, -front.0)
            let a = anchor.footprint
            let anchorWidth = turns % 2 == 0 ? a.width : a.depth
            let anchorDepth = turns % 2 == 0 ? a.depth : a.width
            var x = anchor.x, z = anchor.z, itemTurns = turns
            switch rule.placement {
            case .facing:
                let distance = anchorDepth / 2 + d / 2 + 0.35
                let lateral = random.nextFloat(in: -max(0, anchorWidth / 2 - w / 2)...max(0, anchorWidth / 2 - w / 2))
                x += front.0 * distance + side.0 * lateral
                z += front.1 * distance + side.1 * lateral
                itemTurns = (turns + 2) & 3
            case .around:
                let sideIndex = random.nextInt(in: 0..<4)
                let direction = [(front.0, front.1), (side.0, side.1), (-front.0, -front.1), (-side.0, -side.1)][sideIndex]
                let half = sideIndex % 2 == 0 ? anchorDepth / 2 : anchorWidth / 2
                let distance = half + d / 2 + 0.25
                x += direction.0 * distance
                z += direction.1 * distance
                // Face the anchor: the item's front points back along −direction.
                itemTurns = quarterTurns(facing: (-direction.0, -direction.1))
            default:  // nextTo
                let sign: Float = random.nextUnitFloat() < 0.5 ? -1 : 1
                let distance = anchorWidth / 2 + w / 2 + 0.3
                // Beside the anchor, back edges aligned (both stand against the same wall).
                x += side.0 * distance * sign + front.0 * (d - anchorDepth) / 2
                z += side.1 * distance * sign + front.1 * (d - anchorDepth) / 2
            }
            return Candidate(x: x, z: z, yaw: yaw(quarterTurns: itemTurns), footprint: Footprint(centerX: x, z: z, width: w, depth: d, quarterTurns: itemTurns))
        }
    }

    private func quarterTurns(facing direction: (Float, Float)) -> Int {
        let angle = atan2(direction.0, direction.1)
        return Int((angle / (.pi / 2)).rounded()) & 3
    }

    // MARK: Acceptance

    private func acceptable(_ candidate: Candidate, blocksWalking: Bool, mounted: Bool, flat: Bool = false) -> Bool {
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

    private mutating func accept(_ candidate: Candidate, id: String, kind: PlacedItem.Kind, prop: CompositeProp?, blocksWalking: Bool) -> PlacedItem {
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
