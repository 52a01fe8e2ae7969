import Catalog
import Foundation
import Narrative
import Staging

/// Every input that shapes a staged scene; its SHA-256 is the scene id.
struct SceneInputs: Codable, Sendable {
    /// The profile fields staging reads.
    struct Profile: Codable, Sendable {
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
    /// The user the scene was staged for: part of the id, so two users never share a scene.
    var owner: String?

    /// The visitor as staging and dialogue writing see them.
    var visitor: UserProfile? {
        guard let owner else { return nil }
        return UserProfile(
            id: owner, displayName: profile.displayName ?? owner, audience: profile.audience, depth: profile.depth, language: profile.language,
            accessibility: Set(profile.accessibility))
    }

    /// The profile to stage for: the visitor, or an anonymous adult with these fields.
    var stagingProfile: UserProfile {
        visitor ?? UserProfile(
            id: UserProfile.anonymous.id, displayName: UserProfile.anonymous.displayName, audience: profile.audience, depth: profile.depth,
            language: profile.language, accessibility: Set(profile.accessibility))
    }
}

/// The formats a staged scene is served in.
public enum SceneFormat: String, Sendable, CaseIterable {
    /// The semantic scene document.
    case json
    /// glTF 2.0 binary.
    case glb
    /// glTF 2.0 JSON with the buffer embedded.
    case gltf
    /// OpenUSD package (a USDA root layer and its textures), for Apple devices and USD clients.
    case usdz

    public var contentType: String {
        switch self {
        case .json: return "application/json"
        case .glb: return "model/gltf-binary"
        case .gltf: return "model/gltf+json"
        case .usdz: return "model/vnd.usdz+zip"
        }
    }

    /// The artifact kind of this format.
    var kind: String { "scene.\(rawValue)" }

    /// The suffix of this format's artifact id (nil for the scene document, whose id is the scene's).
    var suffix: String? { self == .json ? nil : rawValue }
}

/// A request to stage a film, checked once.
public struct StageRequest: Sendable {
    public var filmId: String
    /// Stage for this user's profile (nil: an anonymous adult).
    public var userId: String?
    public var seed: UInt64
    /// Ask the language model (if configured) to restyle the hotspot cards.
    public var restyle: Bool

    public init(filmId: String, userId: String? = nil, seed: UInt64? = nil, restyle: Bool = false) {
        self.filmId = filmId
        self.userId = userId
        self.seed = seed ?? StagingLimits.defaultSeed
        self.restyle = restyle
    }

    /// - Throws: ``StudioError`` `.invalidInput` for a seed out of range.
    func validate() throws {
        guard seed <= StagingLimits.maxSeed else { throw StudioError(.invalidInput, "seed must be between 0 and \(StagingLimits.maxSeed)", parameter: "seed") }
    }
}

/// Limits on staging requests.
public enum StagingLimits {
    public static let defaultSeed: UInt64 = 1
    public static let maxSeed: UInt64 = 1 << 53
    public static let maxStageK = 10
}

/// What staging a film produced.
public struct StagedSceneSummary: Sendable, Encodable {
    public var id: String
    public var filmId: String
    public var title: String
    public var archetype: String
    /// False when an identical request had already generated this scene.
    public var created: Bool
    /// The user it was staged for: the scene and its previews are personal (nil: public).
    /// Not part of the JSON: the front end uses it for caching and access.
    public var owner: String?

    private enum CodingKeys: String, CodingKey { case id, filmId, title, archetype, created }
}
