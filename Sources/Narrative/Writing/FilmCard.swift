import Catalog
import Determinism

/// A short description of a film written for one visitor: it leads with what their taste
/// suggests they will care about, at their audience level, and lists the facts it used.
public struct FilmCard: Codable, Sendable, Hashable {
    /// What the card leads with.
    public enum Lead: String, Codable, Sendable, Hashable {
        /// A director of a film the visitor rated highly.
        case director
        /// An actor from a film the visitor loved.
        case actor
        /// A genre the visitor likes.
        case genre
        case general
    }

    public var filmId: String
    public var userId: String?
    public var audience: Audience
    public var language: LanguageChoice
    public var lead: Lead
    public var text: String
    public var facts: [Fact]
}

/// A film the visitor rated or liked, with how much (stars; a like counts as 4.5).
public struct RatedFilm: Sendable {
    public var film: Film
    public var stars: Double

    public init(film: Film, stars: Double) {
        self.film = film
        self.stars = stars
    }
}

/// Writes ``FilmCard``s from `Assets/grammars/narration.en.json`.
public struct FilmCardWriter: Sendable {
    /// Ratings at or above this count as "rated highly".
    public static let highRating = 4.0
    /// Ratings at or above this count as "loved".
    public static let lovedRating = 4.5

    public let library: GrammarLibrary

    public init(library: GrammarLibrary) {
        self.library = library
    }

    /// The card for `film`, written for `profile` with what their ratings say about them.
    public func card(for film: Film, profile: UserProfile?, rated: [RatedFilm]) throws(GrammarError) -> FilmCard {
        let visitor = profile ?? .anonymous
        let (grammar, language) = try library.grammar("narration", language: visitor.language)
        var expander = Expander(grammar: grammar, seed: 1)
        let child = visitor.audience == .child
        func allowed(_ text: String) -> Bool { !child || !ContentAdvisory.isMature(text) }
        var inputs = GrammarInputs(attributes: ["audience": visitor.audience.rawValue, "depth": visitor.depth.rawValue])
        inputs.bind("title", allowed(film.title) ? Fact(film.title, source: "film.title") : nil)
        inputs.bind("year", film.year.map { Fact(String($0), source: "film.year") })
        inputs.bind("director", Fact.joined(film.directors.enumerated().map { Fact($1, source: "film.directors[\($0)]") }, conjunction: grammar.conjunction))
        var sentences: [Expansion] = []
        func say(_ entry: String, _ bound: GrammarInputs) throws(GrammarError) { sentences.append(try expander.expand(entry, bound)) }

        // The lead: the strongest taste signal that this film's record supports.
        let others = rated.filter { $0.film.id != film.id }.sorted { ($0.stars, $1.film.id) > ($1.stars, $0.film.id) }
        var lead = FilmCard.Lead.general
        if let match = others.first(where: { $0.stars >= Self.highRating && allowed($0.film.title) && !Set($0.film.directors).isDisjoint(with: film.directors) }) {
            let director = film.directors.first { match.film.directors.contains($0) }!
            var bound = inputs
            bound.bind("director", Fact(director, source: "film.directors[\(film.directors.firstIndex(of: director)!)]"))
            bound.bind("otherFilm", Fact(match.film.title, source: "ratings[\(match.film.id)]"))
            try say("cardLeadDirector", bound)
            lead = .director
        } else if let (match, index) = others.lazy.filter({ $0.stars >= Self.lovedRating && allowed($0.film.title) }).compactMap({ other in
            film.cast.firstIndex { credit in !credit.character.isEmpty && other.film.cast.contains { $0.person == credit.person } }.map { (other, $0) }
        }).first {
            var bound = inputs
            bound.bind("actor", Fact(film.cast[index].person, source: "film.cast[\(index)].person"))
            bound.bind("character", Fact(film.cast[index].character, source: "film.cast[\(index)].character"))
            bound.bind("otherFilm", Fact(match.film.title, source: "ratings[\(match.film.id)]"))
            try say("cardLeadActor", bound)
            lead = .actor
        } else if let genre = visitor.likedGenres.first(where: film.genres.contains) {
            try say("cardLeadGenre", inputs.binding("genre", [Fact(genre.rawValue, source: "film.genres[\(film.genres.firstIndex(of: genre)!)]")]))
            lead = .genre
        } else {
            try say("cardLeadGeneral", inputs)
        }

        try say("cardIdentity", inputs)
        if ContentAdvisory.isUnsuitable(film, for: visitor.audience) {
            try say("cardTooYoung", inputs)
        } else {
            if !child, let first = Sentences.split(film.synopsis ?? "").first {
                try say("cardPremise", inputs.binding("premise", [Fact(first, source: "film.synopsis.sentences[0]")]))
            } else if let keywords = Fact.joined(film.keywords.enumerated().filter { allowed($1) }.prefix(3).map { Fact($1, source: "film.keywords[\($0)]") }, conjunction: grammar.conjunction) {
                try say("cardThemes", inputs.binding("keywords", [keywords]))
            }
            if visitor.depth >= .enthusiast, let settings = Fact.joined(film.settings.prefix(2).enumerated().filter { allowed($1) }.map { Fact($1, source: "film.settings[\($0)]") }, conjunction: grammar.conjunction) {
                try say("cardSetting", inputs.binding("settings", [settings]))
            }
            if visitor.depth == .scholar {
                if let cast = Fact.joined(film.cast.prefix(3).enumerated().map { Fact($1.person, source: "film.cast[\($0)].person") }, conjunction: grammar.conjunction) {
                    try say("cardCast", inputs.binding("cast", [cast]))
                }
                if let genres = Fact.joined(film.genres.enumerated().map { Fact($1.rawValue, source: "film.genres[\($0)]") }, conjunction: grammar.conjunction) {
                    try say("cardGenres", inputs.binding("genres", [genres]))
                }
            }
        }
        var sources: [String] = []
        for source in sentences.flatMap(\.facts).flatMap({ $0.split(separator: "+").map(String.init) }) where !sources.contains(source) { sources.append(source) }
        let known = Self.facts(of: film, rated: others)
        return FilmCard(
            filmId: film.id, userId: profile?.id, audience: visitor.audience, language: language, lead: lead,
            text: sentences.map(\.text).joined(separator: " "),
            facts: sources.compactMap { source in known[source].map { Fact($0, source: source) } })
    }

    /// Source → text for every fact a card can use.
    private static func facts(of film: Film, rated: [RatedFilm]) -> [String: String] {
        var table: [String: String] = ["film.title": film.title]
        if let year = film.year { table["film.year"] = String(year) }
        for (index, value) in film.directors.enumerated() { table["film.directors[\(index)]"] = value }
        for (index, credit) in film.cast.enumerated() {
            table["film.cast[\(index)].person"] = credit.person
            table["film.cast[\(index)].character"] = credit.character
        }
        for (index, value) in film.genres.enumerated() { table["film.genres[\(index)]"] = value.rawValue }
        for (index, value) in film.keywords.enumerated() { table["film.keywords[\(index)]"] = value }
        for (index, value) in film.settings.enumerated() { table["film.settings[\(index)]"] = value }
        if let first = Sentences.split(film.synopsis ?? "").first { table["film.synopsis.sentences[0]"] = first }
        for item in rated { table["ratings[\(item.film.id)]"] = item.film.title }
        return table
    }
}
