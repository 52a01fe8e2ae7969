import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// Gives every response a request id and turns every error into a problem+json response;
/// logs one line per request. Unknown errors become a 500 whose detail reveals nothing internal.
struct ProblemMiddleware<Context: RequestContext>: RouterMiddleware {
    static var requestIdHeader: HTTPField.Name { HTTPField.Name("X-Request-Id")! }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let started = ContinuousClock.now
        var response: Response
        do {
            response = try await next(request, context)
        } catch {
            var problem: Problem
            if let mapped = ProblemMapping.problem(for: error) {
                problem = mapped
            } else {
                context.logger.error("unhandled error", metadata: ["error": "\(String(reflecting: error))"])
                problem = Problem(.internalServerError, type: "server-error", detail: "the server could not complete the request; see the server log for request id \(context.id)")
            }
            problem.instance = request.uri.path
            problem.requestId = context.id
            response = try problem.response(from: request, context: context)
        }
        response.headers[Self.requestIdHeader] = context.id
        let elapsed = ContinuousClock.now - started
        let milliseconds = Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000
        context.logger.info(
            "request",
            metadata: [
                "method": "\(request.method)", "path": "\(request.uri.path)", "status": "\(response.status.code)",
                "ms": "\(String(format: "%.1f", milliseconds))",
            ])
        return response
    }
}
