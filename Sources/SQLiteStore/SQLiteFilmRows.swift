import Catalog
import Foundation
import GRDB
import Store

/// The mapping between `Film` and its rows in `films`, `film_genres`, `film_keywords`,
/// `people` and `credits`.
enum SQLiteFilmRows {
    /// Loads films with every related row. `ids == nil` loads all films ordered by id;
    /// otherwise the result follows the order of `ids`.
    static func load(_ db: Database, ids: [String]?) throws -> [Film] {
        var films: [Film] = []
        if let ids {
            guard !ids.isEmpty else { return [] }
            var byId: [String: Film] = [:]
            for chunk in stride(from: 0, to: ids.count, by: 500).map({ Array(ids[$0..<min($0 + 500, ids.count)]) }) {
                for film in try loadWhere(db, "id IN (\(placeholders(chunk.count)))", StatementArguments(chunk)) { byId[film.id] = film }
            }
            var seen = Set<String>()
            films = ids.compactMap { id in seen.insert(id).inserted ? byId[id] : nil }
        } else {
            films = try loadWhere(db, "1", [])
        }
        return films
    }

    private static func placeholders(_ count: Int) -> String {
        Array(repeating: "?", count: count).joined(separator: ",")
    }

    private static func loadWhere(_ db: Database, _ condition: String, _ arguments: StatementArguments) throws -> [Film] {
        let rows = try Row.fetchAll(db, sql: "SELECT * FROM films WHERE \(condition) ORDER BY id", arguments: arguments)
        guard !rows.isEmpty else { return [] }
        let decoder = JSONDecoder()
        var films: [Film] = []
        var position: [String: Int] = [:]
        for row in rows {
            let id: String = row["id"]
            let film = Film(
                id: id, title: row["title"], year: row["year"], runtimeMinutes: row["runtime_minutes"],
                characters: try decoder.decode([Character].self, from: Data((row["characters"] as String).utf8)),
                synopsis: row["synopsis"],
                settings: try decoder.decode([String].self, from: Data((row["settings"] as String).utf8)),
                moods: try decoder.decode([String].self, from: Data((row["moods"] as String).utf8)),
                audience: (row["audience"] as String?).flatMap(Audience.init(rawValue:)),
                externalIds: ExternalIDs(movieLens100K: row["movielens100k_id"], movieLens: row["movielens_id"], imdb: row["imdb_id"], tmdb: row["tmdb_id"]))
            position[id] = films.count
            films.append(film)
        }
        let subquery = "SELECT id FROM films WHERE \(condition)"
        for row in try Row.fetchAll(db, sql: "SELECT film_id, genre FROM film_genres WHERE film_id IN (\(subquery)) ORDER BY film_id, position", arguments: arguments) {
            if let index = position[row["film_id"]], let genre = Genre(rawValue: row["genre"]) { films[index].genres.append(genre) }
        }
        for row in try Row.fetchAll(db, sql: "SELECT film_id, keyword FROM film_keywords WHERE film_id IN (\(subquery)) ORDER BY film_id, position", arguments: arguments) {
            if let index = position[row["film_id"]] { films[index].keywords.append(row["keyword"]) }
        }
        for row in try Row.fetchAll(
            db,
            sql: """
                SELECT c.film_id, c.role, c.character, p.name FROM credits c JOIN people p ON p.id = c.person_id
                WHERE c.film_id IN (\(subquery)) ORDER BY c.film_id, c.role, c.position
                """,
            arguments: arguments)
        {
            guard let index = position[row["film_id"]] else { continue }
            if (row["role"] as String) == "director" {
                films[index].directors.append(row["name"])
            } else {
                films[index].cast.append(CastCredit(person: row["name"], character: row["character"] ?? ""))
            }
        }
        return films
    }

    static func upsert(_ film: Film, source: String, _ db: Database) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        func json<T: Encodable>(_ value: T) throws -> String { String(decoding: try encoder.encode(value), as: UTF8.self) }
        try db.execute(
            sql: """
                INSERT INTO films (id, title, search_title, year, runtime_minutes, synopsis, settings, moods, characters,
                                   movielens100k_id, movielens_id, imdb_id, tmdb_id, source, audience)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(id) DO UPDATE SET
                    title = excluded.title, search_title = excluded.search_title, year = excluded.year,
                    runtime_minutes = excluded.runtime_minutes, synopsis = excluded.synopsis, settings = excluded.settings,
                    moods = excluded.moods, characters = excluded.characters, movielens100k_id = excluded.movielens100k_id,
                    movielens_id = excluded.movielens_id, imdb_id = excluded.imdb_id, tmdb_id = excluded.tmdb_id,
                    audience = excluded.audience
                """,
            arguments: [
                film.id, film.title, Slug.searchKey(film.title), film.year, film.runtimeMinutes, film.synopsis,
                try json(film.settings), try json(film.moods), try json(film.characters),
                film.externalIds.movieLens100K, film.externalIds.movieLens, film.externalIds.imdb, film.externalIds.tmdb, source,
                film.audience?.rawValue,
            ])
        try db.execute(sql: "DELETE FROM film_genres WHERE film_id = ?", arguments: [film.id])
        for (position, genre) in film.genres.enumerated() {
            try db.execute(sql: "INSERT INTO film_genres (film_id, genre, position) VALUES (?, ?, ?)", arguments: [film.id, genre.rawValue, position])
        }
        try db.execute(sql: "DELETE FROM film_keywords WHERE film_id = ?", arguments: [film.id])
        var keywords = Set<String>()
        for (position, keyword) in film.keywords.enumerated() where keywords.insert(keyword).inserted {
            try db.execute(sql: "INSERT INTO film_keywords (film_id, keyword, position) VALUES (?, ?, ?)", arguments: [film.id, keyword, position])
        }
        try db.execute(sql: "DELETE FROM credits WHERE film_id = ?", arguments: [film.id])
        for (position, name) in film.directors.enumerated() {
            let person = try ensurePerson(name, db)
            try db.execute(
                sql: "INSERT INTO credits (film_id, person_id, role, character, position) VALUES (?, ?, 'director', NULL, ?)",
                arguments: [film.id, person, position])
        }
        for (position, credit) in film.cast.enumerated() {
            let person = try ensurePerson(credit.person, db)
            try db.execute(
                sql: "INSERT INTO credits (film_id, person_id, role, character, position) VALUES (?, ?, 'cast', ?, ?)",
                arguments: [film.id, person, credit.character, position])
        }
    }

    /// The person id for `name`, creating the person if needed.
    private static func ensurePerson(_ name: String, _ db: Database) throws -> String {
        let id = Person(name: name).id
        try db.execute(sql: "INSERT INTO people (id, name) VALUES (?, ?) ON CONFLICT(id) DO NOTHING", arguments: [id, name])
        return id
    }
}
