import Foundation
import Catalog
import Determinism

/// Answers factual questions about a film from its catalog record only — who directed it,
/// when it came out, who plays whom, where it is set, what it is about, its genre — in a
/// sentence that cites the fields used. When the record lacks the answer, it says so; it never
/// guesses. Typos of one word are forgiven by matching against the question vocabulary and the
/// film's own names.
public struct FilmQuestionAnswerer: Sendable {
    /// Longest question accepted, in characters.
    public static let maxQuestionLength = 500

    public let grammar: Grammar

    public init(library: GrammarLibrary) throws(GrammarError) {
        grammar = try library.grammar("answers", language: GrammarLibrary.fallbackLanguage).0
    }

    static let intentWords: Set<String> = [
        "direct", "directed", "directs", "director", "directors", "filmmaker", "helmed", "made", "when", "year", "released", "release",
        "come", "came", "premiere", "premiered", "where", "set", "setting", "place", "location", "located", "happen", "happens", "about",
        "plot", "story", "synopsis", "summary", "premise", "genre", "genres", "kind", "type", "category", "long", "runtime", "length",
        "minutes", "duration", "cast", "stars", "starring", "actors", "actor", "actress", "characters", "character", "plays", "play",
        "played", "playing", "portrays", "portrayed", "role", "describe", "voice", "voiced", "who", "whos", "which", "what", "whats",
    ]

    // MARK: - Understanding

    /// Works out what `question` asks about `film`; `titles` finds other catalog films it names.
    public func parse(_ question: String, film: Film, titles: FilmTitleIndex) -> ParsedQuestion {
        let raw = QuestionText.tokens(String(question.prefix(Self.maxQuestionLength)))
        // Names of this film's people, as token sequences.
        let characterNames = film.principalCharacterNames
        let actorNames = Array(Set(film.cast.map(\.person))).sorted()
        let titleTokens = QuestionText.tokens(film.title)
        var names: Set<String> = []
        for name in characterNames + actorNames + film.directors { names.formUnion(QuestionText.tokens(name)) }
        names.formUnion(titleTokens)
        let vocabulary = Self.intentWords.union(QuestionWords.unrecorded).union(names.filter { $0.count >= 4 })
        let tokens = raw.map { QuestionText.corrected($0, vocabulary: vocabulary, keep: QuestionWords.stopwords) }
        // "who's" and "whos" read as "who".
        let words = Set(tokens.map { $0 == "whos" ? "who" : $0 })

        func mentions(_ name: String) -> Bool {
            let parts = QuestionText.tokens(name)
            guard !parts.isEmpty else { return false }
            if contains(tokens, parts) { return true }
            // A single part ("Marge", "Gunderson", "Rose") names the person too; a part several
            // names share ("Rose" in Titanic) names them all, and the answer covers each.
            return parts.contains { $0.count >= 4 && !QuestionWords.stopwords.contains($0) && words.contains($0) }
        }
        let characters = characterNames.filter(mentions)
        let actors = actorNames.filter(mentions)

        // Another catalog film named in the question?
        var otherFilm: String?
        var titleSpan: Range<Int>?
        if titles.longest > 0 {
            search: for length in stride(from: min(titles.longest, tokens.count), through: 1, by: -1) {
                for start in 0...(tokens.count - length) {
                    let span = Array(tokens[start..<start + length])
                    if span == titleTokens || span == Array(titleTokens.drop { ["the", "a", "an"].contains($0) }) {
                        titleSpan = start..<start + length
                        break search
                    }
                    if let id = titles.film(for: span), id != film.id {
                        otherFilm = id
                        titleSpan = start..<start + length
                        break search
                    }
                }
            }
        }

        let has = { (list: [String]) in list.contains { words.contains($0) } }
        let phrase = { (a: String, b: String) in zip(tokens, tokens.dropFirst()).contains { $0 == a && $1 == b } }
        let intent: QuestionIntent
        let playWords = ["plays", "play", "played", "playing", "portrays", "portrayed", "actor", "actress", "voice", "voiced", "voices"]
        if !actors.isEmpty, has(playWords + ["role", "character", "who", "whom", "which", "what"]), characters.isEmpty || has(["role", "character"]) {
            intent = .characterOf
        } else if !characters.isEmpty, has(playWords + ["cast"]) {
            intent = .actorOf
        } else if has(Array(QuestionWords.unrecorded)) {
            intent = .unrecorded
        } else if has(["direct", "directed", "directs", "director", "directors", "filmmaker", "helmed"]) || (words.contains("who") && words.contains("made")) {
            intent = .director
        } else if has(["runtime", "length", "minutes", "duration"]) || phrase("how", "long") {
            intent = .runtime
        } else if has(["when", "year", "released", "release", "premiere", "premiered"]) || phrase("come", "out") || phrase("came", "out") || phrase("how", "old") {
            intent = .year
        } else if has(["where", "setting", "location", "located"]) || phrase("take", "place") || phrase("takes", "place") || (words.contains("set") && !words.contains("sets")) {
            intent = .setting
        } else if has(["genre", "genres", "category"]) || phrase("kind", "of") || phrase("type", "of") || phrase("sort", "of") {
            intent = .genre
        } else if !characters.isEmpty {
            intent = .describe
        } else if has(["characters", "character"]) {
            intent = .characters
        } else if has(["cast", "stars", "starring", "actors", "actor", "actress"]) || (words.contains("who") && has(["in", "acts", "appears"])) {
            intent = .cast
        } else if has(["about", "plot", "story", "synopsis", "summary", "premise", "happens", "happen"]) {
            intent = .plot
        } else {
            intent = .unknown
        }

        // Content words left over after the intent, the names and the titles: a film we do not have.
        var leftovers = tokens.enumerated().filter { index, token in
            !(titleSpan?.contains(index) ?? false) && !QuestionWords.stopwords.contains(token) && !Self.intentWords.contains(token)
                && !QuestionWords.unrecorded.contains(token) && !names.contains(token) && Int(token) == nil
        }.map(\.element)
        let filmFacts = Set((film.keywords + film.settings + film.genres.map(\.rawValue) + film.moods).flatMap(QuestionText.tokens))
        leftovers.removeAll { filmFacts.contains($0) }
        let filmLevel: Set<QuestionIntent> = [.director, .year, .setting, .genre, .runtime, .cast, .plot, .characters]
        if otherFilm == nil, filmLevel.contains(intent), !leftovers.isEmpty, titleSpan == nil {
            return ParsedQuestion(question: question, intent: .unknownFilm, otherFilmId: nil, characters: [], actors: [])
        }
        return ParsedQuestion(question: question, intent: intent, otherFilmId: otherFilm, characters: characters, actors: actors)
    }

