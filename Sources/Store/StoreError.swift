/// An error from a storage engine: the database is unavailable, a record is missing, a write
/// conflicts with another, or a value breaks a constraint.
public struct StoreError: Error, Sendable, CustomStringConvertible {
    /// What kind of failure this is.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }
        /// The database cannot be reached, opened or migrated.
        public static let unavailable = Code("unavailable")
        /// A referenced record does not exist.
        public static let notFound = Code("notFound")
        /// Another write got there first (a version, a unique key).
        public static let conflict = Code("conflict")
        /// A value breaks a constraint of the schema (a foreign key, a check).
        public static let constraint = Code("constraint")
        public var description: String { name }
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
