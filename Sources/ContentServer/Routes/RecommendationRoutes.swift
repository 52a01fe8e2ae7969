import Catalog
import Foundation
import HTTPTypes
import Hummingbird
import Studio

/// Users, their feedback, and their recommendations.
struct RecommendationRoutes {
    let studio: Studio

    func register(on router: Router<AppRequestContext>) {
        router.post("/v1/users") { request, context -> Response in
            try context.require(.author)
            let body = try await request.decodeJSON(as: CreateUserBody.self, context: context)
            let user = try await studio.users.createUser(body.profile)
            var response = try UserResource(user: user).response(from: request, context: context)
            response.status = .created
            response.headers[.location] = "/v1/users/\(user.id)"
            return response
        }
        router.post("/v1/users/{id}/events") { request, context -> EventReceiptResource in
            try context.require(.author)
            let id = try context.parameters.require("id")
            let body = try await request.decodeJSON(as: EventsBody.self, context: context)
            return EventReceiptResource(receipt: try await studio.recommendations.recordEvents(userId: id, body.events.map(\.input)))
        }
        router.get("/v1/users/{id}/recommendations") { request, context -> Response in
            try context.require(.read)
            let query = try QueryParameters(request)
            let k = try query.int("k", default: 10, range: 1...RecommendationLimits.maxK)!
            let explain = try query.bool("explain", default: false)
            let list = try await studio.recommendations.recommendations(userId: try context.parameters.require("id"), k: k, explain: explain)
            var response = try RecommendationListResource(list: list).response(from: request, context: context)
            response.headers[.cacheControl] = ArtifactResponse.personal
            return response
        }
    }
}

struct EventReceiptResource: ResponseEncodable {
    var receipt: EventReceipt
    func encode(to encoder: any Encoder) throws { try receipt.encode(to: encoder) }
}

struct RecommendationListResource: ResponseEncodable {
    var list: RecommendationList
    func encode(to encoder: any Encoder) throws { try list.encode(to: encoder) }
}
