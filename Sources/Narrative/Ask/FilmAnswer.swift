import Catalog

/// What a question asks for.
public enum QuestionIntent: String, Codable, Sendable, Hashable, CaseIterable {
    case director, year, actorOf, characterOf, describe, setting, plot, genre, runtime, cast, characters
    /// Something the catalog never records (budget, awards, music…).
    case unrecorded
    /// A question about a film the catalog does not have.
    case unknownFilm
    /// Nothing in the question matched a catalog field.
    case unknown
}

/// The answer to a question about a film, with the catalog fields it rests on.
public struct FilmAnswer: Codable, Sendable, Hashable {
    public var question: String
    /// The film the question was asked on.
    public var askedFilmId: String
    /// The film the answer is about (another catalog film when the question names one).
    public var filmId: String?
    public var intent: QuestionIntent
    /// False when the catalog lacks the answer; `answer` then says it is not in the catalog.
    public var answered: Bool
    public var answer: String
    /// The facts used, by catalog field.
    public var citations: [Fact]
}

/// A question understood: what it asks, about which film, naming which characters and actors.
public struct ParsedQuestion: Sendable, Hashable {
    public var question: String
    public var intent: QuestionIntent
    /// Another catalog film the question names (its id), if any.
    public var otherFilmId: String?
    public var characters: [String]
    public var actors: [String]
}

/// Normalised catalog titles for spotting questions about other films.
public struct FilmTitleIndex: Sendable {
    /// Title tokens (leading "the"/"a"/"an" dropped) → film id; first film wins on a tie.
    private var ids: [[String]: String] = [:]
    public private(set) var longest = 0

    public init(titles: [(id: String, title: String)]) {
        for (id, title) in titles {
            var tokens = QuestionText.tokens(title)
            if let first = tokens.first, ["the", "a", "an"].contains(first), tokens.count > 1 { tokens.removeFirst() }
            guard !tokens.isEmpty else { continue }
            // One-word titles that are everyday words ("Heat", "Seven") only count when they are
            // not question words.
            if tokens.count == 1, QuestionWords.stopwords.contains(tokens[0]) { continue }
            if ids[tokens] == nil { ids[tokens] = id }
            longest = max(longest, tokens.count)
        }
    }

    public func film(for tokens: [String]) -> String? { ids[tokens] }
}
