/// Walking distances through a museum: between any two exhibits, the entrance and the exit,
/// along paths that stay inside rooms and pass from room to room only through doors (never
/// through walls). A step-free graph leaves out stairs.
///
/// Nodes: the exhibits (in plan order), then the entrance, the exit, then the doors. Within a
/// room, every pair of its nodes is joined by the shortest path inside the room's polygon
/// (straight when the room allows, else around its corners). Stairs add the equivalent of
/// ``stairsPenalty`` metres, lifts ``liftPenalty`` (the wait).
public struct WalkingGraph: Sendable {
    public static let stairsPenalty = 20.0
    public static let liftPenalty = 30.0

    /// One step: where it goes, how far, and the polyline walked (on `floor`).
    struct Edge: Sendable {
        var to: Int
        var metres: Double
        var polyline: [PlanPoint]
        var floor: Int
    }

    public let museum: Museum
    public let stepFree: Bool
    /// Every node's position and floor.
    let positions: [(point: PlanPoint, floor: Int)]
    let edges: [[Edge]]

    public var entrance: Int { museum.exhibits.count }
    public var exit: Int { museum.exhibits.count + 1 }
    /// The number of exhibits plus the entrance and exit: the points tours are planned over.
    public var pointCount: Int { museum.exhibits.count + 2 }
    func doorNode(_ index: Int) -> Int { pointCount + index }

    public init(museum: Museum, stepFree: Bool) {
        self.museum = museum
        self.stepFree = stepFree
        var positions: [(point: PlanPoint, floor: Int)] = museum.exhibits.map { ($0.point, museum.floor(of: $0.room)) }
        positions.append((museum.entrance.point, museum.floor(of: museum.entrance.room)))
        positions.append((museum.exit.point, museum.floor(of: museum.exit.room)))
        positions += museum.doors.map { ($0.point, museum.floor(of: $0.rooms.first ?? "")) }
        self.positions = positions

        // The nodes in each room.
        var members: [String: [Int]] = [:]
        for (index, exhibit) in museum.exhibits.enumerated() { members[exhibit.room, default: []].append(index) }
        members[museum.entrance.room, default: []].append(museum.exhibits.count)
        members[museum.exit.room, default: []].append(museum.exhibits.count + 1)
        let firstDoor = museum.exhibits.count + 2
        for (index, door) in museum.doors.enumerated() where !stepFree || door.stepFree {
            for room in door.rooms { members[room, default: []].append(firstDoor + index) }
        }

        var edges = [[Edge]](repeating: [], count: positions.count)
        for room in museum.rooms {
            guard let nodes = members[room.id], nodes.count > 1 else { continue }
            let outline = room.points
            let paths = Self.pathsInside(outline, between: nodes.map { node in
                // A door's own point sits on the wall; walk from just inside it.
                node >= firstDoor ? Self.nudge(positions[node].point, into: outline) : positions[node].point
            })
            for (i, from) in nodes.enumerated() {
                for (j, to) in nodes.enumerated() where i != j {
                    guard let path = paths[i][j] else { continue }
                    var metres = path.metres
                    for node in [from, to] where node >= firstDoor {
                        let door = museum.doors[node - firstDoor]
                        if door.kind == .stairs { metres += Self.stairsPenalty / 2 }
                        if door.kind == .lift { metres += Self.liftPenalty / 2 }
                    }
                    edges[from].append(Edge(to: to, metres: metres, polyline: path.polyline, floor: room.floor))
                }
            }
        }
        self.edges = edges
    }

    /// A point 5 cm inside the polygon from `p` (doors lie on walls).
    static func nudge(_ p: PlanPoint, into outline: [PlanPoint]) -> PlanPoint {
        if PlanGeometry.contains(outline, p, boundary: false) { return p }
        let centre = PlanGeometry.centroid(outline)
        let towards = centre - p
        let length = max(1e-9, (towards.x * towards.x + towards.z * towards.z).squareRoot())
        for step in [0.05, 0.15, 0.3] {
            let candidate = p + towards * (step / length)
            if PlanGeometry.contains(outline, candidate, boundary: false) { return candidate }
        }
        return p
    }

