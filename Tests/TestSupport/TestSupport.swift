import Foundation
import Logging

/// Paths and helpers shared by every test target.
public enum TestPaths {
    /// The repository root (this file is Tests/TestSupport/TestSupport.swift).
    public static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    public static let assets = repositoryRoot.appendingPathComponent("Assets")

    /// `../shared` beside the repository: data sets and independent checkers, absent on some machines.
    public static let shared = repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared")

    /// `../shared/data/<name>` when it exists.
    public static func sharedData(_ name: String) -> URL? {
        let url = shared.appendingPathComponent("data").appendingPathComponent(name)
        return FileManager.default.fileExists(atPath: url.path) ? url : nil
    }

    public static var ml100k: URL? { sharedData("ml-100k") }
    public static var mlLatestSmall: URL? { sharedData("ml-latest-small") }

    /// The Python the independent checkers run under: `$SCENEWRIGHT_PYTHON` (`.ci/run` points it
    /// at its virtualenv, which has jsonschema and numpy), else `python3` on the PATH.
    public static var python: String { ProcessInfo.processInfo.environment["SCENEWRIGHT_PYTHON"].flatMap { $0.isEmpty ? nil : $0 } ?? "python3" }
}

/// Whether a check may skip when its tool or data is missing: never in CI (`CI=true`), where a
/// missing tool must fail the check instead of hiding it.
public enum CIRequirement {
    public static let isCI = ProcessInfo.processInfo.environment["CI"] == "true"
}

/// A directory under the system temporary directory, removed when the value is deinitialised.
public final class TemporaryDirectory: @unchecked Sendable {
    // @unchecked: `url` is immutable after init; deinit is the only other access.
    public let url: URL

    public init(_ prefix: String = "scenewright-test") {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// A path inside the directory.
    public func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    /// Writes `text` (or raw bytes) to a file inside the directory and returns its URL.
    @discardableResult
    public func write(_ name: String, _ text: String) throws -> URL {
        try write(name, Data(text.utf8))
    }

    @discardableResult
    public func write(_ name: String, _ data: Data) throws -> URL {
        let file = url.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: file)
        return file
    }

    deinit { try? FileManager.default.removeItem(at: url) }
}

/// A logger for tests: warnings and errors only, so test output stays readable.
public enum TestLogger {
    public static var quiet: Logger {
        var logger = Logger(label: "scenewright-test")
        logger.logLevel = .warning
        return logger
    }
}
