import Catalog
import Foundation
import GRDB
import Store

/// Films in SQLite: `films`, `film_genres`, `film_keywords`, `people` and `credits`.
struct SQLiteFilmStore: FilmStore {
    let pool: SQLitePool

    /// The film with this id, or nil.
    func film(id: String) async throws -> Film? {
        try await pool.read { db in try SQLiteFilmRows.load(db, ids: [id]).first }
    }

    /// The films with these ids, in the order given; unknown ids are left out.
    func films(ids: [String]) async throws -> [Film] {
        try await pool.read { db in try SQLiteFilmRows.load(db, ids: ids) }
    }

    /// Every film, ordered by id.
    func all() async throws -> [Film] {
        try await pool.read { db in try SQLiteFilmRows.load(db, ids: nil) }
    }

    /// Which of `ids` exist.
    func existingIds(_ ids: [String]) async throws -> Set<String> {
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

    func count() async throws -> Int {
        try await pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM films") ?? 0 }
    }

    /// Every film's id and title, ordered by id (for spotting titles in free text).
    func titles() async throws -> [(id: String, title: String)] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT id, title FROM films ORDER BY id").map { (id: $0["id"], title: $0["title"]) }
        }
    }

    /// One page of films matching `query`, with the total number of matches.
    func search(_ query: FilmQuery) async throws -> Page<Film> {
        try await pool.read { db in
            var conditions: [String] = []
            var arguments: StatementArguments = []
            var rank = ""
            if let text = query.text?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty {
                let key = Slug.searchKey(text)
                conditions.append("f.search_title LIKE ? ESCAPE '\\'")
                _ = arguments.append(contentsOf: ["%" + FilmQuery.escapeLike(key) + "%"])
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
                _ = pageArguments.append(contentsOf: [key, FilmQuery.escapeLike(key) + "%"])
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
            return Page(items: try SQLiteFilmRows.load(db, ids: ids), total: total, page: query.page, pageSize: query.pageSize)
        }
    }

    func upsert(_ films: [Film], source: String) async throws {
        try await pool.write { db in
            for film in films { try SQLiteFilmRows.upsert(film, source: source, db) }
        }
    }

    /// Maps of external ids and titles to film ids, used to merge imported films into existing ones.
    func matchIndex() async throws -> FilmMatchIndex {
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
}
