import Catalog
import Store

/// The one error Studio throws: what went wrong, in terms a front end can map to a response
/// (the HTTP server to problem+json, the CLI to a message and an exit code).
public struct StudioError: Error, Sendable, CustomStringConvertible {
    /// What kind of failure this is.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }
        /// Data folders or files are missing or malformed (a start-up error).
        public static let configuration = Code("configuration")
        /// A request names something that does not exist.
        public static let notFound = Code("notFound")
        /// A request is well-formed but cannot be carried out (e.g. an infeasible tour).
        public static let unprocessable = Code("unprocessable")
        /// A request's values are invalid.
        public static let invalidInput = Code("invalidInput")
        /// Another write got there first (a tour version, an existing id).
        public static let conflict = Code("conflict")
        /// The work cannot be taken now (the queue is full, storage is down): try again later.
        public static let unavailable = Code("unavailable")
        /// This client has too much work queued already: try again later.
        public static let rateLimited = Code("rateLimited")
        /// A defect: something that should not happen did.
        public static let `internal` = Code("internal")
        public var description: String { name }
    }

    /// One field at fault, for requests whose every problem is listed.
    public struct FieldProblem: Sendable, Equatable {
        public var field: String
        public var message: String
        public init(field: String, message: String) {
            self.field = field
            self.message = message
        }
    }

    public var code: Code
    public var message: String
    /// The request parameter at fault, when there is one.
    public var parameter: String?
    /// Every field at fault, when a request was checked as a whole.
    public var problems: [FieldProblem]
    /// For `.unavailable`: seconds after which trying again is reasonable.
    public var retryAfter: Int?

    public init(_ code: Code, _ message: String, parameter: String? = nil, problems: [FieldProblem] = [], retryAfter: Int? = nil) {
        self.code = code
        self.message = message
        self.parameter = parameter
        self.problems = problems
        self.retryAfter = retryAfter
    }

    public var description: String { message }

    /// `error` in Studio's terms: store and catalog errors keep their meaning, anything else is internal.
    static func from(_ error: any Error) -> StudioError {
        switch error {
        case let error as StudioError: return error
        case let error as StoreError:
            switch error.code {
            case .conflict: return StudioError(.conflict, error.message)
            case .notFound: return StudioError(.notFound, error.message)
            case .constraint: return StudioError(.invalidInput, error.message)
            default: return StudioError(.unavailable, "storage is unavailable: \(error.message)", retryAfter: 5)
            }
        case let error as CatalogError:
            let problems = error.problems.map { FieldProblem(field: $0.field, message: $0.message) }
            switch error.code {
            case .notFound: return StudioError(.notFound, error.message)
            case .conflict: return StudioError(.conflict, error.message)
            default: return StudioError(.invalidInput, error.message, problems: problems)
            }
        case is CancellationError: return StudioError(.unavailable, "the request was cancelled", retryAfter: 1)
        default: return StudioError(.internal, "\(error)")
        }
    }
}

/// Runs `body`, turning any error it throws into a ``StudioError``: every public Studio entry
/// point goes through here, so callers see one error vocabulary.
func studioErrors<T>(_ body: () async throws -> T) async throws(StudioError) -> T {
    do {
        return try await body()
    } catch {
        throw StudioError.from(error)
    }
}
