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
            FilmResource(film: try await studio.catalog.film(id: try context.parameters.require("id")))
        }
        router.get("/v1/users/{id}") { request, context -> Response in
            try context.require(.read)
            var response = try UserResource(user: try await studio.catalog.user(id: try context.parameters.require("id"))).response(from: request, context: context)
            response.headers[.cacheControl] = ArtifactResponse.personal
            return response
        }
        router.delete("/v1/users/{id}") { _, context -> JSONResource<UserDeletion> in
            try context.require(.admin)
            return JSONResource(value: try await studio.users.deleteUser(id: try context.parameters.require("id")))
        }
        router.get("/v1/users/{id}/export") { request, context -> Response in
            try context.require(.admin)
            let export = try await studio.users.exportUser(id: try context.parameters.require("id"))
            var response = try JSONResource(value: UserExportResource(export: export)).response(from: request, context: context)
            response.headers[.cacheControl] = ArtifactResponse.personal
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
        let page = try await studio.catalog.searchFilms(filmQuery)
        return ListResource(items: page.items.map(FilmResource.init), total: page.total, page: page.page, pageSize: page.pageSize)
    }
}
