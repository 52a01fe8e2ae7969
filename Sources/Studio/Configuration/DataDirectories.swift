import Foundation

/// Where Scenewright finds its data folders (`Assets/`, `Scenes/`).
///
/// Each folder is looked up in this order: an explicit path (a command-line option), the
/// environment (`SCENEWRIGHT_ASSETS`, `SCENEWRIGHT_SCENES`), the current directory, and the
/// repository this binary was built from. A folder that is missing is a start-up error naming
/// every place that was tried.
public struct DataDirectories: Sendable {
    public var assets: URL
    public var scenes: URL

    public init(assets: URL, scenes: URL) {
        self.assets = assets
        self.scenes = scenes
    }

    /// The repository's own folders (for tests and tools run from a checkout).
    public static var repository: DataDirectories {
        DataDirectories(assets: repositoryRoot.appendingPathComponent("Assets"), scenes: repositoryRoot.appendingPathComponent("Scenes"))
    }

    /// The repository root this source file was compiled from.
    static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Resolves every folder.
    /// - Throws: ``StudioError`` naming the folder and every path tried.
    public static func resolve(
        assets explicitAssets: String? = nil, scenes explicitScenes: String? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> DataDirectories {
        DataDirectories(
            assets: try locate("Assets", explicit: explicitAssets, variable: "SCENEWRIGHT_ASSETS", environment: environment),
            scenes: try locate("Scenes", explicit: explicitScenes, variable: "SCENEWRIGHT_SCENES", environment: environment))
    }

    static func locate(_ name: String, explicit: String?, variable: String, environment: [String: String]) throws -> URL {
        var candidates: [URL] = []
        if let explicit, !explicit.isEmpty {
            candidates = [URL(fileURLWithPath: explicit)]  // an explicit choice is never second-guessed
        } else {
            if let fromEnvironment = environment[variable], !fromEnvironment.isEmpty { candidates.append(URL(fileURLWithPath: fromEnvironment)) }
            candidates.append(URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent(name))
            candidates.append(repositoryRoot.appendingPathComponent(name))
        }
        for candidate in candidates {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory), isDirectory.boolValue {
                return candidate.standardizedFileURL
            }
        }
        throw StudioError(
            .configuration,
            "cannot find the \(name) folder; tried \(candidates.map(\.path).joined(separator: ", ")). Point \(variable) or the --\(name.lowercased()) option at it.")
    }
}
