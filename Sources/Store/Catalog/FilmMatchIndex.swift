import Catalog
import Foundation

/// Lookup tables for merging imported films into films already stored.
public struct FilmMatchIndex: Sendable {
    public var byMovieLens100K: [Int: String] = [:]
    public var byMovieLens: [Int: String] = [:]
    public var byIMDb: [String: String] = [:]
    public var byTitleYear: [String: String] = [:]
    /// The external ids each indexed film already has.
    public var idsOfFilm: [String: ExternalIDs] = [:]

    public init() {}

    static func titleKey(_ searchTitle: String, _ year: Int) -> String { "\(searchTitle)\u{1F}\(year)" }

    /// The stored film an imported film is the same as: by MovieLens ids, then IMDb, then exact
    /// title and year. A title match never joins two films that both have an id of the same
    /// kind: the source says they are different records (MovieLens 100K lists some films twice).
    public func match(_ film: Film) -> String? {
        let ids = film.externalIds
        if let id = ids.movieLens100K, let match = byMovieLens100K[id] { return match }
        if let id = ids.movieLens, let match = byMovieLens[id] { return match }
        if let id = ids.imdb, let match = byIMDb[id] { return match }
        guard let year = film.year, let match = byTitleYear[Self.titleKey(Slug.searchKey(film.title), year)] else { return nil }
        let existing = idsOfFilm[match] ?? ExternalIDs()
        let clash = (ids.movieLens100K != nil && existing.movieLens100K != nil) || (ids.movieLens != nil && existing.movieLens != nil)
            || (ids.imdb != nil && existing.imdb != nil)
        return clash ? nil : match
    }

    /// Records `film` under its ids, so later films in the same import can match it.
    public mutating func insert(_ film: Film) {
        insert(filmId: film.id, searchTitle: Slug.searchKey(film.title), year: film.year, ids: film.externalIds)
    }

    /// Records a stored film (its search title and external ids), as an engine reads it back.
    public mutating func insert(filmId: String, searchTitle: String, year: Int?, ids: ExternalIDs) {
        if let id = ids.movieLens100K { byMovieLens100K[id] = filmId }
        if let id = ids.movieLens { byMovieLens[id] = filmId }
        if let id = ids.imdb { byIMDb[id] = filmId }
        if let year {
            let key = Self.titleKey(searchTitle, year)
            if byTitleYear[key] == nil { byTitleYear[key] = filmId }
        }
        idsOfFilm[filmId] = (idsOfFilm[filmId] ?? ExternalIDs()).merging(ids)
    }

    /// External ids of `ids` that no other stored film already uses (unique columns must stay unique).
    public func unclaimed(_ ids: ExternalIDs, for filmId: String) -> ExternalIDs {
        var result = ids
        if let id = ids.movieLens100K, let owner = byMovieLens100K[id], owner != filmId { result.movieLens100K = nil }
        if let id = ids.movieLens, let owner = byMovieLens[id], owner != filmId { result.movieLens = nil }
        if let id = ids.imdb, let owner = byIMDb[id], owner != filmId { result.imdb = nil }
        return result
    }
}
