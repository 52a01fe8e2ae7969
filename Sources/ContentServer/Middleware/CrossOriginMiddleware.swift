import Foundation
import HTTPTypes
import Hummingbird

/// CORS for the configured origins (`*` for any), so a WebXR page served elsewhere can fetch
/// scenes: answers preflight `OPTIONS` requests and adds `Access-Control-Allow-Origin` to
/// responses for allowed origins. Requests from other origins get no CORS headers (the browser
/// then withholds the response).
struct CrossOriginMiddleware<Context: RequestContext>: RouterMiddleware {
    let origins: [String]

    static var allowHeaders: String { "Accept, Authorization, Content-Type, If-None-Match, X-API-Key" }
    static var exposeHeaders: String { "ETag, Location, Retry-After, X-Request-Id" }

    func allowed(_ request: Request) -> String? {
        guard let origin = request.headers[.origin], origin != "null" else { return nil }
        if origins.contains("*") { return "*" }
        return origins.contains(origin) ? origin : nil
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let origin = allowed(request)
        if request.method == .options, request.headers[.accessControlRequestMethod] != nil {
            var headers: HTTPFields = [.vary: "Origin"]
            if let origin {
                headers[.accessControlAllowOrigin] = origin
                headers[.accessControlAllowMethods] = "GET, HEAD, POST, PUT, DELETE, OPTIONS"
                headers[.accessControlAllowHeaders] = Self.allowHeaders
                headers[.accessControlMaxAge] = "600"
            }
            return Response(status: .noContent, headers: headers)
        }
        var response = try await next(request, context)
        if let origin {
            response.headers[.accessControlAllowOrigin] = origin
            response.headers[.accessControlExposeHeaders] = Self.exposeHeaders
            if origin != "*" { response.headers[.vary] = "Origin" }
        }
        return response
    }
}
