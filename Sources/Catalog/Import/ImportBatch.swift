import Foundation

/// Everything one import read from its source files, ready to be merged into the store.
public struct ImportBatch: Sendable {
    /// Which format the files were in.
    public var source: ImportSource
    public var films: [Film]
    public var users: [UserProfile]
    public var events: [FeedbackEvent]
    /// Rows that were malformed and skipped, each with file and line number.
    public var problems: [ImportProblem]

    public init(source: ImportSource, films: [Film] = [], users: [UserProfile] = [], events: [FeedbackEvent] = [], problems: [ImportProblem] = []) {
        self.source = source
        self.films = films
        self.users = users
        self.events = events
        self.problems = problems
    }
}

/// The catalog formats Scenewright imports.
public enum ImportSource: String, Sendable, Codable {
    case movieLens100K = "movielens-100k"
    case movieLensLatest = "movielens-latest"
    case jsonCatalog = "json-catalog"
    case sampleCatalog = "sample-catalog"
}

/// A malformed row that an import skipped.
public struct ImportProblem: Sendable, Hashable, Codable, CustomStringConvertible {
    public var file: String
    /// 1-based line number in `file`.
    public var line: Int
    public var message: String

    public init(file: String, line: Int, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String { "\(file):\(line): \(message)" }
}
