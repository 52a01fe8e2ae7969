import Catalog
import Foundation
import Narrative

/// Every input that shapes a dialogue; its SHA-256 is the dialogue id.
struct DialogueInputs: Codable, Sendable {
    /// The profile fields dialogue writing reads.
    struct Profile: Codable, Sendable {
        var audience: Audience
        var depth: InterestDepth
        var language: String
        /// The name the character greets the visitor by (nil: anonymous).
        var displayName: String?
    }

    var kind = "dialogue"
    var generator = DialogueGenerator.version
    var grammars: String
    var film: Film
    var character: String
    var profile: Profile
    var seed: UInt64
    /// The language model's fingerprint for a restyled dialogue (absent otherwise, so plain
    /// dialogues keep their ids).
    var voice: String?
    /// The user it was written for: part of the id, so two users never share a dialogue.
    var owner: String?

    init(grammars: String, film: Film, character: String, profile: UserProfile?, seed: UInt64, voice: String? = nil) {
        self.grammars = grammars
        self.film = film
        self.character = character
        let visitor = profile ?? .anonymous
        self.profile = Profile(audience: visitor.audience, depth: visitor.depth, language: visitor.language, displayName: profile?.displayName)
        self.seed = seed
        self.voice = voice
        self.owner = profile?.id
    }

    /// The visitor the dialogue was written for, as the generator sees them.
    var visitor: UserProfile? {
        owner.map {
            UserProfile(id: $0, displayName: profile.displayName ?? $0, audience: profile.audience, depth: profile.depth, language: profile.language)
        }
    }
}

/// The formats a dialogue is served in.
public enum DialogueFormat: String, Sendable, CaseIterable {
    /// Our dialogue graph (`scenewright.dialogue/1`).
    case json
    /// Yarn Spinner 2 script.
    case yarn
    /// Compiled ink JSON (runtime format, inkVersion 21).
    case ink
    /// For a restyled dialogue: per line, whether the model's text or the draft was served, and why.
    case voice

    public var contentType: String {
        switch self {
        case .json, .ink, .voice: "application/json"
        case .yarn: "text/plain; charset=utf-8"
        }
    }

    /// The artifact kind of this format.
    var kind: String { "dialogue.\(rawValue)" }

    /// The suffix of this format's artifact id (nil for the JSON, whose id is the dialogue's).
    var suffix: String? { self == .json ? nil : rawValue }
}

/// A request to write a dialogue, checked once.
public struct DialogueRequest: Sendable {
    public var filmId: String
    public var character: String
    public var userId: String?
    public var seed: UInt64
    /// Ask the language model (if configured) to restyle the character's lines.
    public var restyle: Bool

    public init(filmId: String, character: String, userId: String? = nil, seed: UInt64? = nil, restyle: Bool = false) {
        self.filmId = filmId
        self.character = character.trimmingCharacters(in: .whitespacesAndNewlines)
        self.userId = userId
        self.seed = seed ?? StagingLimits.defaultSeed
        self.restyle = restyle
    }

    /// - Throws: ``StudioError`` `.invalidInput` for an empty or oversized character name or a bad seed.
    func validate() throws {
        guard !character.isEmpty, character.count <= DialogueLimits.maxCharacterLength else {
            throw StudioError(.invalidInput, "character must be 1 to \(DialogueLimits.maxCharacterLength) characters", parameter: "character")
        }
        guard seed <= StagingLimits.maxSeed else { throw StudioError(.invalidInput, "seed must be between 0 and \(StagingLimits.maxSeed)", parameter: "seed") }
    }
}

/// Limits on dialogue requests.
public enum DialogueLimits {
    public static let maxCharacterLength = 200
}

/// What creating a dialogue produced.
public struct DialogueSummary: Sendable, Encodable {
    public var id: String
    public var filmId: String
    public var character: String
    public var language: LanguageChoice
    /// False when an identical request had already generated it.
    public var created: Bool
    /// The structural checks and shape metrics of the tree.
    public var report: StructuralCheck.Report
    /// When restyling was asked for: how many lines the model voiced and why others fell back.
    public var voice: DialogueVoiceReport?
    /// The user it was written for (not part of the JSON: the front end uses it for access).
    public var owner: String?

    private enum CodingKeys: String, CodingKey { case id, filmId, character, language, created, report, voice }
}
