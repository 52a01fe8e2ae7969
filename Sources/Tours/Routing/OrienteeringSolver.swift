import Determinism
import Foundation

/// Solves ``OrienteeringProblem``s by iterated local search: a greedy, ratio-driven insertion
/// fills the route; 2-opt, Or-opt and score-raising swaps improve it; each iteration then
/// removes a random stretch of the route and rebuilds it with a randomised insertion (GRASP),
/// keeping the best route found. Deterministic for a seed and an iteration count; the optional
/// time limit is a safety cap (when it binds, the result depends on the machine).
///
/// Costs are assumed symmetric (2-opt reverses stretches of the route).
public enum OrienteeringSolver {
    public struct Options: Sendable {
        public var seed: UInt64
        public var iterations: Int
        public var timeLimit: Duration?

        public init(seed: UInt64 = 1, iterations: Int = 1000, timeLimit: Duration? = nil) {
            self.seed = seed
            self.iterations = iterations
            self.timeLimit = timeLimit
        }
    }

    public static func solve(_ problem: OrienteeringProblem, options: Options = Options()) throws(OrienteeringError) -> OrienteeringSolution {
        for point in problem.required where point < 0 || point >= problem.count || problem.forbidden.contains(point) {
            throw .contradictory("point \(point) is both required and excluded (or does not exist)")
        }
        let direct = problem.cost(problem.start, problem.end) + problem.service[problem.start] + (problem.start == problem.end ? 0 : problem.service[problem.end])
        if direct > problem.budget + OrienteeringProblem.tolerance { throw .startToEndOverBudget(needed: direct, budget: problem.budget) }

        var search = Search(problem: problem, random: SeededRandom(seed: options.seed))
        try search.seedRequired()
        search.improve(randomised: false)
        var best = search.state
        var current = search.state
        let clock = ContinuousClock()
        let started = clock.now
        var sinceImprovement = 0
        for iteration in 0..<options.iterations {
            if let limit = options.timeLimit, iteration % 8 == 0, clock.now - started > limit { break }
            search.state = current
            search.perturb(strength: sinceImprovement > 40 ? 2 : 1)
            search.improve(randomised: true)
            let candidate = search.state
            if candidate.isBetter(than: best) {
                best = candidate
                sinceImprovement = 0
            } else {
                sinceImprovement += 1
            }
            if candidate.isBetter(than: current) || candidate.score >= current.score - 1e-9 {
                current = candidate
            }
            if sinceImprovement > 0, sinceImprovement % 100 == 0 { current = best }
        }
        return OrienteeringSolution(route: best.route, score: best.score, length: best.length)
    }
}

/// A route under construction: the points in order, which are in it, its score and length.
struct RouteState {
    var route: [Int]
    var inRoute: [Bool]
    var score: Double
    var length: Double

    func isBetter(than other: RouteState) -> Bool {
        score > other.score + 1e-9 || (abs(score - other.score) <= 1e-9 && length < other.length - 1e-9)
    }
}

/// The moves of the local search.
struct Search {
    let problem: OrienteeringProblem
    var random: SeededRandom
    var state: RouteState
    /// Points that may be added: allowed and worth something.
    let candidates: [Int]

    init(problem: OrienteeringProblem, random: SeededRandom) {
        self.problem = problem
        self.random = random
        var inRoute = [Bool](repeating: false, count: problem.count)
        inRoute[problem.start] = true
        inRoute[problem.end] = true
        let route = problem.start == problem.end ? [problem.start, problem.end] : [problem.start, problem.end]
        state = RouteState(route: route, inRoute: inRoute, score: 0, length: problem.length(of: route))
        candidates = (0..<problem.count).filter { $0 != problem.start && $0 != problem.end && !problem.forbidden.contains($0) && problem.scores[$0] > 0 }
    }

    var budget: Double { problem.budget + OrienteeringProblem.tolerance }

