import Catalog

/// One conversation with one film character: the canonical dialogue graph every export
/// (JSON, Yarn Spinner, ink) is written from.
///
/// Nodes hold lines and the visitor's options; options lead to other nodes, may be hidden by a
/// condition on the declared variables and may change them. Conversations start at ``start``
/// and end at a terminal node. Every line and option carries a line id that is unique in the
/// tree and the same whenever the same inputs are generated again.
public struct DialogueTree: Codable, Sendable, Hashable {
    /// Identifies this JSON format and its version.
    public static let formatName = "scenewright.dialogue/1"

    public var format: String
    public var film: FilmReference
    /// The character's name as the catalog spells it.
    public var character: String
    /// The profile the tree was written for (nil: anonymous visitor).
    public var profileId: String?
    public var audience: Audience
    public var depth: InterestDepth
    public var language: LanguageChoice
    public var seed: UInt64
    /// True when the catalog says too little about the character for a specific conversation.
    public var sparse: Bool
    public var variables: [VariableDeclaration]
    public var start: String
    public var nodes: [DialogueNode]
    /// Every catalog or profile fact the text uses, by source (`film.settings[0]`).
    public var facts: [Fact]

    public init(
        film: FilmReference, character: String, profileId: String?, audience: Audience, depth: InterestDepth, language: LanguageChoice,
        seed: UInt64, sparse: Bool, variables: [VariableDeclaration], start: String, nodes: [DialogueNode], facts: [Fact]
    ) {
        format = Self.formatName
        self.film = film
        self.character = character
        self.profileId = profileId
        self.audience = audience
        self.depth = depth
        self.language = language
        self.seed = seed
        self.sparse = sparse
        self.variables = variables
        self.start = start
        self.nodes = nodes
        self.facts = facts
    }

    /// The node with `id`.
    public func node(_ id: String) -> DialogueNode? { nodes.first { $0.id == id } }
}

/// The film a dialogue belongs to.
public struct FilmReference: Codable, Sendable, Hashable {
    public var id: String
    public var title: String
}

/// Which language the text is in, and whether that is the one the visitor asked for.
public struct LanguageChoice: Codable, Sendable, Hashable {
    /// The profile's language tag.
    public var requested: String
    /// The language the grammar used.
    public var used: String
    /// True when no grammar exists for `requested` and English was used instead.
    public var fallback: Bool

    public init(requested: String, used: String) {
        self.requested = requested
        self.used = used
        fallback = !requested.lowercased().hasPrefix(used.lowercased())
    }
}

/// A place in the conversation: what is said, then what the visitor may answer.
public struct DialogueNode: Codable, Sendable, Hashable {
    /// What the node is for; exports and clients may style nodes by it.
    public enum Kind: String, Codable, Sendable, Hashable {
        case greeting, hub, topic, followUp, farewell
    }

    /// Unique in the tree; a valid Yarn node title and ink knot name (`[a-z0-9_]`).
    public var id: String
    public var kind: Kind
    public var lines: [DialogueLine]
    public var options: [DialogueOption]
    /// The conversation ends here.
    public var terminal: Bool

    public init(id: String, kind: Kind, lines: [DialogueLine], options: [DialogueOption] = [], terminal: Bool = false) {
        self.id = id
        self.kind = kind
        self.lines = lines
        self.options = options
        self.terminal = terminal
    }
}

/// Who says a line.
public enum Speaker: String, Codable, Sendable, Hashable {
    case character, visitor, narrator
}

/// One spoken line.
public struct DialogueLine: Codable, Sendable, Hashable {
    /// Stable line id (`line:` + 12 hex digits), usable as a Yarn `#line:` tag.
    public var id: String
    public var speaker: Speaker
    public var text: String
    /// Shown only when this holds.
    public var condition: Condition?
    /// Sources of the facts the line uses.
    public var facts: [String]

    public init(id: String, speaker: Speaker, text: String, condition: Condition? = nil, facts: [String] = []) {
        self.id = id
        self.speaker = speaker
        self.text = text
        self.condition = condition
        self.facts = facts
    }
}

/// Something the visitor can say, and where it leads.
public struct DialogueOption: Codable, Sendable, Hashable {
    public var id: String
    public var text: String
    public var target: String
    /// Offered only when this holds.
    public var condition: Condition?
    /// Applied, in order, when the option is chosen.
    public var effects: [Effect]

    public init(id: String, text: String, target: String, condition: Condition? = nil, effects: [Effect] = []) {
        self.id = id
        self.text = text
        self.target = target
        self.condition = condition
        self.effects = effects
    }
}
