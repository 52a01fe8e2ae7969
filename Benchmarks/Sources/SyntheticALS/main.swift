import Determinism

// Implicit ALS at scale on a synthetic power-law data set, for comparison with `implicit`.
//
//   SyntheticALS generate DIR [--users 100000 --items 20000 --samples 10000000 --seed 1]
//       samples (user, item) pairs with Zipf exponents 0.6 (users) and 0.9 (items), merges
//       duplicates into counts, and writes rows.i32, cols.i32, vals.f32 and meta.json to DIR
//       (sorted by user then item), so every fitter reads the very same data.
//   SyntheticALS fit DIR [--factors 64 --iterations 5 --threads 2]
//       fits ImplicitALS and prints one JSON line: seconds per iteration (median and each),
//       peak resident memory, and the size of the interaction data.
import BenchmarkSupport
import Foundation
import Recommender

/// Cumulative Zipf weights over ranks 1…n with exponent s.
func zipfCumulative(_ n: Int, _ s: Double) -> [Double] {
    var total = 0.0
    return (1...n).map { rank in total += pow(Double(rank), -s); return total }
}

func sample(_ cumulative: [Double], _ random: inout SeededRandom) -> Int {
    let target = Double(random.next() >> 11) * (1.0 / Double(1 << 53)) * cumulative[cumulative.count - 1]
    var low = 0, high = cumulative.count - 1
    while low < high {
        let mid = (low + high) / 2
        if cumulative[mid] < target { low = mid + 1 } else { high = mid }
    }
    return low
}

func writeArray<T>(_ array: [T], to url: URL) throws {
    try array.withUnsafeBytes { try Data($0).write(to: url) }
}

/// Reads a raw array straight into its final buffer (no mapping, no intermediate copy).
func readArray<T>(_ url: URL, as: T.Type) throws -> [T] {
    let handle = try FileHandle(forReadingFrom: url)
    defer { try? handle.close() }
    let bytes = Int(try handle.seekToEnd())
    try handle.seek(toOffset: 0)
    let count = bytes / MemoryLayout<T>.stride
    return try [T](unsafeUninitializedCapacity: count) { buffer, initialized in
        let raw = UnsafeMutableRawBufferPointer(buffer)
        var offset = 0
        while offset < bytes {
            let got = read(handle.fileDescriptor, raw.baseAddress! + offset, bytes - offset)
            guard got > 0 else { throw CocoaError(.fileReadUnknown) }
            offset += got
        }
        initialized = count
    }
}

func peakResidentMegabytes() -> Double {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
          let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
          let kilobytes = Double(line.split(separator: " ", omittingEmptySubsequences: true)[1]) else { return .nan }
    return kilobytes / 1024
}

let arguments = CommandLine.arguments
guard arguments.count >= 3 else {
    FileHandle.standardError.write(Data("usage: SyntheticALS generate|fit DIR [options]\n".utf8))
    exit(2)
}
let directory = URL(fileURLWithPath: arguments[2])

switch arguments[1] {
case "generate":
    let users = argument("users", 100_000), items = argument("items", 20_000), samples = argument("samples", 10_000_000)
    var random = SeededRandom(seed: UInt64(argument("seed", 1)))
    let userWeights = zipfCumulative(users, 0.6), itemWeights = zipfCumulative(items, 0.9)
    var keys = [UInt64](repeating: 0, count: samples)
    for index in 0..<samples {
        keys[index] = UInt64(sample(userWeights, &random)) * UInt64(items) + UInt64(sample(itemWeights, &random))
    }
    keys.sort()
    var rows: [Int32] = [], cols: [Int32] = [], vals: [Float] = []
    var index = 0
    while index < keys.count {
        var next = index + 1
        while next < keys.count && keys[next] == keys[index] { next += 1 }
        rows.append(Int32(keys[index] / UInt64(items)))
        cols.append(Int32(keys[index] % UInt64(items)))
        vals.append(Float(next - index))
        index = next
    }
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    try writeArray(rows, to: directory.appendingPathComponent("rows.i32"))
    try writeArray(cols, to: directory.appendingPathComponent("cols.i32"))
    try writeArray(vals, to: directory.appendingPathComponent("vals.f32"))
    try #"{"users":\#(users),"items":\#(items),"samples":\#(samples),"nnz":\#(rows.count)}"#.write(
        to: directory.appendingPathComponent("meta.json"), atomically: true, encoding: .utf8)
    print(#"{"users":\#(users),"items":\#(items),"samples":\#(samples),"nnz":\#(rows.count)}"#)

case "fit":
    let meta = try JSONSerialization.jsonObject(with: Data(contentsOf: directory.appendingPathComponent("meta.json"))) as! [String: Int]
    let factors = argument("factors", 64), iterations = argument("iterations", 5), threads = argument("threads", 2)
    var matrix: SparseMatrix
    do {
        let rows = try readArray(directory.appendingPathComponent("rows.i32"), as: Int32.self)
        matrix = try SparseMatrix(
            sortedRows: rows, columns: try readArray(directory.appendingPathComponent("cols.i32"), as: Int32.self),
            values: try readArray(directory.appendingPathComponent("vals.f32"), as: Float.self),
            rowCount: meta["users"]!, columnCount: meta["items"]!)
    }
    let transposed = matrix.transposed()
    var model = ImplicitALS(.init(factors: factors, regularization: 0.01, alpha: 1, iterations: iterations, conjugateGradientSteps: 3, seed: 1, threads: threads))
    var times: [Double] = []
    try model.fit(matrix, transposed: transposed) { _, seconds in times.append(seconds) }
    let sorted = times.sorted()
    let dataMegabytes = Double(matrix.nonZeroCount * 12) / 1_048_576
    print(String(format: #"{"fitter":"scenewright","nnz":%d,"factors":%d,"threads":%d,"secondsPerIterationMedian":%.3f,"secondsPerIteration":[%@],"peakRSSMB":%.1f,"interactionDataMB":%.1f}"#,
                 matrix.nonZeroCount, factors, threads, sorted[sorted.count / 2], times.map { String(format: "%.3f", $0) }.joined(separator: ","),
                 peakResidentMegabytes(), dataMegabytes))

default:
    FileHandle.standardError.write(Data("unknown command \(arguments[1])\n".utf8))
    exit(2)
}
