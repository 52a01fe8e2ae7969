// The orienteering planner on random instances: median time per instance of the default
// (short) run, and its mean score relative to a long run of the same planner.
//
//   OrienteeringBenchmark [--instances 100] [--iterations N] [--long-seconds 60] [--threads 2]
//
// Instances: 30–100 points uniform in a 100 × 100 square, integer scores 1–100, start and end
// two of the points (score 0), budget 20–80 % of the length of a short path from the start
// through every point to the end (nearest neighbour + 2-opt). Long runs are cached in
// Benchmarks/results/op-long-<seconds>s.json, keyed by instance, so the short run can be
// re-measured without repeating them. Prints one JSON line.
import BenchmarkSupport
import Determinism
import Foundation
import Tours

struct Instance {
    var problem: OrienteeringProblem
    var label: String
}

func makeInstances(_ count: Int) -> [Instance] {
    var random = SeededRandom(seed: 20261129)
    return (0..<count).map { index in
        let n = random.nextInt(in: 30..<101)
        let points = (0..<n).map { _ in (x: Double(random.nextUnitFloat()) * 100, y: Double(random.nextUnitFloat()) * 100) }
        var scores = (0..<n).map { _ in Double(random.nextInt(in: 1..<101)) }
        scores[0] = 0
        scores[1] = 0
        let costs = OrienteeringProblem.euclidean(points)
        let full = pathThroughAll(n: n, costs: costs)
        let fraction = 0.2 + 0.6 * Double(random.nextUnitFloat())
        return Instance(
            problem: OrienteeringProblem(scores: scores, costs: costs, budget: full * fraction, start: 0, end: 1),
            label: "i\(index)-n\(n)-b\(Int(fraction * 100))")
    }
}

/// Nearest-neighbour path 0 → … → 1 through every point, improved by 2-opt.
func pathThroughAll(n: Int, costs: [Double]) -> Double {
    var path = [0]
    var left = Set(2..<n)
    while let next = left.min(by: { costs[path.last! * n + $0] < costs[path.last! * n + $1] }) {
        path.append(next)
        left.remove(next)
    }
    path.append(1)
    var improved = true
    while improved {
        improved = false
        for i in 0..<(path.count - 3) {
            for j in (i + 2)..<(path.count - 1) {
                let delta = costs[path[i] * n + path[j]] + costs[path[i + 1] * n + path[j + 1]] - costs[path[i] * n + path[i + 1]] - costs[path[j] * n + path[j + 1]]
                if delta < -1e-9 {
                    path[(i + 1)...j].reverse()
                    improved = true
                }
            }
        }
    }
    return zip(path, path.dropFirst()).reduce(0) { $0 + costs[$1.0 * n + $1.1] }
}

let count = argument("instances", 100)
let iterations = argument("iterations", OrienteeringSolver.Options().iterations)
let longSeconds = argument("long-seconds", 60)
let threads = argument("threads", 2)
let instances = makeInstances(count)

// Long runs (cached).
let cacheURL = repositoryRoot.appendingPathComponent("Benchmarks/results/op-long-\(longSeconds)s.json")
try? FileManager.default.createDirectory(at: cacheURL.deletingLastPathComponent(), withIntermediateDirectories: true)
var long = (try? JSONDecoder().decode([String: Double].self, from: Data(contentsOf: cacheURL))) ?? [:]
let missing = instances.filter { long[$0.label] == nil }
if !missing.isEmpty {
    FileHandle.standardError.write(Data("long runs: \(missing.count) instances × \(longSeconds) s on \(threads) threads\n".utf8))
    var scores = [Double](repeating: 0, count: missing.count)
    scores.withUnsafeMutableBufferPointer { buffer in
        // Each chunk writes only its own instance's slot.
        let results = SharedBuffer(buffer)
        Parallel.forEachChunk(count: missing.count, chunkSize: 1, threads: threads) { range in
            for index in range {
                let solution = try? OrienteeringSolver.solve(
                    missing[index].problem, options: .init(seed: 1, iterations: Int.max, timeLimit: .seconds(longSeconds)))
                results[index] = solution?.score ?? 0
            }
        }
    }
    for (index, instance) in missing.enumerated() { long[instance.label] = scores[index] }
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
    try encoder.encode(long).write(to: cacheURL)
}

// Short runs, one at a time.
var times: [Double] = []
var ratios: [Double] = []
var atLeastAsGood = 0
for instance in instances {
    var solution: OrienteeringSolution?
    let elapsed = try seconds { solution = try OrienteeringSolver.solve(instance.problem, options: .init(seed: 1, iterations: iterations)) }
    times.append(elapsed * 1000)
    let reference = long[instance.label] ?? 0
    let ratio = reference > 0 ? solution!.score / reference : 1
    ratios.append(ratio)
    if ratio >= 1 - 1e-9 { atLeastAsGood += 1 }
}
let median = times.sorted()[times.count / 2]
let mean = ratios.reduce(0, +) / Double(ratios.count)
print(String(
    format: #"{"instances":%d,"iterations":%d,"medianMs":%.1f,"maxMs":%.1f,"meanScoreVsLongRun":%.4f,"worstScoreVsLongRun":%.4f,"matchedLongRun":%d,"longRunSeconds":%d}"#,
    instances.count, iterations, median, times.max()!, mean, ratios.min()!, atLeastAsGood, longSeconds))
