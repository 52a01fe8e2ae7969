import Catalog
import Foundation
import SceneGraph

/// The archetypes of `Scenes/` (every `*.json` not starting with `_`), the mood table
/// `Scenes/_moods.json`, and the props of `Assets/props/`.
public struct ArchetypeLibrary: Sendable {
    public let archetypes: [Archetype]
    public let props: PropLibrary
    /// Film mood word → lighting rig name.
    public let moodLighting: [String: String]
    public let defaultLighting: String
    /// SHA-256-free digest of every data file read (FNV-1a), so artifact ids change when the data does.
    public let dataDigest: String

    private struct MoodTable: Decodable {
        var moodLighting: [String: [String]]
        var `default`: String
    }

    /// Loads and validates everything.
    /// - Throws: ``SceneError`` naming the file for anything missing, malformed or inconsistent.
    public static func load(scenes: URL, props propsDirectory: URL) throws -> ArchetypeLibrary {
        let props = try PropLibrary.load(from: propsDirectory)
        var digestInput = ""
        for file in try SceneFiles.jsonFiles(in: propsDirectory, what: "props") {
            digestInput += file.lastPathComponent + String(decoding: try SceneFiles.read(file), as: UTF8.self)
        }
        let files = try SceneFiles.jsonFiles(in: scenes, what: "scene archetypes")
        var archetypes: [Archetype] = []
        var moods: MoodTable?
        for file in files {
            let data = try SceneFiles.read(file)
            digestInput += file.lastPathComponent + String(decoding: data, as: UTF8.self)
            if file.lastPathComponent == "_moods.json" {
                do { moods = try JSONDecoder().decode(MoodTable.self, from: data) } catch {
                    throw SceneError("malformed mood table \(file.path): \(SceneFiles.describe(error))")
                }
                continue
            }
            if file.lastPathComponent.hasPrefix("_") { continue }
            let archetype: Archetype
            do { archetype = try JSONDecoder().decode(Archetype.self, from: data) } catch {
                throw SceneError("malformed archetype \(file.path): \(SceneFiles.describe(error))")
            }
            let problems = archetype.problems(props: props)
            guard problems.isEmpty else { throw SceneError("invalid archetype \(file.path): \(problems.joined(separator: "; "))") }
            guard !archetypes.contains(where: { $0.id == archetype.id }) else { throw SceneError("archetype id '\(archetype.id)' is used twice (\(file.path))") }
            archetypes.append(archetype)
        }
        guard !archetypes.isEmpty else { throw SceneError("no scene archetypes in \(scenes.path)") }
        guard let moods else { throw SceneError("missing mood table \(scenes.appendingPathComponent("_moods.json").path)") }
        var lighting: [String: String] = [:]
        for (rig, words) in moods.moodLighting { for word in words { lighting[word.lowercased()] = rig } }
        return ArchetypeLibrary(archetypes: archetypes, props: props, moodLighting: lighting, defaultLighting: moods.default, dataDigest: Slug.stableHash(digestInput))
    }

    /// Every genre some archetype has an affinity to.
    public var coveredGenres: Set<Genre> {
        Set(archetypes.flatMap { $0.affinities.genres.keys.compactMap(Genre.init(label:)) })
    }
}
