import Catalog
import Determinism
import Foundation

/// A hotspot's content: a short label, the text it shows, and the catalog fields it uses.
public struct HotspotCard: Sendable, Hashable, Encodable {
    public var id: String
    public var label: String
    public var text: String
    /// Sources of the facts in `text` (`film.settings[0]`).
    public var facts: [String]
}

/// Writes the cards a staged film shows on its walls from `Assets/grammars/hotspots.en.json`.
/// Every name, year and number comes from the film's record; casual visitors get the
/// essentials, enthusiasts and scholars more; children never see mature terms.
public struct HotspotCardWriter: Sendable {
    public let grammar: Grammar

    public init(library: GrammarLibrary) throws(GrammarError) {
        grammar = try library.grammar("hotspots", language: GrammarLibrary.fallbackLanguage).0
    }

    /// The cards for `film` and `profile`; `seed` picks among a grammar's phrasings.
    public func cards(for film: Film, profile: UserProfile, seed: UInt64) throws(GrammarError) -> [HotspotCard] {
        let child = profile.audience == .child
        func allowed(_ text: String) -> Bool { !child || !ContentAdvisory.isMature(text) }
        var seeds = SeededRandom(seed: seed).derived("hotspots")
        var expander = Expander(grammar: grammar, seed: seeds.next())
        var base = GrammarInputs(attributes: ["audience": profile.audience.rawValue, "depth": profile.depth.rawValue])
        base.bind("title", Fact(film.title, source: "film.title"))
        base.bind("year", film.year.map { Fact(String($0), source: "film.year") })
        base.bind("directors", Fact.joined(film.directors.enumerated().map { Fact($1, source: "film.directors[\($0)]") }, conjunction: grammar.conjunction))
        var cards: [HotspotCard] = []

        func card(_ id: String, _ entry: String, _ inputs: GrammarInputs) throws(GrammarError) {
            let label = try expander.expand(entry + "Label", inputs).text
            let text = try expander.expand(entry + "Card", inputs)
            // The film's own title is a fact, not wording we chose: it is not held against a card.
            guard allowed(text.text.replacingOccurrences(of: film.title, with: "")) else { return }
            cards.append(HotspotCard(id: id, label: label, text: text.text, facts: text.facts.flatMap { $0.split(separator: "+").map(String.init) }))
        }

        try card("title", "title", base)
        let depth = profile.depth
        for (index, setting) in film.settings.prefix(depth == .casual ? 1 : 3).enumerated() {
            try card("setting-\(index + 1)", "setting", base.binding("setting", [Fact(setting, source: "film.settings[\(index)]")]))
        }
        let keywords = film.keywords.enumerated().filter { allowed($0.element) }.prefix(6).map { Fact($1, source: "film.keywords[\($0)]") }
        if let joined = Fact.joined(Array(keywords), conjunction: grammar.conjunction) { try card("keywords", "keywords", base.binding("keywords", [joined])) }
        if depth >= .enthusiast {
            if let synopsis = film.synopsis { try card("story", "story", base.binding("synopsis", [Fact(synopsis, source: "film.synopsis")])) }
            var credits: [Fact] = []
            for (index, credit) in film.cast.enumerated() where film.principalCharacterNames.contains(credit.character) && credits.count < 5 {
                var inputs = base
                inputs.bind("person", Fact(credit.person, source: "film.cast[\(index)].person"))
                inputs.bind("role", Fact(credit.character, source: "film.cast[\(index)].character"))
                let expansion = try expander.expand("credit", inputs)
                credits.append(Fact(expansion.text, source: expansion.facts.joined(separator: "+")))
            }
            if !credits.isEmpty {
                let list = Fact(credits.map(\.text).joined(separator: "; "), source: credits.map(\.source).joined(separator: "+"))
                try card("cast", "cast", base.binding("credits", [list]))
            }
        }
        if depth == .scholar {
            if let genres = Fact.joined(film.genres.enumerated().map { Fact($1.rawValue, source: "film.genres[\($0)]") }, conjunction: grammar.conjunction) {
                try card("genres", "genres", base.binding("genres", [genres]))
            }
            for (index, character) in film.characters.prefix(3).enumerated() {
                var inputs = base
                inputs.bind("name", Fact(character.name, source: "film.characters[\(index)].name"))
                inputs.bind("description", character.description.map { Fact($0, source: "film.characters[\(index)].description") })
                let actors = film.cast.enumerated().filter { $0.element.character == character.name }.map { Fact($1.person, source: "film.cast[\($0)].person") }
                inputs.bind("actors", Fact.joined(actors, conjunction: grammar.conjunction))
                try card("character-\(index + 1)", "character", inputs)
            }
            if let mood = film.moods.first { try card("mood", "mood", base.binding("mood", [Fact(mood, source: "film.moods[0]")])) }
        }
        return cards
    }
}
