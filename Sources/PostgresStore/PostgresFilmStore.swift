import Catalog
import Foundation
import PostgresNIO
import Store

/// Films in PostgreSQL: `films`, `film_genres`, `film_keywords`, `people` and `credits`.
struct PostgresFilmStore: FilmStore {
    let db: PoolExecutor

    func film(id: String) async throws -> Film? { try await load(ids: [id]).first }

    func films(ids: [String]) async throws -> [Film] { try await load(ids: ids) }

    func all() async throws -> [Film] { try await load(ids: nil) }

    func existingIds(_ ids: [String]) async throws -> Set<String> {
        guard !ids.isEmpty else { return [] }
        return Set(try await db.rows("SELECT id FROM films WHERE id = ANY(\(Array(Set(ids))))").map { try $0.get("id", as: String.self) })
    }

    func count() async throws -> Int { try await db.scalar("SELECT COUNT(*) FROM films", as: Int.self) ?? 0 }

    func titles() async throws -> [(id: String, title: String)] {
        try await db.rows("SELECT id, title FROM films ORDER BY id COLLATE \"C\"").map { (id: try $0.get("id"), title: try $0.get("title")) }
    }

    func search(_ query: FilmQuery) async throws -> Page<Film> {
        var conditions: [String] = []
        var binds = PostgresBindings()
        func placeholder<T: PostgresDynamicTypeEncodable>(_ value: T) -> String {
            binds.append(value)
            return "$\(binds.count)"
        }
        if let key = query.searchKey { conditions.append("f.search_title LIKE \(placeholder("%" + FilmQuery.escapeLike(key) + "%")) ESCAPE '\\'") }
        if let genre = query.genre { conditions.append("EXISTS (SELECT 1 FROM film_genres g WHERE g.film_id = f.id AND g.genre = \(placeholder(genre.rawValue)))") }
        if let from = query.yearFrom { conditions.append("f.year >= \(placeholder(from))") }
        if let to = query.yearTo { conditions.append("f.year <= \(placeholder(to))") }
        let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let total = try await db.scalar(PostgresQuery(unsafeSQL: "SELECT COUNT(*) FROM films f \(whereClause)", binds: binds), as: Int.self) ?? 0
        var rank = ""
        if let key = query.searchKey {
            // Exact titles first, then titles that start with the text, then the rest.
            rank = "(CASE WHEN f.search_title = \(placeholder(key)) THEN 0 WHEN f.search_title LIKE \(placeholder(FilmQuery.escapeLike(key) + "%")) ESCAPE '\\' THEN 1 ELSE 2 END), "
        }
        let limit = placeholder(query.pageSize)
        let offset = placeholder((query.page - 1) * query.pageSize)
        let ids = try await db.rows(
            PostgresQuery(
                unsafeSQL: "SELECT f.id FROM films f \(whereClause) ORDER BY \(rank)f.search_title COLLATE \"C\", f.year, f.id COLLATE \"C\" LIMIT \(limit) OFFSET \(offset)",
                binds: binds)
        ).map { try $0.get("id", as: String.self) }
        return Page(items: try await load(ids: ids), total: total, page: query.page, pageSize: query.pageSize)
    }

    func upsert(_ films: [Film], source: String) async throws {
        guard !films.isEmpty else { return }
        try await db.transaction { tx in
            for film in films { try await Self.upsert(film, source: source, tx) }
        }
    }

    func matchIndex() async throws -> FilmMatchIndex {
        var index = FilmMatchIndex()
        for row in try await db.rows("SELECT id, search_title, year, movielens100k_id, movielens_id, imdb_id FROM films") {
            let ids = ExternalIDs(movieLens100K: try row.get("movielens100k_id"), movieLens: try row.get("movielens_id"), imdb: try row.get("imdb_id"))
            index.insert(filmId: try row.get("id"), searchTitle: try row.get("search_title"), year: try row.get("year"), ids: ids)
        }
        return index
    }

