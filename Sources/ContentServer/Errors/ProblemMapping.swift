import Catalog
import Foundation
import HTTPTypes
import NIOCore
import Hummingbird
import Studio

/// The one place domain errors become HTTP problems. Domain modules never import Hummingbird.
enum ProblemMapping {
    static func problem(for error: any Error) -> Problem? {
        switch error {
        case let problem as Problem:
            return problem
        case let error as StudioError:
            return problem(for: error)
        case let error as DecodingError:
            return .invalidBody("malformed request body: \(JSONErrorDescription.describe(error))")
        case let error as HTTPError:
            return httpProblem(error)
        case is NIOTooManyBytesError:
            return Problem(.contentTooLarge, type: "body-too-large", detail: "the request body is over the server's limit")
        default:
            return nil
        }
    }

    /// Studio's errors, each code with its status and problem type.
    static func problem(for error: StudioError) -> Problem? {
        let fields = error.problems.isEmpty ? nil : error.problems.map { Problem.FieldProblem(field: $0.field, message: $0.message) }
        var problem: Problem
        switch error.code {
        case .notFound: problem = Problem(.notFound, type: "not-found", detail: error.message, parameter: error.parameter)
        case .invalidInput:
            problem = Problem(.badRequest, type: fields == nil ? "invalid-parameter" : "invalid-body", detail: error.message, parameter: error.parameter, problems: fields)
        case .unprocessable: problem = Problem(.unprocessableContent, type: "unprocessable", detail: error.message, parameter: error.parameter)
        case .conflict: problem = Problem(.conflict, type: "conflict", detail: error.message)
        case .rateLimited: problem = Problem(.tooManyRequests, type: "rate-limited", detail: error.message)
        case .unavailable: problem = Problem(.serviceUnavailable, type: "busy", detail: error.message)
        default: return nil
        }
        if let seconds = error.retryAfter { problem.headers[.retryAfter] = String(seconds) }
        return problem
    }

    /// Hummingbird's own errors (unknown route, body too large, bad method) as problems.
    private static func httpProblem(_ error: HTTPError) -> Problem {
        let type: String
        switch error.status {
        case .notFound: type = "not-found"
        case .contentTooLarge: type = "body-too-large"
        case .methodNotAllowed: type = "method-not-allowed"
        case .badRequest: type = "invalid-body"
        case .unsupportedMediaType: type = "unsupported-media-type"
        default: type = error.status.code >= 500 ? "server-error" : "client-error"
        }
        var detail = error.body ?? error.status.reasonPhrase
        if error.status == .notFound && error.body == nil { detail = "no such endpoint" }
        if error.status == .contentTooLarge { detail = "the request body is over the server's limit" }
        var problem = Problem(error.status, type: type, detail: detail)
        problem.headers = error.headers
        problem.headers[.contentType] = nil
        return problem
    }
}
