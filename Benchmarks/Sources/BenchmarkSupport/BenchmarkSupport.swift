import Foundation

/// The value of `--name N` on the command line, or `fallback`.
public func argument(_ name: String, _ fallback: Int) -> Int {
    guard let index = CommandLine.arguments.firstIndex(of: "--" + name), index + 1 < CommandLine.arguments.count,
          let value = Int(CommandLine.arguments[index + 1]) else { return fallback }
    return value
}

/// Wall-clock seconds `body` takes.
public func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = ContinuousClock.now
    try body()
    let elapsed = ContinuousClock.now - start
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
}

/// The repository the benchmarks package sits in (for `Assets/`, `Scenes/`).
public let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
