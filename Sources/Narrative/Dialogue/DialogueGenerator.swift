import Foundation
import Catalog
import Determinism

/// Writes a conversation with a film character for a visitor: a greeting in the character's
/// tone, a hub of 3–6 topics built from catalog facts, follow-ups, a way back to the hub from
/// every topic and a farewell. The same film, character, profile and seed always give the same
/// tree, byte for byte once encoded.
public struct DialogueGenerator: Sendable {
    /// Changes whenever generation changes, so artifact ids change with it.
    public static let version = "scenewright-dialogue/1"

    public let library: GrammarLibrary

    public init(library: GrammarLibrary) {
        self.library = library
    }

    /// The tree for `character` of `film`, written for `profile` (nil: an anonymous visitor).
    public func generate(film: Film, character: String, profile: UserProfile?, seed: UInt64) throws(DialogueError) -> DialogueTree {
        guard let name = film.principalCharacterNames.first(where: { $0.caseInsensitiveCompare(character) == .orderedSame }) else {
            throw .unknownCharacter(film: film.id, character: character, known: film.principalCharacterNames)
        }
        let visitor = profile ?? .anonymous
        do {
            let (grammar, language) = try library.grammar("dialogue", language: visitor.language)
            var builder = DialogueBuilder(
                film: film, name: name, profile: visitor, grammar: grammar, tones: library.tones, seed: seed)
            let nodes = try builder.build()
            return DialogueTree(
                film: FilmReference(id: film.id, title: film.title), character: name,
                profileId: profile?.id, audience: visitor.audience, depth: visitor.depth, language: language, seed: seed,
                sparse: builder.facts.isSparse, variables: builder.variables, start: "start", nodes: nodes, facts: builder.usedFacts)
        } catch {
            throw .grammar(error)
        }
    }
}

/// Builds one tree; holds the expander, the facts and the bookkeeping for line ids and facts used.
struct DialogueBuilder {
    let film: Film
    let name: String
    let profile: UserProfile
    let grammar: Grammar
    let facts: DialogueFacts
    let base: GrammarInputs
    var expander: Expander
    var random: SeededRandom
    var variables: [VariableDeclaration] = []
    /// Every fact the builder may use, by source.
    private let known: [String: String]
    private var factOrder: [String] = []

    init(film: Film, name: String, profile: UserProfile, grammar: Grammar, tones: CharacterTones, seed: UInt64) {
        self.film = film
        self.name = name
        self.profile = profile
        self.grammar = grammar
        facts = DialogueFacts(film: film, characterName: name, profile: profile)
        known = Dictionary(facts.all.map { ($0.source, $0.text) }) { first, _ in first }
        let root = SeededRandom(seed: seed).derived("dialogue:\(film.id):\(name.lowercased())")
        var textRandom = root.derived("text")
        expander = Expander(grammar: grammar, seed: textRandom.next())
        random = root.derived("structure")
        var inputs = GrammarInputs(attributes: [
            "audience": profile.audience.rawValue, "depth": profile.depth.rawValue,
            "tone": tones.tone(for: facts.record?.traits ?? []),
        ])
        inputs.bind("name", facts.name)
        inputs.bind("visitor", facts.visitor)
        inputs.bind("title", facts.title)
        inputs.bind("year", facts.year)
        inputs.bind("director", Fact.joined(facts.directors, conjunction: grammar.conjunction))
        inputs.bind("description", facts.description)
        inputs.bind("trait", facts.traits.first)
        inputs.bind("traits", Fact.joined(facts.traits, conjunction: grammar.conjunction))
        inputs.bind("actor", Fact.joined(facts.actors, conjunction: grammar.conjunction))
        base = inputs
    }

    /// Facts used, in order of first use.
    var usedFacts: [Fact] { factOrder.map { Fact(known[$0]!, source: $0) } }

    // MARK: - Structure

    mutating func build() throws(GrammarError) -> [DialogueNode] {
        let chosen = DialogueTopic.preference(for: profile.depth).filter { $0.isAvailable(facts) }.prefix(DialogueTopic.count(for: profile.depth))
        let topics = random.shuffled(Array(chosen))
        for topic in topics {
            variables.append(VariableDeclaration(name: topic.variable, initial: .bool(false), purpose: "the visitor has asked about \(topic.rawValue)"))
        }
        variables.append(VariableDeclaration(name: "topics_heard", initial: .number(0), purpose: "how many topics the visitor has heard"))

        var nodes = [try greeting()]
        nodes.append(try hub(topics))
        for topic in topics { nodes += try self.nodes(for: topic) }
        nodes.append(try farewell())
        return nodes
    }

