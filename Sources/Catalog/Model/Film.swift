import Foundation

/// A film in the catalog: the facts everything Scenewright generates is grounded in.
///
/// Optional and empty fields mean "the catalog does not say"; generators must never fill them in.
public struct Film: Codable, Sendable, Hashable, Identifiable {
    /// Stable identifier, a slug such as `fargo-1996` or `ml100k-1234` for imported films.
    public var id: String
    public var title: String
    /// Release year, when known.
    public var year: Int?
    public var genres: [Genre]
    public var runtimeMinutes: Int?
    /// Director names, in credit order.
    public var directors: [String]
    /// Principal cast, in credit order.
    public var cast: [CastCredit]
    /// Descriptions of the principal characters (names match `cast[].character`).
    public var characters: [Character]
    public var synopsis: String?
    /// Places the film is set in ("the Overlook Hotel", "Minneapolis").
    public var settings: [String]
    public var keywords: [String]
    public var moods: [String]
    /// The youngest audience the film suits, as curated; nil when the catalog does not say
    /// (then ``ContentAdvisory`` decides from the metadata).
    public var audience: Audience?
    public var externalIds: ExternalIDs

    public init(
        id: String, title: String, year: Int? = nil, genres: [Genre] = [], runtimeMinutes: Int? = nil,
        directors: [String] = [], cast: [CastCredit] = [], characters: [Character] = [],
        synopsis: String? = nil, settings: [String] = [], keywords: [String] = [], moods: [String] = [],
        audience: Audience? = nil, externalIds: ExternalIDs = ExternalIDs()
    ) {
        self.id = id
        self.title = title
        self.year = year
        self.genres = genres
        self.runtimeMinutes = runtimeMinutes
        self.directors = directors
        self.cast = cast
        self.characters = characters
        self.synopsis = synopsis
        self.settings = settings
        self.keywords = keywords
        self.moods = moods
        self.audience = audience
        self.externalIds = externalIds
    }

    private enum CodingKeys: String, CodingKey {
        case id, title, year, genres, runtimeMinutes, directors, cast, characters, synopsis, settings, keywords, moods, audience, externalIds
    }

    /// Lenient decoding: list fields may be omitted in catalog JSON.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        title = try c.decode(String.self, forKey: .title)
        year = try c.decodeIfPresent(Int.self, forKey: .year)
        genres = try c.decodeIfPresent([Genre].self, forKey: .genres) ?? []
        runtimeMinutes = try c.decodeIfPresent(Int.self, forKey: .runtimeMinutes)
        directors = try c.decodeIfPresent([String].self, forKey: .directors) ?? []
        cast = try c.decodeIfPresent([CastCredit].self, forKey: .cast) ?? []
        characters = try c.decodeIfPresent([Character].self, forKey: .characters) ?? []
        synopsis = try c.decodeIfPresent(String.self, forKey: .synopsis)
        settings = try c.decodeIfPresent([String].self, forKey: .settings) ?? []
        keywords = try c.decodeIfPresent([String].self, forKey: .keywords) ?? []
        moods = try c.decodeIfPresent([String].self, forKey: .moods) ?? []
        audience = try c.decodeIfPresent(Audience.self, forKey: .audience)
        externalIds = try c.decodeIfPresent(ExternalIDs.self, forKey: .externalIds) ?? ExternalIDs()
    }

    /// The actors credited for a character, in credit order.
    public func actors(playing character: String) -> [String] {
        cast.filter { $0.character.caseInsensitiveCompare(character) == .orderedSame }.map(\.person)
    }

    /// The catalog description of a character, if the film has one.
    public func character(named name: String) -> Character? {
        characters.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }
    }

    /// Principal characters: those described in `characters`, else those named in the cast.
    public var principalCharacterNames: [String] {
        if !characters.isEmpty { return characters.map(\.name) }
        var seen = Set<String>()
        return cast.map(\.character).filter { !$0.isEmpty && seen.insert($0).inserted }
    }
}

/// One cast credit: who played whom.
public struct CastCredit: Codable, Sendable, Hashable {
    public var person: String
    public var character: String

    public init(person: String, character: String) {
        self.person = person
        self.character = character
    }
}

/// Identifiers of a film in other databases, used to link imported ratings and to merge records.
public struct ExternalIDs: Codable, Sendable, Hashable {
    /// MovieLens 100K item id (`u.item`), a different id space from `movieLens`.
    public var movieLens100K: Int?
    /// MovieLens movie id as used by the MovieLens "latest" data sets.
    public var movieLens: Int?
    /// IMDb title id, such as `tt0116282`.
    public var imdb: String?
    /// The Movie Database id.
    public var tmdb: Int?

    public init(movieLens100K: Int? = nil, movieLens: Int? = nil, imdb: String? = nil, tmdb: Int? = nil) {
        self.movieLens100K = movieLens100K
        self.movieLens = movieLens
        self.imdb = imdb
        self.tmdb = tmdb
    }

    /// Fills ids this value lacks from `other`.
    public func merging(_ other: ExternalIDs) -> ExternalIDs {
        ExternalIDs(
            movieLens100K: movieLens100K ?? other.movieLens100K, movieLens: movieLens ?? other.movieLens,
            imdb: imdb ?? other.imdb, tmdb: tmdb ?? other.tmdb)
    }
}
