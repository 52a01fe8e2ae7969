import Determinism
import Foundation
import Testing
import Tours

/// The exact optimum by dynamic programming over subsets (n ≤ 12): the brute force the
/// planner is checked against.
enum ExactOrienteering {
    static func optimum(_ problem: OrienteeringProblem) -> Double {
        let inner = (0..<problem.count).filter { $0 != problem.start && $0 != problem.end }
        let m = inner.count
        var best = 0.0
        // length[mask][last]: shortest path from the start through `mask`, ending at inner[last].
        var length = [[Double]](repeating: [Double](repeating: .infinity, count: m), count: 1 << m)
        for (i, point) in inner.enumerated() {
            length[1 << i][i] = problem.cost(problem.start, point) + problem.service[point]
        }
        for mask in 1..<(1 << m) {
            for last in 0..<m where mask & (1 << last) != 0 && length[mask][last] < .infinity {
                let here = length[mask][last]
                if here + problem.cost(inner[last], problem.end) <= problem.budget + OrienteeringProblem.tolerance {
                    let score = (0..<m).filter { mask & (1 << $0) != 0 }.reduce(0.0) { $0 + problem.scores[inner[$1]] }
                    best = max(best, score)
                }
                for next in 0..<m where mask & (1 << next) == 0 {
                    let candidate = here + problem.cost(inner[last], inner[next]) + problem.service[inner[next]]
                    if candidate < length[mask | (1 << next)][next] { length[mask | (1 << next)][next] = candidate }
                }
            }
        }
        return best
    }

    /// A random Euclidean instance with `n` points and a budget between 20 % and 80 % of a
    /// tour through every point.
    static func random(n: Int, random: inout SeededRandom) -> OrienteeringProblem {
        let points = (0..<n).map { _ in (x: Double(random.nextInt(in: 0..<100)), y: Double(random.nextInt(in: 0..<100))) }
        var scores = (0..<n).map { _ in Double(random.nextInt(in: 1..<30)) }
        scores[0] = 0
        scores[1] = 0
        let costs = OrienteeringProblem.euclidean(points)
        var full = 0.0
        for i in 0..<(n - 1) { full += costs[i * n + i + 1] }
        let budget = max(costs[1], full * (0.2 + 0.6 * Double(random.nextUnitFloat())))
        return OrienteeringProblem(scores: scores, costs: costs, budget: budget, start: 0, end: 1)
    }
}

@Suite("Orienteering planner")
struct OrienteeringTests {
    @Test("on 200 random instances of up to 10 points the planner finds the optimum")
    func matchesBruteForce() throws {
        var random = SeededRandom(seed: 2026)
        var optimal = 0
        for index in 0..<200 {
            let problem = ExactOrienteering.random(n: 4 + index % 7, random: &random)
            let solution = try OrienteeringSolver.solve(problem, options: .init(seed: UInt64(index)))
            let best = ExactOrienteering.optimum(problem)
            #expect(abs(solution.score - best) < 1e-9, "instance \(index): planner \(solution.score), optimum \(best)")
            if abs(solution.score - best) < 1e-9 { optimal += 1 }
            #expect(solution.length <= problem.budget + 1e-9)
            #expect(solution.route.first == problem.start && solution.route.last == problem.end)
            #expect(Set(solution.route).count == solution.route.count)
            #expect(abs(problem.length(of: solution.route) - solution.length) < 1e-6)
        }
        print("orienteering: optimum on \(optimal)/200 instances of 4–10 points")
    }

    @Test("required points are kept, forbidden ones avoided, and contradictions explained")
    func requiredAndForbidden() throws {
        var random = SeededRandom(seed: 5)
        var problem = ExactOrienteering.random(n: 12, random: &random)
        problem.budget = 1000
        problem.required = [4]
        problem.forbidden = [5, 6]
        let solution = try OrienteeringSolver.solve(problem)
        #expect(solution.route.contains(4))
        #expect(!solution.route.contains(5) && !solution.route.contains(6))
        problem.budget = problem.cost(0, 1) + 1e-6
        #expect(throws: OrienteeringError.self) { try OrienteeringSolver.solve(problem) }
        problem.budget = 1000
        problem.forbidden = [4]
        #expect(throws: OrienteeringError.self) { try OrienteeringSolver.solve(problem) }
    }

    @Test("the same seed gives the same route")
    func deterministic() throws {
        var random = SeededRandom(seed: 11)
        let problem = ExactOrienteering.random(n: 60, random: &random)
        let a = try OrienteeringSolver.solve(problem, options: .init(seed: 3, iterations: 300))
        let b = try OrienteeringSolver.solve(problem, options: .init(seed: 3, iterations: 300))
        #expect(a == b)
    }
}

@Suite("OP benchmark format")
struct OPFormatTests {
    @Test("parses tabs or spaces, with or without a trailing newline")
    func parses() throws {
        for text in ["15 2\n0 0 0\n10 0 0\n5 1 10", "15\t2\n0\t0\t0\n10\t0\t0\n5.0\t1.5\t10\n", "  15 2 \r\n0 0 0\r\n10 0 0\r\n\n5 1 10\r\n\n"] {
            let (problem, points) = try OPFormat.parse(text)
            #expect(problem.count == 3 && points.count == 3)
            #expect(problem.budget == 15)
            #expect(problem.scores == [0, 0, 10])
            #expect(problem.start == 0 && problem.end == 1)
        }
    }

    @Test("rejects malformed files naming the line")
    func rejects() {
        let cases: [(String, Int)] = [
            ("", 1), ("15\n0 0 0\n1 1 0", 1), ("15 2\n0 0 0\n1 x 0\n", 3), ("15 2\n0 0 0\n1 1\n", 3), ("15 2\n0 0 0\n", 2),
            ("-1 2\n0 0 0\n1 1 0", 1), ("15 2\n0 0 0\n1 1 -4", 3), ("15 2\n0 0 0\n1 1 nan", 3),
        ]
        for (text, line) in cases {
            #expect { try OPFormat.parse(text) } throws: { ($0 as? OPFormat.ParseError)?.line == line }
        }
    }
}
