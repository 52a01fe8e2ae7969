import Catalog
import Foundation
import Logging
import Narrative
import SceneGraph
import Staging
import Store
import Voice

/// The formats a staged scene is served in.
public enum SceneFormat: String, Sendable, CaseIterable {
    /// The semantic scene document.
    case json
    /// glTF 2.0 binary.
    case glb
    /// glTF 2.0 JSON with the buffer embedded.
    case gltf

    public var contentType: String {
        switch self {
        case .json: return "application/json"
        case .glb: return "model/gltf-binary"
        case .gltf: return "model/gltf+json"
        }
    }

    /// The artifact id of this format of a scene.
    func artifactId(scene: String) -> String { self == .json ? scene : "\(scene).\(rawValue)" }
}

/// What staging a film produced: the scene id and where to fetch it.
public struct StagedSceneSummary: Sendable, Encodable {
    public var id: String
    public var filmId: String
    public var title: String
    public var archetype: String
    /// False when an identical request had already generated this scene.
    public var created: Bool
    public var urls: URLs

    public struct URLs: Sendable, Encodable {
        public var scene: String
        public var glb: String
        public var gltf: String
        public var preview: String
    }
}

/// Every input that shapes a staged scene; its SHA-256 is the scene id.
struct SceneInputs: Encodable {
    struct Profile: Encodable {
        var audience: Audience
        var depth: InterestDepth
        var language: String
        var accessibility: [AccessibilityNeed]
        /// The name the scene's characters greet the visitor by (nil: anonymous).
        var displayName: String?
    }

    var kind = "scene"
    var generator = Stager.generatorVersion
    var dialogueGenerator = DialogueGenerator.version
    var data: String
    var grammars: String
    var film: Film
    var profile: Profile
    var seed: UInt64
    /// The language model's fingerprint for a scene with restyled cards (absent otherwise, so
    /// plain scenes keep their ids).
    var voice: String?
}

/// Limits on staging requests.
public enum StagingLimits {
    public static let defaultSeed: UInt64 = 1
    public static let maxSeed: UInt64 = 1 << 53
    public static let maxStageK = 10
}

extension Studio {
    /// Stages a film for a visitor (or an anonymous adult) and stores the scene JSON, GLB and
    /// glTF as content-addressed artifacts. The same film, profile and seed give the same id;
    /// a second request serves what the first stored.
    /// - Throws: ``StudioError`` `.notFound` for an unknown film or user.
    public func stage(filmId: String, userId: String?, seed: UInt64?, restyle: Bool = false) async throws -> StagedSceneSummary {
        let film = try await film(id: filmId)
        var profile = UserProfile.anonymous
        if let userId { profile = try await user(id: userId) }
        return try await stage(film: film, profile: profile, seed: seed ?? StagingLimits.defaultSeed, restyle: restyle)
    }

    func stage(film: Film, profile: UserProfile, seed: UInt64, restyle: Bool = false) async throws -> StagedSceneSummary {
        guard seed <= StagingLimits.maxSeed else { throw StudioError(.invalidInput, "seed must be between 0 and \(StagingLimits.maxSeed)", parameter: "seed") }
        let visitor: UserProfile? = profile.id == UserProfile.anonymous.id ? nil : profile
        let inputs = SceneInputs(
            data: stager.library.dataDigest, grammars: grammars.digest, film: film,
            profile: .init(
                audience: profile.audience, depth: profile.depth, language: profile.language, accessibility: profile.accessibility.sorted(),
                displayName: visitor?.displayName),
            seed: seed, voice: restyle ? voice.settings?.fingerprint : nil)
        let (id, canonical) = try ArtifactID.make(inputs)
        let urls = StagedSceneSummary.URLs(
            scene: "/v1/scenes/\(id)", glb: "/v1/scenes/\(id).glb", gltf: "/v1/scenes/\(id).gltf", preview: "/v1/scenes/\(id)/preview.png")
        if let existing = try await store.artifacts.artifact(id: id),
           let document = try? JSONDecoder().decode(StoredSceneHeader.self, from: existing.bytes) {
            StudioMetrics.cache("scene", hit: true)
            return StagedSceneSummary(id: id, filmId: film.id, title: film.title, archetype: document.archetype.id, created: false, urls: urls)
        }
        StudioMetrics.cache("scene", hit: false)
        let started = ContinuousClock.now
        let stager = self.stager
        // Each character mark links to its dialogue; the dialogues are written and stored
        // before the scene, so every link resolves.
        var linked: [String] = []
        var staged = try stager.stage(film: film, profile: profile, seed: seed, id: id) { name in
            guard let dialogueId = try? dialogueID(film: film, character: name, profile: visitor, seed: seed) else { return nil }
            linked.append(name)
            return dialogueId
        }
        for name in linked { _ = try await dialogue(film: film, character: name, profile: visitor, seed: seed) }
        if restyle, voice.isConfigured { staged = await restyledCards(of: staged, film: film, profile: profile) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let inputsJSON = String(decoding: canonical, as: UTF8.self)
        let artifacts = [
            Artifact(id: id, kind: "scene.json", contentType: SceneFormat.json.contentType, bytes: try encoder.encode(staged.document), inputs: inputsJSON, userId: visitor?.id),
            Artifact(id: SceneFormat.glb.artifactId(scene: id), kind: "scene.glb", contentType: SceneFormat.glb.contentType, bytes: try GLTFExporter.glb(staged.scene), inputs: inputsJSON, userId: visitor?.id),
            Artifact(id: SceneFormat.gltf.artifactId(scene: id), kind: "scene.gltf", contentType: SceneFormat.gltf.contentType, bytes: try GLTFExporter.gltf(staged.scene), inputs: inputsJSON, userId: visitor?.id),
        ]
        // The GLB and glTF first, the scene JSON (which marks the scene as present) last.
        for artifact in artifacts.reversed() { try await store.artifacts.put(artifact) }
        StudioMetrics.generated("scene", since: started)
        logger.info("scene staged", metadata: ["scene": "\(id)", "film": "\(film.id)", "archetype": "\(staged.document.archetype.id)"])
        return StagedSceneSummary(id: id, filmId: film.id, title: film.title, archetype: staged.document.archetype.id, created: true, urls: urls)
    }

    /// A stored scene in one format.
    /// - Throws: ``StudioError`` `.notFound` when no scene has that id.
    public func sceneArtifact(id: String, format: SceneFormat) async throws -> Artifact {
        guard ArtifactID.isWellFormed(id), let artifact = try await store.artifacts.artifact(id: format.artifactId(scene: id)) else {
            throw StudioError(.notFound, "no scene with id '\(id.prefix(80))'")
        }
        return artifact
    }

    /// The user's top `k` recommended films, each staged for them.
    public func stageRecommendations(userId: String, k: Int, seed: UInt64?) async throws -> (recommendations: RecommendationList, scenes: [StagedSceneSummary]) {
        guard (1...StagingLimits.maxStageK).contains(k) else {
            throw StudioError(.invalidInput, "k must be between 1 and \(StagingLimits.maxStageK)", parameter: "k")
        }
        let profile = try await user(id: userId)
        let list = try await recommendations(userId: userId, k: k, explain: true)
        var scenes: [StagedSceneSummary] = []
        for item in list.items {
            scenes.append(try await stage(film: try await film(id: item.filmId), profile: profile, seed: seed ?? StagingLimits.defaultSeed))
        }
        return (list, scenes)
    }
}

/// The part of a stored scene document read back to summarise it.
private struct StoredSceneHeader: Decodable {
    struct ArchetypeRef: Decodable { var id: String }
    var archetype: ArchetypeRef
}