    /// Shortest paths inside a polygon between the given points, through its corners when a
    /// straight line would leave the room.
    static func pathsInside(_ outline: [PlanPoint], between points: [PlanPoint]) -> [[(metres: Double, polyline: [PlanPoint])?]] {
        let all = points + outline
        let n = all.count
        var visible = [[Double]](repeating: [Double](repeating: .infinity, count: n), count: n)
        for i in 0..<n {
            visible[i][i] = 0
            for j in (i + 1)..<n where PlanGeometry.segmentInside(outline, all[i], all[j]) {
                let d = all[i].distance(to: all[j])
                visible[i][j] = d
                visible[j][i] = d
            }
        }
        var result: [[(metres: Double, polyline: [PlanPoint])?]] = Array(repeating: Array(repeating: nil, count: points.count), count: points.count)
        for source in points.indices {
            // Dijkstra on the visibility graph (small: points plus corners).
            var distance = [Double](repeating: .infinity, count: n), previous = [Int](repeating: -1, count: n), done = [Bool](repeating: false, count: n)
            distance[source] = 0
            for _ in 0..<n {
                var u = -1
                for v in 0..<n where !done[v] && distance[v] < .infinity && (u < 0 || distance[v] < distance[u]) { u = v }
                guard u >= 0 else { break }
                done[u] = true
                for v in 0..<n where visible[u][v] < .infinity && distance[u] + visible[u][v] < distance[v] - 1e-12 {
                    // Paths may turn at corners, not pass through other exhibits or doors.
                    if u != source && u < points.count { continue }
                    distance[v] = distance[u] + visible[u][v]
                    previous[v] = u
                }
            }
            for target in points.indices where target != source && distance[target] < .infinity {
                var polyline = [all[target]]
                var node = target
                while previous[node] >= 0 {
                    node = previous[node]
                    polyline.append(all[node])
                }
                result[source][target] = (distance[target], polyline.reversed())
            }
        }
        return result
    }

    /// Dijkstra from `source` over the whole graph: metres to every node.
    public func distances(from source: Int) -> [Double] { dijkstra(from: source).distance }

    func dijkstra(from source: Int) -> (distance: [Double], previous: [Int]) {
        let n = positions.count
        var distance = [Double](repeating: .infinity, count: n), previous = [Int](repeating: -1, count: n)
        var heap = MinHeap()
        distance[source] = 0
        heap.push(0, source)
        while let (d, u) = heap.pop() {
            guard d <= distance[u] else { continue }
            // Only doors pass a walk on; exhibits, the entrance and the exit are ends.
            if u != source && u < pointCount { continue }
            for edge in edges[u] where d + edge.metres < distance[edge.to] - 1e-12 {
                distance[edge.to] = d + edge.metres
                previous[edge.to] = u
                heap.push(distance[edge.to], edge.to)
            }
        }
        return (distance, previous)
    }

    /// Metres between every pair of points (exhibits, entrance, exit), row-major.
    public func pointDistances() -> [Double] {
        var matrix = [Double](repeating: .infinity, count: pointCount * pointCount)
        for source in 0..<pointCount {
            let distance = distances(from: source)
            for target in 0..<pointCount { matrix[source * pointCount + target] = distance[target] }
        }
        return matrix
    }

    /// The walk from one point to another: the doors passed and the line walked on each floor.
    public func walk(from source: Int, to target: Int) -> Walk? {
        let (distance, previous) = dijkstra(from: source)
        guard distance[target] < .infinity else { return nil }
        var nodes = [target]
        while let last = nodes.last, last != source {
            nodes.append(previous[last])
        }
        nodes.reverse()
        var legs: [Walk.Leg] = []
        for (from, to) in zip(nodes, nodes.dropFirst()) {
            guard let edge = edges[from].first(where: { $0.to == to }) else { continue }
            legs.append(Walk.Leg(floor: edge.floor, points: edge.polyline))
        }
        let doors = nodes.filter { $0 >= pointCount }.map { museum.doors[$0 - pointCount] }
        return Walk(metres: distance[target], doors: doors, legs: legs)
    }
}

/// A walk between two points of a museum.
public struct Walk: Sendable {
    /// A stretch inside one room.
    public struct Leg: Sendable {
        public var floor: Int
        public var points: [PlanPoint]
    }

    public var metres: Double
    /// The doors passed through, in order.
    public var doors: [Door]
    public var legs: [Leg]
}

/// A binary heap of (priority, node), smallest first.
struct MinHeap {
    private var items: [(Double, Int)] = []

    mutating func push(_ priority: Double, _ node: Int) {
        items.append((priority, node))
        var child = items.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard items[child].0 < items[parent].0 else { break }
            items.swapAt(child, parent)
            child = parent
        }
    }

    mutating func pop() -> (Double, Int)? {
        guard !items.isEmpty else { return nil }
        let top = items[0]
        let last = items.removeLast()
        if !items.isEmpty {
            items[0] = last
            var parent = 0
            while true {
                let left = parent * 2 + 1, right = left + 1
                var smallest = parent
                if left < items.count, items[left].0 < items[smallest].0 { smallest = left }
                if right < items.count, items[right].0 < items[smallest].0 { smallest = right }
                if smallest == parent { break }
                items.swapAt(parent, smallest)
                parent = smallest
            }
        }
        return top
    }
}
