import Catalog
import Foundation
import Narrative
import Store

/// Limits on catalog queries, enforced with a 4xx by the server.
public enum QueryLimits {
    public static let maxPageSize = 100
    public static let defaultPageSize = 20
    public static let maxPage = 100_000
    public static let maxQueryLength = 200
}

/// Films and visitor profiles as the other services read them: lookups that say what is
/// missing, search, and the titles ask-the-film spots in questions.
public final class CatalogService: Sendable {
    let storage: any StorageEngine

    init(storage: any StorageEngine) { self.storage = storage }

    /// Searches films by title text, genre and year range, one page at a time.
    /// - Throws: ``StudioError`` `.invalidInput` for a page or page size out of range.
    public func searchFilms(_ query: FilmQuery) async throws -> Page<Film> {
        try await studioErrors {
            guard (1...QueryLimits.maxPage).contains(query.page) else {
                throw StudioError(.invalidInput, "page must be between 1 and \(QueryLimits.maxPage)", parameter: "page")
            }
            guard (1...QueryLimits.maxPageSize).contains(query.pageSize) else {
                throw StudioError(.invalidInput, "pageSize must be between 1 and \(QueryLimits.maxPageSize)", parameter: "pageSize")
            }
            guard (query.text?.count ?? 0) <= QueryLimits.maxQueryLength else {
                throw StudioError(.invalidInput, "q must be at most \(QueryLimits.maxQueryLength) characters", parameter: "q")
            }
            return try await storage.films.search(query)
        }
    }

    /// The film with `id`.
    /// - Throws: ``StudioError`` `.notFound` when there is none.
    public func film(id: String) async throws -> Film {
        try await studioErrors {
            guard Identifier.isValid(id), let film = try await storage.films.film(id: id) else {
                throw StudioError(.notFound, "no film with id '\(id.prefix(Identifier.maxLength))'")
            }
            return film
        }
    }

    /// The films with these ids that exist, in the order given.
    public func films(ids: [String]) async throws -> [Film] {
        try await studioErrors { try await storage.films.films(ids: ids) }
    }

    /// The user with `id`.
    /// - Throws: ``StudioError`` `.notFound` when there is none.
    public func user(id: String) async throws -> UserProfile {
        try await studioErrors {
            guard Identifier.isValid(id), let user = try await storage.users.user(id: id) else {
                throw StudioError(.notFound, "no user with id '\(id.prefix(Identifier.maxLength))'")
            }
            return user
        }
    }

    /// Every film's id and title (for spotting titles in free text).
    func titleIndex() async throws -> FilmTitleIndex { FilmTitleIndex(titles: try await storage.films.titles()) }

    /// The ids of every film.
    func filmIds() async throws -> Set<String> { Set(try await storage.films.titles().map(\.id)) }
}
