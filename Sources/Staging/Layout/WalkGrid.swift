/// A grid over the floor marking where the centre of a walking agent of radius
/// ``agentRadius`` can be, and which cells it can reach from the spawn point.
struct WalkGrid {
    static let cell: Float = 0.125
    static let agentRadius: Float = 0.35

    let room: Footprint
    let columns: Int
    let rows: Int
    private(set) var blocked: [Bool]

    init(room: Footprint) {
        self.room = room
        columns = Int((room.width / Self.cell).rounded(.up))
        rows = Int((room.depth / Self.cell).rounded(.up))
        blocked = Array(repeating: false, count: columns * rows)
        // Walls: the agent's centre stays a radius away from the boundary.
        for row in 0..<rows {
            for column in 0..<columns {
                let (x, z) = center(column, row)
                if x - room.minX < Self.agentRadius || room.maxX - x < Self.agentRadius || z - room.minZ < Self.agentRadius || room.maxZ - z < Self.agentRadius {
                    blocked[row * columns + column] = true
                }
            }
        }
    }

    func center(_ column: Int, _ row: Int) -> (Float, Float) {
        (room.minX + (Float(column) + 0.5) * Self.cell, room.minZ + (Float(row) + 0.5) * Self.cell)
    }

    func index(x: Float, z: Float) -> Int? {
        let column = Int(((x - room.minX) / Self.cell).rounded(.down))
        let row = Int(((z - room.minZ) / Self.cell).rounded(.down))
        guard (0..<columns).contains(column), (0..<rows).contains(row) else { return nil }
        return row * columns + column
    }

    /// The cells whose centres an obstacle keeps the agent out of.
    private func cells(of obstacle: Footprint) -> (columns: ClosedRange<Int>, rows: ClosedRange<Int>)? {
        let grown = obstacle.expanded(by: Self.agentRadius)
        let c0 = max(0, Int(((grown.minX - room.minX) / Self.cell - 0.5).rounded(.up)))
        let c1 = min(columns - 1, Int(((grown.maxX - room.minX) / Self.cell - 0.5).rounded(.down)))
        let r0 = max(0, Int(((grown.minZ - room.minZ) / Self.cell - 0.5).rounded(.up)))
        let r1 = min(rows - 1, Int(((grown.maxZ - room.minZ) / Self.cell - 0.5).rounded(.down)))
        guard c0 <= c1, r0 <= r1 else { return nil }
        return (c0...c1, r0...r1)
    }

    private func isInside(_ index: Int, _ obstacle: Footprint) -> Bool {
        let (x, z) = center(index % columns, index / columns)
        return obstacle.distance(x: x, z: z) < Self.agentRadius
    }

    mutating func block(_ obstacle: Footprint) {
        guard let area = cells(of: obstacle) else { return }
        for row in area.rows {
            for column in area.columns where isInside(row * columns + column, obstacle) { blocked[row * columns + column] = true }
        }
    }

    /// Which of `targets` (grid indices; nil means off the grid) are reachable from `start`,
    /// treating `extra` as one more obstacle.
    func reachable(from start: (x: Float, z: Float), targets: [Int?], extra: Footprint? = nil) -> [Bool] {
        var wall = blocked
        if let extra, let area = cells(of: extra) {
            for row in area.rows {
                for column in area.columns where isInside(row * columns + column, extra) { wall[row * columns + column] = true }
            }
        }
        guard let origin = index(x: start.x, z: start.z), !wall[origin] else { return targets.map { _ in false } }
        var seen = [Bool](repeating: false, count: wall.count)
        var queue = [origin]
        queue.reserveCapacity(wall.count)
        seen[origin] = true
        var head = 0
        while head < queue.count {
            let current = queue[head]
            head += 1
            let column = current % columns, row = current / columns
            if column > 0, !seen[current - 1], !wall[current - 1] { seen[current - 1] = true; queue.append(current - 1) }
            if column < columns - 1, !seen[current + 1], !wall[current + 1] { seen[current + 1] = true; queue.append(current + 1) }
            if row > 0, !seen[current - columns], !wall[current - columns] { seen[current - columns] = true; queue.append(current - columns) }
            if row < rows - 1, !seen[current + columns], !wall[current + columns] { seen[current + columns] = true; queue.append(current + columns) }
        }
        return targets.map { target in target.map { seen[$0] } ?? false }
    }
}
