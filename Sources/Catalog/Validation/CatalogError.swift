/// An error from the catalog domain: invalid values, unknown ids, malformed data.
///
/// `code` is extensible (new codes do not break callers); `problems` lists every invalid field,
/// not just the first, so a client can fix a request in one round trip.
public struct CatalogError: Error, Sendable, CustomStringConvertible {
    /// What kind of failure this is.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Sendable { case invalidValue, notFound, malformedData, conflict }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// A value breaks a rule (rating outside 0.5–5, empty title…).
        public static let invalidValue = Code(.invalidValue)
        /// A referenced film, user or other record does not exist.
        public static let notFound = Code(.notFound)
        /// Input could not be parsed at all.
        public static let malformedData = Code(.malformedData)
        /// The request contradicts stored state.
        public static let conflict = Code(.conflict)

        public var description: String { base.rawValue }
    }

    public var code: Code
    public var message: String
    public var problems: [ValidationProblem]

    public init(_ code: Code, _ message: String, problems: [ValidationProblem] = []) {
        self.code = code
        self.message = message
        self.problems = problems
    }

    /// An `invalidValue` error summarising every problem found.
    public static func invalid(_ what: String, _ problems: [ValidationProblem]) -> CatalogError {
        let detail = problems.map { "\($0.field): \($0.message)" }.joined(separator: "; ")
        return CatalogError(.invalidValue, "invalid \(what): \(detail)", problems: problems)
    }

    public static func notFound(_ what: String, id: String) -> CatalogError {
        CatalogError(.notFound, "no \(what) with id '\(id)'")
    }

    public var description: String { message }
}

/// One invalid field: where it is (a JSON-path-like name) and what is wrong with it.
public struct ValidationProblem: Codable, Sendable, Hashable {
    public var field: String
    public var message: String

    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }
}
