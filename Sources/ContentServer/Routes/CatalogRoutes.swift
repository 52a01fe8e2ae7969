import Catalog
import Foundation
import Hummingbird
import Store
import Studio

/// `GET /v1/films`, `GET /v1/films/{id}`, `GET /v1/users/{id}`.
struct CatalogRoutes {
    let studio: Studio

    func register(on router: Router<AppRequestContext>) {
        router.get("/v1/films") { request, _ in try await listFilms(request) }
        router.get("/v1/films/{id}") { _, context in
            FilmResource(film: try await studio.film(id: try context.parameters.require("id")))
        }
        router.get("/v1/users/{id}") { _, context in
            try context.require(.read)
            return UserResource(user: try await studio.user(id: try context.parameters.require("id")))
        }
        router.delete("/v1/users/{id}") { _, context -> JSONResource<UserDeletion> in
            try context.require(.admin)
            return JSONResource(value: try await studio.deleteUser(id: try context.parameters.require("id")))
        }
        router.get("/v1/users/{id}/export") { request, context -> Response in
            try context.require(.admin)
            var response = try JSONResource(value: try await studio.exportUser(id: try context.parameters.require("id"))).response(from: request, context: context)
            response.headers[.cacheControl] = "no-store"
            return response
        }
    }

    private func listFilms(_ request: Request) async throws -> ListResource<FilmResource> {
        let query = try QueryParameters(request)
        let yearRange = CatalogLimits.years.lowerBound...CatalogLimits.years.upperBound
        let filmQuery = FilmQuery(
            text: try query.string("q", maxLength: QueryLimits.maxQueryLength),
            genre: try query.genre("genre"),
            yearFrom: try query.int("yearFrom", range: yearRange),
            yearTo: try query.int("yearTo", range: yearRange),
            page: try query.int("page", default: 1, range: 1...QueryLimits.maxPage)!,
            pageSize: try query.int("pageSize", default: QueryLimits.defaultPageSize, range: 1...QueryLimits.maxPageSize)!)
        if let from = filmQuery.yearFrom, let to = filmQuery.yearTo, from > to {
            throw Problem.invalidParameter("yearFrom", "'yearFrom' (\(from)) must not be after 'yearTo' (\(to))")
        }
        let page = try await studio.searchFilms(filmQuery)
        return ListResource(items: page.items.map(FilmResource.init), total: page.total, page: page.page, pageSize: page.pageSize)
    }
}