    private mutating func greeting() throws(GrammarError) -> DialogueNode {
        var lines = [try line("greeting", slot: "start.l0")]
        if facts.isSparse {
            lines.append(try line("introSparse", slot: "start.l1"))
        } else {
            lines.append(try line("intro", slot: "start.l1"))
            if base.isBound("trait"), facts.description != nil { lines.append(try line("introTrait", slot: "start.l2")) }
        }
        let options = [
            try option("helloOption", target: "hub", slot: "start.o0"),
            try option("leaveOption", target: "farewell", slot: "start.o1"),
        ]
        return DialogueNode(id: "start", kind: .greeting, lines: lines, options: options)
    }

    private mutating func hub(_ topics: [DialogueTopic]) throws(GrammarError) -> DialogueNode {
        let lines = [
            try line("hubFirst", slot: "hub.l0", condition: .compare("topics_heard", .equal, 0)),
            try line("hubAgain", slot: "hub.l1", condition: .compare("topics_heard", .greaterOrEqual, 1)),
        ]
        var options: [DialogueOption] = []
        for topic in topics {
            let key = topic.rawValue
            options.append(try option(
                "\(key)_ask", target: topic.nodeID, slot: "hub.\(key).ask", condition: .not(.isTrue(topic.variable)),
                effects: [.set(topic.variable, .bool(true)), .add("topics_heard", 1)]))
            options.append(try option(
                "\(key)_again", target: topic.nodeID, slot: "hub.\(key).again", condition: .isTrue(topic.variable),
                effects: [.add("topics_heard", 1)]))
        }
        options.append(try option("farewellOption", target: "farewell", slot: "hub.bye"))
        return DialogueNode(id: "hub", kind: .hub, lines: lines, options: options)
    }

    private mutating func farewell() throws(GrammarError) -> DialogueNode {
        DialogueNode(id: "farewell", kind: .farewell, lines: [try line("farewell", slot: "farewell.l0")], terminal: true)
    }

    /// The topic node, and its follow-up node when the catalog has more to say.
    private mutating func nodes(for topic: DialogueTopic) throws(GrammarError) -> [DialogueNode] {
        let id = topic.nodeID
        let scholar = profile.depth == .scholar
        let enthusiast = profile.depth >= .enthusiast
        var lines: [DialogueLine] = []
        var more: [DialogueLine] = []
        var moreAsk: (entry: String, inputs: GrammarInputs)?

        switch topic {
        case .selfPortrait:
            lines.append(try line(facts.isSparse ? "self_sparse" : "self_answer", slot: "\(id).l0"))
            if !facts.actors.isEmpty {
                moreAsk = ("self_more_ask", base)
                more.append(try line("self_more_answer", speaker: .narrator, slot: "\(id)_more.l0"))
            }
        case .setting:
            let shown = scholar ? facts.settings.count : (enthusiast ? min(2, facts.settings.count) : 1)
            var inputs = base
            inputs.bind("setting", facts.settings.first)
            if shown > 1 { inputs.bind("settings", Fact.joined(Array(facts.settings.prefix(shown)), conjunction: grammar.conjunction)) }
            lines.append(try line("setting_answer", slot: "\(id).l0", inputs: inputs))
            if scholar { lines.append(try line("setting_detail", speaker: .narrator, slot: "\(id).l1", inputs: inputs)) }
            if facts.settings.count > shown {
                var moreInputs = base
                moreInputs.bind("moreSettings", Fact.joined(Array(facts.settings.dropFirst(shown)), conjunction: grammar.conjunction))
                moreAsk = ("setting_more_ask", base)
                more.append(try line("setting_more_answer", slot: "\(id)_more.l0", inputs: moreInputs))
            }
        case .others:
            lines += try otherLines(facts.others[0], slot: id, detail: enthusiast)
            if facts.others.count > 1 {
                moreAsk = ("others_more_ask", base)
                let extra = scholar ? Array(facts.others.dropFirst().prefix(3)) : [facts.others[1]]
                for (index, other) in extra.enumerated() {
                    more += try otherLines(other, slot: "\(id)_more.\(index)", detail: scholar)
                }
            }
        case .premise:
            var inputs = base
            inputs.bind("premise", facts.synopsis[0])
            lines.append(try line("premise_answer", speaker: .narrator, slot: "\(id).l0", inputs: inputs))
            let rest = Array(facts.synopsis.dropFirst())
            if !rest.isEmpty {
                moreAsk = ("premise_more_ask", base)
                for (index, sentence) in (scholar ? rest : Array(rest.prefix(1))).enumerated() {
                    more.append(try line("premise_more_answer", speaker: .narrator, slot: "\(id)_more.l\(index)", inputs: inputs.binding("premiseMore", [sentence])))
                }
            }
        case .themes:
            let shown = Array(facts.keywords.prefix(scholar ? 6 : 3))
            var inputs = base
            inputs.bind("keyword", shown.first)
            if shown.count > 1 { inputs.bind("keywords", Fact.joined(shown, conjunction: grammar.conjunction)) }
            lines.append(try line("themes_answer", slot: "\(id).l0", inputs: inputs))
            if scholar { lines.append(try line("themes_detail", speaker: .narrator, slot: "\(id).l1", inputs: inputs)) }
        case .making:
            lines.append(try line("making_answer", speaker: .narrator, slot: "\(id).l0"))
            if scholar, !facts.directors.isEmpty { lines.append(try line("making_detail", speaker: .narrator, slot: "\(id).l1")) }
        case .genre:
            var inputs = base
            inputs.bind("genres", Fact.joined(facts.genres, conjunction: grammar.conjunction))
            lines.append(try line("genre_answer", speaker: .narrator, slot: "\(id).l0", inputs: inputs))
        case .film:
            lines.append(try line("film_answer", slot: "\(id).l0"))
        }

        var options: [DialogueOption] = []
        var result: [DialogueNode] = []
        if let moreAsk {
            options.append(try option(moreAsk.entry, target: "\(id)_more", slot: "\(id).more", inputs: moreAsk.inputs))
            let moreOptions = [
                try option("backOption", target: "hub", slot: "\(id)_more.back"),
                try option("farewellOption", target: "farewell", slot: "\(id)_more.bye"),
            ]
            result.append(DialogueNode(id: "\(id)_more", kind: .followUp, lines: more, options: moreOptions))
        }
        options.append(try option("backOption", target: "hub", slot: "\(id).back"))
        options.append(try option("farewellOption", target: "farewell", slot: "\(id).bye"))
        return [DialogueNode(id: id, kind: .topic, lines: lines, options: options)] + result
    }

