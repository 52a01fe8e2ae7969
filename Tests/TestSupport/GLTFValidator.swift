import Foundation

/// Runs `../shared/tools/validate_gltf.py`, the independent glTF checker, on files.
public enum GLTFValidator {
    public static var script: URL { TestPaths.shared.appendingPathComponent("tools/validate_gltf.py") }

    /// True when the checker and its Python modules are available.
    public static let isAvailable: Bool = {
        guard FileManager.default.fileExists(atPath: script.path) else { return false }
        return (try? run(["-c", "import jsonschema, numpy"]).status) == 0
    }()

    /// Validates every file in one Python process (the checker is imported, not reimplemented;
    /// its schema loading is cached between files). Returns per-file error counts and messages.
    public static func validate(_ files: [URL]) throws -> [(file: String, errors: Int, messages: [String])] {
        let driver = """
            import functools, json, sys
            sys.path.insert(0, sys.argv[1])
            import validate_gltf as v
            v.Schemas = functools.lru_cache(maxsize=None)(v.Schemas)
            for path in sys.argv[2:]:
                rep = v.validate(v.Path(path), None, False)
                msgs = [f"{i.code} {i.pointer} {i.message}" for i in rep.issues if i.severity == "ERROR"][:5]
                print(json.dumps({"file": path, "errors": rep.count("ERROR"), "messages": msgs}))
            """
        let result = try run(["-c", driver, script.deletingLastPathComponent().path] + files.map(\.path))
        guard result.status == 0 else { throw ValidatorFailure(message: result.stderr) }
        return result.stdout.split(separator: "\n").compactMap { line in
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else { return nil }
            return (object["file"] as? String ?? "", object["errors"] as? Int ?? -1, object["messages"] as? [String] ?? [])
        }
    }

    public struct ValidatorFailure: Error { public var message: String }

    static func run(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        try execute(URL(fileURLWithPath: "/usr/bin/env"), [TestPaths.python] + arguments)
    }

    /// Runs a program and collects its output.
    public static func execute(_ program: URL, _ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = program
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self))
    }
}
