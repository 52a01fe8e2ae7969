import Foundation

/// Runs `../shared/tools/ink_explore.py`, which plays a compiled ink story in bink (an
/// independent ink runtime) and explores every choice sequence to a depth.
///
/// bink lives in a virtualenv: `$SCENEWRIGHT_BINK_PYTHON`, else `.ci-venv/bin/python` in the
/// repository (which `.ci/run` creates). Without one, ``available`` is false and tests skip.
public enum InkExplorer {
    /// One exploration's counts, as the tool prints them.
    public struct Result: Decodable, Sendable {
        public var paths: Int
        public var stops: Int
        public var errors: Int
        public var truncated: Int
        public var max_branch: Int
        public var choice_points: Int
        public var max_depth_seen: Int
    }

    public static let python: String? = {
        let candidates: [String?] = [
            ProcessInfo.processInfo.environment["SCENEWRIGHT_BINK_PYTHON"], TestPaths.repositoryRoot.appendingPathComponent(".ci-venv/bin/python").path,
        ]
        for case let path? in candidates where FileManager.default.isExecutableFile(atPath: path) {
            if (try? run(path, ["-c", "import bink.story"]).status) == 0 { return path }
        }
        return nil
    }()

    public static var tool: URL { TestPaths.shared.appendingPathComponent("tools/ink_explore.py") }
    public static var available: Bool { python != nil && FileManager.default.fileExists(atPath: tool.path) }

    /// Set by `.ci/run`: the ink checks must run there, so a missing bink fails them instead of
    /// skipping them.
    public static var required: Bool { ProcessInfo.processInfo.environment["SCENEWRIGHT_REQUIRE_BINK"] == "1" }

    /// Explores `file` to `depth`; the exit status is 1 when the runtime raised an error.
    public static func explore(_ file: URL, depth: Int = 8) throws -> (status: Int32, result: Result?, output: String) {
        guard let python else { throw ExplorerError.unavailable }
        let (status, output) = try run(python, [tool.path, file.path, String(depth)])
        let lastLine = output.split(separator: "\n").last.map(String.init) ?? ""
        return (status, try? JSONDecoder().decode(Result.self, from: Data(lastLine.utf8)), output)
    }

    public enum ExplorerError: Error { case unavailable }

    private static func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}

/// Golden files under `Tests/Goldens/`: output that must stay byte for byte the same.
/// `SCENEWRIGHT_UPDATE_GOLDENS=1` rewrites them (review the diff before committing).
public enum Golden {
    public static let directory = TestPaths.repositoryRoot.appendingPathComponent("Tests/Goldens")

    /// The stored bytes of `name`, after rewriting them with `actual` when updating.
    public static func expected(_ name: String, actual: Data) throws -> Data {
        let url = directory.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["SCENEWRIGHT_UPDATE_GOLDENS"] == "1" {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try actual.write(to: url)
        }
        return try Data(contentsOf: url)
    }
}
