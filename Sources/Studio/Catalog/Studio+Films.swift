import Catalog
import Store

/// Limits on catalog queries, enforced with a 4xx by the server.
public enum QueryLimits {
    public static let maxPageSize = 100
    public static let defaultPageSize = 20
    public static let maxPage = 100_000
    public static let maxQueryLength = 200
}

extension Studio {
    /// Searches films by title text, genre and year range, one page at a time.
    public func searchFilms(_ query: FilmQuery) async throws -> Page<Film> {
        try await store.films.search(query)
    }

    /// The film with `id`.
    /// - Throws: ``StudioError`` `.notFound` when there is none.
    public func film(id: String) async throws -> Film {
        guard Identifier.isValid(id), let film = try await store.films.film(id: id) else {
            throw StudioError(.notFound, "no film with id '\(id.prefix(Identifier.maxLength))'")
        }
        return film
    }

    /// The user with `id`.
    /// - Throws: ``StudioError`` `.notFound` when there is none.
    public func user(id: String) async throws -> UserProfile {
        guard Identifier.isValid(id), let user = try await store.users.user(id: id) else {
            throw StudioError(.notFound, "no user with id '\(id.prefix(Identifier.maxLength))'")
        }
        return user
    }
}