    /// Puts every required point in by cheapest insertion, then shortens; throws when over budget.
    mutating func seedRequired() throws(OrienteeringError) {
        for point in problem.required.sorted() where !state.inRoute[point] {
            let (position, delta) = bestInsertion(of: point)
            insert(point, at: position, delta: delta)
        }
        twoOpt()
        orOpt()
        if state.length > budget { throw .requiredOverBudget(needed: state.length, budget: problem.budget) }
    }

    /// Local search to a local optimum: shorten, fill, swap, until nothing improves.
    mutating func improve(randomised: Bool) {
        var rounds = 0
        while rounds < 50 {
            rounds += 1
            let before = state
            twoOpt()
            orOpt()
            fill(choices: randomised && rounds == 1 ? 3 : 1)
            swapIn()
            if !state.isBetter(than: before) { break }
        }
    }

    // MARK: - Insertion

    @inline(__always) func insertionDelta(_ point: Int, after index: Int) -> Double {
        let a = state.route[index], b = state.route[index + 1]
        return problem.cost(a, point) + problem.cost(point, b) - problem.cost(a, b) + problem.service[point]
    }

    func bestInsertion(of point: Int) -> (position: Int, delta: Double) {
        var best = (position: 1, delta: Double.infinity)
        for index in 0..<(state.route.count - 1) {
            let delta = insertionDelta(point, after: index)
            if delta < best.delta { best = (index + 1, delta) }
        }
        return best
    }

    mutating func insert(_ point: Int, at position: Int, delta: Double) {
        state.route.insert(point, at: position)
        state.inRoute[point] = true
        state.score += problem.scores[point]
        state.length += delta
    }

    mutating func remove(at position: Int) {
        let point = state.route[position]
        let a = state.route[position - 1], b = state.route[position + 1]
        state.length -= problem.cost(a, point) + problem.cost(point, b) - problem.cost(a, b) + problem.service[point]
        state.route.remove(at: position)
        state.inRoute[point] = false
        state.score -= problem.scores[point]
    }

    /// Adds points while they fit, best score-per-cost first; with `choices` > 1 picks at random
    /// among that many best (the randomised construction of GRASP).
    mutating func fill(choices: Int) {
        while true {
            var options: [(ratio: Double, point: Int, position: Int, delta: Double)] = []
            for point in candidates where !state.inRoute[point] {
                let (position, delta) = bestInsertion(of: point)
                guard state.length + delta <= budget else { continue }
                let ratio = problem.scores[point] / max(delta, 1e-9)
                if options.count < choices {
                    options.append((ratio, point, position, delta))
                    options.sort { $0.ratio > $1.ratio }
                } else if ratio > options[options.count - 1].ratio {
                    options[options.count - 1] = (ratio, point, position, delta)
                    options.sort { $0.ratio > $1.ratio }
                }
            }
            guard !options.isEmpty else { return }
            let pick = options.count == 1 ? options[0] : options[random.nextInt(in: 0..<options.count)]
            insert(pick.point, at: pick.position, delta: pick.delta)
        }
    }

