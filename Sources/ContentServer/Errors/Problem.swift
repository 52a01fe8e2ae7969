import Foundation
import HTTPTypes
import Hummingbird

/// An RFC 9457 problem document (`application/problem+json`): what every error response is.
public struct Problem: HTTPResponseError, Encodable, Sendable {
    public var status: HTTPResponse.Status
    /// A URN naming the kind of problem, e.g. `urn:scenewright:problem:invalid-parameter`.
    public var type: String
    public var title: String
    public var detail: String
    /// The request parameter at fault, for 400s about a parameter.
    public var parameter: String?
    /// Every invalid field, for 400s about a body.
    public var problems: [FieldProblem]?
    /// Filled in by the middleware.
    public var instance: String?
    public var requestId: String?
    /// Extra headers (e.g. `Retry-After`).
    public var headers: HTTPFields = [:]

    /// One invalid field of a request body.
    public struct FieldProblem: Encodable, Sendable, Equatable {
        public var field: String
        public var message: String
    }

    public init(_ status: HTTPResponse.Status, type: String, detail: String, parameter: String? = nil, problems: [FieldProblem]? = nil) {
        self.status = status
        self.type = "urn:scenewright:problem:" + type
        self.title = status.reasonPhrase
        self.detail = detail
        self.parameter = parameter
        self.problems = problems
    }

    private enum CodingKeys: String, CodingKey { case status, type, title, detail, parameter, problems, instance, requestId }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(Int(status.code), forKey: .status)
        try c.encode(type, forKey: .type)
        try c.encode(title, forKey: .title)
        try c.encode(detail, forKey: .detail)
        try c.encodeIfPresent(parameter, forKey: .parameter)
        try c.encodeIfPresent(problems, forKey: .problems)
        try c.encodeIfPresent(instance, forKey: .instance)
        try c.encodeIfPresent(requestId, forKey: .requestId)
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        let data = (try? JSONCoding.encoder.encode(self)) ?? Data(#"{"status":500,"title":"Internal Server Error"}"#.utf8)
        var fields = headers
        fields[.contentType] = "application/problem+json"
        fields[.cacheControl] = "no-store"
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    // MARK: Common problems

    public static func invalidParameter(_ name: String, _ detail: String) -> Problem {
        Problem(.badRequest, type: "invalid-parameter", detail: detail, parameter: name)
    }

    public static func notFound(_ detail: String) -> Problem {
        Problem(.notFound, type: "not-found", detail: detail)
    }

    public static func unauthorized(_ detail: String) -> Problem {
        var problem = Problem(.unauthorized, type: "unauthorized", detail: detail)
        problem.headers[.wwwAuthenticate] = "Bearer realm=\"scenewright\""
        return problem
    }

    public static func tooManyRequests(retryAfter seconds: Int) -> Problem {
        var problem = Problem(.tooManyRequests, type: "rate-limited", detail: "too many requests; retry after \(seconds) s")
        problem.headers[.retryAfter] = String(seconds)
        return problem
    }

    public static func invalidBody(_ detail: String, problems: [FieldProblem]? = nil) -> Problem {
        Problem(.badRequest, type: "invalid-body", detail: detail, problems: problems)
    }
}
