import Foundation

/// An Orienteering Problem: choose and order points between a fixed start and end to collect
/// the most score, with travel plus the time spent at each point within a budget.
///
/// Costs are a full matrix (asymmetric allowed); `service` is the time spent at a point (a
/// museum exhibit's dwell time), zero for the classic benchmark instances.
public struct OrienteeringProblem: Sendable {
    public var count: Int
    public var start: Int
    public var end: Int
    public var scores: [Double]
    public var service: [Double]
    public var budget: Double
    /// Row-major `count × count` travel costs.
    public var costs: [Double]
    /// Points every route must visit.
    public var required: Set<Int>
    /// Points no route may visit.
    public var forbidden: Set<Int>

    /// Feasibility tolerance, as in the benchmark literature.
    public static let tolerance = 1e-9

    public init(
        scores: [Double], service: [Double]? = nil, costs: [Double], budget: Double, start: Int, end: Int,
        required: Set<Int> = [], forbidden: Set<Int> = []
    ) {
        count = scores.count
        self.scores = scores
        self.service = service ?? [Double](repeating: 0, count: scores.count)
        self.costs = costs
        self.budget = budget
        self.start = start
        self.end = end
        self.required = required
        self.forbidden = forbidden
    }

    @inline(__always) public func cost(_ from: Int, _ to: Int) -> Double { costs[from * count + to] }

    /// Travel plus service time of `route`.
    public func length(of route: [Int]) -> Double {
        guard !route.isEmpty else { return 0 }
        var total = service[route[0]]
        for index in 1..<route.count { total += cost(route[index - 1], route[index]) + service[route[index]] }
        return total
    }

    public func score(of route: [Int]) -> Double { route.reduce(0) { $0 + scores[$1] } - (start == end ? scores[start] : 0) }

    /// Euclidean costs between points (the benchmark convention: plain, unrounded).
    public static func euclidean(_ points: [(x: Double, y: Double)]) -> [Double] {
        let n = points.count
        var costs = [Double](repeating: 0, count: n * n)
        for i in 0..<n {
            for j in 0..<n where i != j {
                let dx = points[i].x - points[j].x, dy = points[i].y - points[j].y
                costs[i * n + j] = (dx * dx + dy * dy).squareRoot()
            }
        }
        return costs
    }
}

/// A route: indices from the start to the end, with its score and length.
public struct OrienteeringSolution: Sendable, Hashable, Codable {
    public var route: [Int]
    public var score: Double
    public var length: Double
}

/// Why a problem has no feasible route.
public enum OrienteeringError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Even the shortest route through the required points is over the budget.
    case requiredOverBudget(needed: Double, budget: Double)
    /// A required point is also forbidden, or out of range.
    case contradictory(String)
    /// Going straight from start to end is over the budget.
    case startToEndOverBudget(needed: Double, budget: Double)

    public var description: String {
        switch self {
        case .requiredOverBudget(let needed, let budget):
            "the required stops need at least \(Self.format(needed)) but the budget is \(Self.format(budget))"
        case .contradictory(let reason): reason
        case .startToEndOverBudget(let needed, let budget):
            "going from the start straight to the end takes \(Self.format(needed)), over the budget of \(Self.format(budget))"
        }
    }

    static func format(_ value: Double) -> String { String(format: "%.1f", value) }
}