    /// Replaces a visited point with a more valuable unvisited one when the route still fits.
    /// For each unvisited point, its three cheapest insertion edges are found once; removing a
    /// visited point only invalidates the edges next to it, so one of the three (or the edge
    /// the removal creates) is the best insertion in the shortened route.
    mutating func swapIn() {
        var improved = true
        while improved {
            improved = false
            let route = state.route
            let n = route.count
            guard n > 2 else { return }
            search: for point in candidates where !state.inRoute[point] {
                // The three cheapest edges (index i means between route[i] and route[i + 1]).
                var best: [(delta: Double, edge: Int)] = []
                for edge in 0..<(n - 1) {
                    let delta = insertionDelta(point, after: edge)
                    if best.count < 3 {
                        best.append((delta, edge))
                        best.sort { $0.delta < $1.delta }
                    } else if delta < best[2].delta {
                        best[2] = (delta, edge)
                        best.sort { $0.delta < $1.delta }
                    }
                }
                for position in 1..<(n - 1) {
                    let old = route[position]
                    guard !problem.required.contains(old), problem.scores[old] < problem.scores[point] else { continue }
                    let a = route[position - 1], b = route[position + 1]
                    let removal = problem.cost(a, old) + problem.cost(old, b) - problem.cost(a, b) + problem.service[old]
                    // Insert on the edge the removal creates, or on an untouched cheap edge.
                    var insertion = problem.cost(a, point) + problem.cost(point, b) - problem.cost(a, b) + problem.service[point]
                    var edge = position - 1
                    for candidate in best where candidate.edge != position - 1 && candidate.edge != position {
                        if candidate.delta < insertion { insertion = candidate.delta; edge = candidate.edge }
                        break
                    }
                    guard state.length - removal + insertion <= budget else { continue }
                    remove(at: position)
                    // Edge indices after the removed point shift down by one.
                    let slot = edge == position - 1 ? position : (edge < position ? edge + 1 : edge)
                    let delta = insertionDelta(point, after: slot - 1)
                    insert(point, at: slot, delta: delta)
                    improved = true
                    break search
                }
            }
        }
    }

    // MARK: - Shortening

    /// 2-opt: reverse a stretch when that shortens the route.
    mutating func twoOpt() {
        var improved = true
        while improved {
            improved = false
            let n = state.route.count
            guard n >= 4 else { return }
            for i in 0..<(n - 3) {
                for j in (i + 2)..<(n - 1) {
                    let r = state.route
                    let delta = problem.cost(r[i], r[j]) + problem.cost(r[i + 1], r[j + 1]) - problem.cost(r[i], r[i + 1]) - problem.cost(r[j], r[j + 1])
                    if delta < -1e-10 {
                        state.route[(i + 1)...j].reverse()
                        state.length += delta
                        improved = true
                    }
                }
            }
        }
    }

    /// Or-opt: move a stretch of 1–3 points elsewhere (either way round) when that shortens the
    /// route. Gains are computed in place; the route is rebuilt only for a move that is made.
    mutating func orOpt() {
        var improved = true
        while improved {
            improved = false
            let route = state.route
            let n = route.count
            outer: for size in 1...3 {
                guard n - 2 >= size else { break }
                for first in 1...(n - 1 - size) {
                    let last = first + size - 1
                    let before = route[first - 1], after = route[last + 1], head = route[first], tail = route[last]
                    let removal = problem.cost(before, head) + problem.cost(tail, after) - problem.cost(before, after)
                    // Edges (route[k], route[k + 1]) outside the stretch and not touching it.
                    for k in 0..<(n - 1) where k < first - 1 || k > last {
                        let x = route[k], y = route[k + 1]
                        let forward = problem.cost(x, head) + problem.cost(tail, y) - problem.cost(x, y)
                        let backward = problem.cost(x, tail) + problem.cost(head, y) - problem.cost(x, y)
                        let added = min(forward, backward)
                        guard added - removal < -1e-10 else { continue }
                        var segment = Array(route[first...last])
                        if backward < forward { segment.reverse() }
                        var rest = route
                        rest.removeSubrange(first...last)
                        let at = k < first ? k + 1 : k + 1 - size
                        rest.insert(contentsOf: segment, at: at)
                        state.route = rest
                        state.length += added - removal
                        improved = true
                        break outer
                    }
                }
            }
        }
    }

    // MARK: - Perturbation

    /// Removes a random stretch of non-required points (longer with higher `strength`).
    mutating func perturb(strength: Int) {
        let inner = state.route.count - 2
        guard inner > 0 else { return }
        let maximum = max(1, min(inner, (inner / 4 + 1) * strength))
        let size = random.nextInt(in: 1..<(maximum + 1))
        let first = random.nextInt(in: 1..<(inner - size + 2))
        var position = first + size - 1
        while position >= first {
            if !problem.required.contains(state.route[position]) { remove(at: position) }
            position -= 1
        }
    }
}
