import Catalog
import Foundation
import HTTPTypes
import NIOCore
import Hummingbird
import Store
import Studio

/// The one place domain errors become HTTP problems. Domain modules never import Hummingbird.
enum ProblemMapping {
    static func problem(for error: any Error) -> Problem? {
        switch error {
        case let problem as Problem:
            return problem
        case let error as StudioError:
            switch error.code {
            case .notFound: return Problem(.notFound, type: "not-found", detail: error.message, parameter: error.parameter)
            case .invalidInput: return Problem(.badRequest, type: "invalid-parameter", detail: error.message, parameter: error.parameter)
            case .unprocessable: return Problem(.unprocessableContent, type: "unprocessable", detail: error.message, parameter: error.parameter)
            default: return nil
            }
        case let error as CatalogError:
            let fields = error.problems.isEmpty ? nil : error.problems.map { Problem.FieldProblem(field: $0.field, message: $0.message) }
            switch error.code {
            case .notFound: return Problem(.notFound, type: "not-found", detail: error.message)
            case .conflict: return Problem(.conflict, type: "conflict", detail: error.message)
            default: return Problem(.badRequest, type: "invalid-body", detail: error.message, problems: fields)
            }
        case let error as StoreError:
            switch error.code {
            case .conflict: return Problem(.conflict, type: "conflict", detail: error.message)
            case .notFound: return Problem(.notFound, type: "not-found", detail: error.message)
            default: return nil
            }
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
