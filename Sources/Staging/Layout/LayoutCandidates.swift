import Determinism
import Foundation
import SceneGraph

/// Where the solver tries to put things: positions for each placement rule, against walls,
/// on hosts' real surfaces and around anchors, and the clash rule every candidate is held to.
extension LayoutSolver {
    // MARK: Candidates

    struct Candidate {
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

    /// The vertical extent of a prop's geometry in its own frame (measured once at load).
    func extent(of prop: CompositeProp) -> (bottom: Float, top: Float) {
        let bounds = prop.geometryBounds()
        return (bottom: max(bounds?.min.y ?? 0, 0), top: bounds?.max.y ?? prop.height)
    }

    /// Two items that may not share space: footprints closer than the clearance (0.1 m between
    /// two that block walking, 2 cm otherwise) with heights that meet. Items standing on others
    /// and floor coverings never clash with the floor's occupants.
    static func clash(_ a: (footprint: Footprint, bottom: Float, top: Float, blocksWalking: Bool), _ b: PlacedItem, slack: Float = 0) -> Bool {
        guard b.host == nil, !b.isFloorCovering else { return false }
        let clearance = (a.blocksWalking && b.blocksWalking ? Self.clearance : 0.02) - slack
        return a.footprint.conflicts(with: b.footprint, clearance: clearance) && a.bottom < b.top + 0.02 - slack && b.bottom < a.top + 0.02 - slack
    }

    mutating func againstWall(_ wall: Archetype.Wall, width: Float, depth: Float) -> Candidate? {
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
    func inward(_ wall: Archetype.Wall) -> (Float, Float) {
        switch wall {
        case .back: return (0, 1)
        case .front: return (0, -1)
        case .left: return (1, 0)
        case .right: return (-1, 0)
        }
    }

    mutating func candidate(for rule: Archetype.PropRule, prop: CompositeProp) -> Candidate? {
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

    func quarterTurns(facing direction: (Float, Float)) -> Int {
        let angle = atan2(direction.0, direction.1)
        return Int((angle / (.pi / 2)).rounded()) & 3
    }
}