    /// Films with every related row: all (ordered by id) when `ids` is nil, else in the order of `ids`.
    private func load(ids: [String]?) async throws -> [Film] {
        if let ids, ids.isEmpty { return [] }
        let filter: PostgresQuery = ids.map { "SELECT id FROM films WHERE id = ANY(\($0))" } ?? "SELECT id FROM films"
        func scoped(_ sql: String) -> PostgresQuery { PostgresQuery(unsafeSQL: sql.replacingOccurrences(of: "{ids}", with: filter.sql), binds: filter.binds) }
        var films: [Film] = []
        var position: [String: Int] = [:]
        for row in try await db.rows(scoped("SELECT * FROM films WHERE id IN ({ids}) ORDER BY id COLLATE \"C\"")) {
            let id: String = try row.get("id")
            position[id] = films.count
            films.append(
                Film(
                    id: id, title: try row.get("title"), year: try row.get("year"), runtimeMinutes: try row.get("runtime_minutes"),
                    characters: try StoredJSON.decode([Character].self, try row.get("characters")), synopsis: try row.get("synopsis"),
                    settings: try StoredJSON.decode([String].self, try row.get("settings")), moods: try StoredJSON.decode([String].self, try row.get("moods")),
                    audience: try row.get("audience", as: String?.self).flatMap(Audience.init(rawValue:)),
                    externalIds: ExternalIDs(
                        movieLens100K: try row.get("movielens100k_id"), movieLens: try row.get("movielens_id"), imdb: try row.get("imdb_id"),
                        tmdb: try row.get("tmdb_id"))))
        }
        guard !films.isEmpty else { return [] }
        for row in try await db.rows(scoped("SELECT film_id, genre FROM film_genres WHERE film_id IN ({ids}) ORDER BY film_id COLLATE \"C\", position")) {
            if let index = position[try row.get("film_id")], let genre = Genre(rawValue: try row.get("genre")) { films[index].genres.append(genre) }
        }
        for row in try await db.rows(scoped("SELECT film_id, keyword FROM film_keywords WHERE film_id IN ({ids}) ORDER BY film_id COLLATE \"C\", position")) {
            if let index = position[try row.get("film_id")] { films[index].keywords.append(try row.get("keyword")) }
        }
        let credits = """
            SELECT c.film_id, c.role, c.character, p.name FROM credits c JOIN people p ON p.id = c.person_id
            WHERE c.film_id IN ({ids}) ORDER BY c.film_id COLLATE \"C\", c.role, c.position
            """
        for row in try await db.rows(scoped(credits)) {
            guard let index = position[try row.get("film_id")] else { continue }
            if try row.get("role", as: String.self) == "director" {
                films[index].directors.append(try row.get("name"))
            } else {
                films[index].cast.append(CastCredit(person: try row.get("name"), character: try row.get("character", as: String?.self) ?? ""))
            }
        }
        guard let ids else { return films }
        var seen = Set<String>()
        return ids.compactMap { id in seen.insert(id).inserted ? position[id].map { films[$0] } : nil }
    }

    private static func upsert(_ film: Film, source: String, _ tx: ConnectionExecutor) async throws {
        let ids = film.externalIds
        try await tx.execute("""
            INSERT INTO films (id, title, search_title, year, runtime_minutes, synopsis, settings, moods, characters,
                               movielens100k_id, movielens_id, imdb_id, tmdb_id, source, audience)
            VALUES (\(film.id), \(film.title), \(Slug.searchKey(film.title)), \(film.year), \(film.runtimeMinutes), \(film.synopsis),
                    \(try StoredJSON.encode(film.settings)), \(try StoredJSON.encode(film.moods)), \(try StoredJSON.encode(film.characters)),
                    \(ids.movieLens100K), \(ids.movieLens), \(ids.imdb), \(ids.tmdb), \(source), \(film.audience?.rawValue))
            ON CONFLICT (id) DO UPDATE SET
                title = excluded.title, search_title = excluded.search_title, year = excluded.year,
                runtime_minutes = excluded.runtime_minutes, synopsis = excluded.synopsis, settings = excluded.settings,
                moods = excluded.moods, characters = excluded.characters, movielens100k_id = excluded.movielens100k_id,
                movielens_id = excluded.movielens_id, imdb_id = excluded.imdb_id, tmdb_id = excluded.tmdb_id, audience = excluded.audience
            """)
        try await tx.execute("DELETE FROM film_genres WHERE film_id = \(film.id)")
        if !film.genres.isEmpty {
            try await tx.execute("""
                INSERT INTO film_genres (film_id, genre, position)
                SELECT \(film.id), g, p - 1 FROM UNNEST(\(film.genres.map(\.rawValue))::text[]) WITH ORDINALITY AS t(g, p)
                """)
        }
        try await tx.execute("DELETE FROM film_keywords WHERE film_id = \(film.id)")
        var seen = Set<String>()
        let keywords = film.keywords.enumerated().filter { seen.insert($0.element).inserted }
        if !keywords.isEmpty {
            try await tx.execute("""
                INSERT INTO film_keywords (film_id, keyword, position)
                SELECT \(film.id), k, p FROM UNNEST(\(keywords.map(\.element))::text[], \(keywords.map(\.offset))::bigint[]) AS t(k, p)
                """)
        }
        try await tx.execute("DELETE FROM credits WHERE film_id = \(film.id)")
        let people = film.directors + film.cast.map(\.person)
        if !people.isEmpty {
            try await tx.execute("""
                INSERT INTO people (id, name) SELECT DISTINCT ON (i) i, n FROM UNNEST(\(people.map { Person(name: $0).id })::text[], \(people)::text[]) AS t(i, n)
                ON CONFLICT (id) DO NOTHING
                """)
        }
        for (position, name) in film.directors.enumerated() {
            try await tx.execute("""
                INSERT INTO credits (film_id, person_id, role, character, position) VALUES (\(film.id), \(Person(name: name).id), 'director', NULL, \(position))
                """)
        }
        for (position, credit) in film.cast.enumerated() {
            try await tx.execute("""
                INSERT INTO credits (film_id, person_id, role, character, position)
                VALUES (\(film.id), \(Person(name: credit.person).id), 'cast', \(credit.character), \(position))
                """)
        }
    }
}
