import Catalog

/// What the visitor can ask a character about; each topic is a hub option leading to a node
/// built from one kind of catalog fact.
enum DialogueTopic: String, CaseIterable, Sendable {
    /// The character: traits, or an honest "the catalog says little" when sparse.
    case selfPortrait = "self"
    case setting, others, premise, themes
    /// Director and year.
    case making
    case genre
    /// Title and year: the topic every film has.
    case film

    /// Topics in the order each depth of interest prefers them.
    static func preference(for depth: InterestDepth) -> [DialogueTopic] {
        switch depth {
        case .casual: [.selfPortrait, .setting, .others, .premise, .themes, .film]
        case .enthusiast: [.selfPortrait, .setting, .others, .premise, .making, .themes, .film]
        case .scholar: [.selfPortrait, .setting, .others, .premise, .making, .themes, .genre, .film]
        }
    }

    /// How many topics the hub offers (when the catalog has enough facts).
    static func count(for depth: InterestDepth) -> Int {
        switch depth {
        case .casual: 3
        case .enthusiast: 5
        case .scholar: 6
        }
    }

    func isAvailable(_ facts: DialogueFacts) -> Bool {
        switch self {
        case .selfPortrait: true
        case .setting: !facts.settings.isEmpty
        case .others: !facts.others.isEmpty
        case .premise: !facts.synopsis.isEmpty
        case .themes: !facts.keywords.isEmpty
        case .making: !facts.directors.isEmpty || facts.year != nil
        case .genre: !facts.genres.isEmpty
        case .film: facts.title != nil || facts.year != nil
        }
    }

    /// The node id of the topic (a valid Yarn title and ink knot name).
    var nodeID: String { rawValue == "self" ? "about_self" : rawValue }
    var variable: String { "visited_" + rawValue }
}
