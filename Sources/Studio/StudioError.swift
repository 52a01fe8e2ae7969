/// An error from the application layer: configuration problems and requests that cannot be served.
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
        public var description: String { name }
    }

    public var code: Code
    public var message: String
    /// The request parameter at fault, when there is one.
    public var parameter: String?

    public init(_ code: Code, _ message: String, parameter: String? = nil) {
        self.code = code
        self.message = message
        self.parameter = parameter
    }

    public var description: String { message }
}
