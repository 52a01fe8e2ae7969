import Catalog
import Foundation
import GRDB

/// Reads and writes films with their genres, keywords and credits.
public struct FilmRepository: Sendable {
    let pool: DatabasePool

    /// The film with this id, or nil.
    public func film(id: String) async throws -> Film? {
        try await pool.read { db in try FilmRows.load(db, ids: [id]).first }
    }

    /// The films with these ids, in the order given; unknown ids are left out.
    public func films(ids: [String]) async throws -> [Film] {
        try await pool.read { db in try FilmRows.load(db, ids: ids) }
    }

    /// Every film, ordered by id.
    public func all() async throws -> [Film] {
        try await pool.read { db in try FilmRows.load(db, ids: nil) }
    }

    /// Which of `ids` exist.
    public func existingIds(_ ids: [String]) async throws -> Set<String> {
        try await pool.read { db in
            var found = Set<String>()
            let unique = Array(Set(ids))
            for chunk in stride(from: 0, to: unique.count, by: 500).map({ Array(unique[$0..<min($0 + 500, unique.count)]) }) {
                let sql = "SELECT id FROM films WHERE id IN (\(Array(repeating: "?", count: chunk.count).joined(separator: ",")))"
                found.formUnion(try String.fetchAll(db, sql: sql, arguments: StatementArguments(chunk)))
            }
            return found
        }
    }

    public func count() async throws -> Int {
        try await pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM films") ?? 0 }
    }

    /// Every film's id and title, ordered by id (for spotting titles in free text).
    public func titles() async throws -> [(id: String, title: String)] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT id, title FROM films ORDER BY id").map { (id: $0["id"], title: $0["title"]) }
        }
    }

    /// One page of films matching `query`, with the total number of matches.
    public func search(_ query: FilmQuery) async throws -> Page<Film> {
        try await pool.read { db in
            var conditions: [String] = []
            var arguments: StatementArguments = []
            var rank = ""
            if let text = query.text?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty {
                let key = Slug.searchKey(text)
                conditions.append("f.search_title LIKE ? ESCAPE '\\'")
                _ = arguments.append(contentsOf: ["%" + Self.escapeLike(key) + "%"])
                // Exact titles first, then titles that start with the text, then the rest.
                rank = "(CASE WHEN f.search_title = ? THEN 0 WHEN f.search_title LIKE ? ESCAPE '\\' THEN 1 ELSE 2 END), "
            }
            if let genre = query.genre {
                conditions.append("EXISTS (SELECT 1 FROM film_genres g WHERE g.film_id = f.id AND g.genre = ?)")
                _ = arguments.append(contentsOf: [genre.rawValue])
            }
            if let from = query.yearFrom {
                conditions.append("f.year >= ?")
                _ = arguments.append(contentsOf: [from])
            }
            if let to = query.yearTo {
                conditions.append("f.year <= ?")
                _ = arguments.append(contentsOf: [to])
            }
            let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
            let total = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM films f \(whereClause)", arguments: arguments) ?? 0
            var pageArguments = arguments
            if let text = query.text?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty {
                let key = Slug.searchKey(text)
                _ = pageArguments.append(contentsOf: [key, Self.escapeLike(key) + "%"])
            }
            _ = pageArguments.append(contentsOf: [query.pageSize, (query.page - 1) * query.pageSize])
            let ids = try String.fetchAll(
                db,
                sql: """
                    SELECT f.id FROM films f \(whereClause)
                    ORDER BY \(rank)f.search_title, f.year, f.id
                    LIMIT ? OFFSET ?
                    """,
                arguments: pageArguments)
            return Page(items: try FilmRows.load(db, ids: ids), total: total, page: query.page, pageSize: query.pageSize)
        }
    }

    /// Inserts or replaces films (with all their genres, keywords and credits) in one transaction.
    /// - Parameter source: where the records came from, kept for provenance.
    public func upsert(_ films: [Film], source: String) async throws {
        try await pool.write { db in
            for film in films { try FilmRows.upsert(film, source: source, db) }
        }
    }

    /// Maps of external ids and titles to film ids, used to merge imported films into existing ones.
    public func matchIndex() async throws -> FilmMatchIndex {
        try await pool.read { db in
            var index = FilmMatchIndex()
            for row in try Row.fetchAll(db, sql: "SELECT id, search_title, year, movielens100k_id, movielens_id, imdb_id FROM films") {
                let id: String = row["id"]
                let ids = ExternalIDs(movieLens100K: row["movielens100k_id"], movieLens: row["movielens_id"], imdb: row["imdb_id"])
                index.insert(filmId: id, searchTitle: row["search_title"], year: row["year"], ids: ids)
            }
            return index
        }
    }

    static func escapeLike(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_")
    }
}

/// A film search: every field optional, paged.
public struct FilmQuery: Sendable, Equatable {
    /// Case- and accent-insensitive substring of the title.
    public var text: String?
    public var genre: Genre?
    public var yearFrom: Int?
    public var yearTo: Int?
    /// 1-based page number.
    public var page: Int
    public var pageSize: Int

    public init(text: String? = nil, genre: Genre? = nil, yearFrom: Int? = nil, yearTo: Int? = nil, page: Int = 1, pageSize: Int = 20) {
        self.text = text
        self.genre = genre
        self.yearFrom = yearFrom
        self.yearTo = yearTo
        self.page = page
        self.pageSize = pageSize
    }
}

/// One page of a longer list.
public struct Page<Item: Sendable>: Sendable {
    public var items: [Item]
    /// Number of matches across all pages.
    public var total: Int
    public var page: Int
    public var pageSize: Int

    public init(items: [Item], total: Int, page: Int, pageSize: Int) {
        self.items = items
        self.total = total
        self.page = page
        self.pageSize = pageSize
    }
}

extension Page: Encodable where Item: Encodable {}

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

    mutating func insert(filmId: String, searchTitle: String, year: Int?, ids: ExternalIDs) {
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