    private mutating func otherLines(
        _ other: (name: Fact, description: Fact?, actors: [Fact]), slot: String, detail: Bool
    ) throws(GrammarError) -> [DialogueLine] {
        var inputs = base
        inputs.bind("other", other.name)
        inputs.bind("otherDescription", other.description)
        inputs.bind("otherActor", Fact.joined(other.actors, conjunction: grammar.conjunction))
        var lines = [try line("others_answer", slot: "\(slot).l0", inputs: inputs)]
        if detail, !other.actors.isEmpty { lines.append(try line("others_detail", speaker: .narrator, slot: "\(slot).l1", inputs: inputs)) }
        return lines
    }

    // MARK: - Lines and options

    private mutating func line(
        _ entry: String, speaker: Speaker = .character, slot: String, condition: Condition? = nil, inputs: GrammarInputs? = nil
    ) throws(GrammarError) -> DialogueLine {
        let expansion = try expand(entry, inputs ?? base)
        return DialogueLine(
            id: LineID.make(film: film.id, character: name, slot: slot), speaker: speaker, text: expansion.text,
            condition: condition, facts: expansion.facts)
    }

    private mutating func option(
        _ entry: String, target: String, slot: String, condition: Condition? = nil, effects: [Effect] = [], inputs: GrammarInputs? = nil
    ) throws(GrammarError) -> DialogueOption {
        let expansion = try expand(entry, inputs ?? base)
        return DialogueOption(
            id: LineID.make(film: film.id, character: name, slot: slot), text: expansion.text, target: target,
            condition: condition, effects: effects)
    }

    /// Expands and records the facts used; joined facts ("A, B and C") count as each part.
    private mutating func expand(_ entry: String, _ inputs: GrammarInputs) throws(GrammarError) -> Expansion {
        var expansion = try expander.expand(entry, inputs)
        var sources: [String] = []
        for part in expansion.facts.flatMap({ $0.split(separator: "+").map(String.init) }) where !sources.contains(part) {
            sources.append(part)
            if !factOrder.contains(part), known[part] != nil { factOrder.append(part) }
        }
        expansion.facts = sources
        return expansion
    }
}