    private func contains(_ tokens: [String], _ parts: [String]) -> Bool {
        guard parts.count <= tokens.count else { return false }
        for start in 0...(tokens.count - parts.count) where Array(tokens[start..<start + parts.count]) == parts { return true }
        return false
    }

    // MARK: - Answering

    /// Answers a parsed question from `film`'s record (the other film's, when it names one).
    public func answer(_ parsed: ParsedQuestion, askedOn asked: Film, about film: Film) -> FilmAnswer {
        var expander = Expander(grammar: grammar, seed: 1)
        var inputs = GrammarInputs()
        inputs.bind("title", Fact(film.title, source: "film.title"))
        var citations: [Fact] = []
        func cite(_ facts: [Fact]) -> Fact? {
            citations += facts
            return Fact.joined(facts, conjunction: grammar.conjunction)
        }
        func unanswered(_ entry: String) -> FilmAnswer {
            let text = (try? expander.expand(entry, inputs).text) ?? "That is not in the catalog."
            return FilmAnswer(question: parsed.question, askedFilmId: asked.id, filmId: film.id, intent: parsed.intent, answered: false, answer: text, citations: [])
        }

        var entry: String
        switch parsed.intent {
        case .unknownFilm:
            return FilmAnswer(
                question: parsed.question, askedFilmId: asked.id, filmId: nil, intent: .unknownFilm, answered: false,
                answer: (try? expander.expand("sayOtherFilmMissing", inputs).text) ?? "That film is not in the catalog.", citations: [])
        case .unknown: return unanswered("sayNotUnderstood")
        case .unrecorded: return unanswered("sayNotInCatalog")
        case .director:
            guard let directors = cite(film.directors.enumerated().map { Fact($1, source: "film.directors[\($0)]") }) else { return unanswered("sayNotInCatalog") }
            inputs.bind("directors", directors)
            entry = "sayDirector"
        case .year:
            guard let year = film.year else { return unanswered("sayNotInCatalog") }
            inputs.bind("year", cite([Fact(String(year), source: "film.year")]))
            entry = "sayYear"
        case .runtime:
            guard let minutes = film.runtimeMinutes else { return unanswered("sayNotInCatalog") }
            inputs.bind("runtime", cite([Fact(String(minutes), source: "film.runtimeMinutes")]))
            entry = "sayRuntime"
        case .setting:
            guard let settings = cite(film.settings.enumerated().map { Fact($1, source: "film.settings[\($0)]") }) else { return unanswered("sayNotInCatalog") }
            inputs.bind("settings", settings)
            entry = "saySetting"
        case .plot:
            guard let synopsis = film.synopsis, !synopsis.isEmpty else { return unanswered("sayNotInCatalog") }
            inputs.bind("synopsis", cite([Fact(synopsis, source: "film.synopsis")]))
            entry = "sayPlot"
        case .genre:
            guard let genres = cite(film.genres.enumerated().map { Fact($1.rawValue, source: "film.genres[\($0)]") }) else { return unanswered("sayNotInCatalog") }
            inputs.bind("genres", genres)
            entry = "sayGenre"
        case .cast:
            let credits = film.cast.prefix(6).enumerated().map { index, credit in
                Fact(credit.character.isEmpty ? credit.person : "\(credit.person) (\(credit.character))", source: "film.cast[\(index)]")
            }
            guard let cast = cite(credits) else { return unanswered("sayNotInCatalog") }
            inputs.bind("cast", cast)
            entry = "sayCast"
        case .characters:
            let names = film.principalCharacterNames.enumerated().map { Fact($1, source: "film.principalCharacters[\($0)]") }
            guard let list = cite(names) else { return unanswered("sayNotInCatalog") }
            inputs.bind("characters", list)
            entry = "sayCharacterList"
        case .actorOf, .describe, .characterOf:
            // One sentence per character (or actor) the question names.
            var sentences: [String] = []
            let pairs: [(character: String, actor: String?)]
            if parsed.intent == .characterOf {
                pairs = parsed.actors.flatMap { actor in
                    film.cast.filter { $0.person == actor && !$0.character.isEmpty }.map { (character: $0.character, actor: Optional(actor)) }
                }
            } else {
                pairs = parsed.characters.map { (character: $0, actor: nil) }
            }
            for pair in pairs {
                var sentence = inputs
                sentence.bind("character", Fact(pair.character, source: "film.principalCharacters"))
                if parsed.intent == .describe {
                    let index = film.characters.firstIndex { $0.name == pair.character }
                    if let index, let description = film.characters[index].description {
                        sentence.bind("description", cite([Fact(description, source: "film.characters[\(index)].description")]))
                    }
                    if let text = try? expander.expand("sayDescribe", sentence).text { sentences.append(text) }
                } else {
                    let credits = film.cast.enumerated().filter { $0.element.character == pair.character && (pair.actor == nil || $0.element.person == pair.actor) }
                    guard let actors = cite(credits.map { Fact($1.person, source: "film.cast[\($0)].person") }) else { continue }
                    citations += credits.map { Fact($1.character, source: "film.cast[\($0)].character") }
                    sentence.bind("actor", actors)
                    if let text = try? expander.expand(parsed.intent == .actorOf ? "sayActorOf" : "sayCharacterOf", sentence).text { sentences.append(text) }
                }
            }
            guard !sentences.isEmpty else { return unanswered("sayNotInCatalog") }
            return finished(sentences.joined(separator: " "), parsed: parsed, asked: asked, film: film, citations: citations, inputs: inputs, expander: &expander)
        }
        let text = (try? expander.expand(entry, inputs).text) ?? ""
        return finished(text, parsed: parsed, asked: asked, film: film, citations: citations, inputs: inputs, expander: &expander)
    }

    /// Adds the source sentence (and a note when the answer is about another film).
    private func finished(
        _ answer: String, parsed: ParsedQuestion, asked: Film, film: Film, citations found: [Fact], inputs: GrammarInputs, expander: inout Expander
    ) -> FilmAnswer {
        var citations = found
        citations.insert(Fact(film.title, source: "film.title"), at: 0)
        var text = answer
        let fields = Array(Set(citations.map { Self.fieldName($0.source) })).sorted()
        text += " (Source: the catalog’s \(Typography.list(fields, conjunction: "and")) \(fields.count == 1 ? "field" : "fields").)"
        if film.id != asked.id, let note = try? expander.expand("sayOtherFilmNote", inputs.binding("otherTitle", [Fact(film.title, source: "film.title")])).text {
            text += " " + note
        }
        return FilmAnswer(question: parsed.question, askedFilmId: asked.id, filmId: film.id, intent: parsed.intent, answered: true, answer: text, citations: citations)
    }

    /// "film.cast[2].person" → "cast".
    static func fieldName(_ source: String) -> String {
        let trimmed = source.hasPrefix("film.") ? String(source.dropFirst(5)) : source
        return String(trimmed.prefix { $0 != "[" && $0 != "." })
    }
}
