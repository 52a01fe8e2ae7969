import Foundation

/// Our own JSON catalog format: `{"films": [...], "users": [...]}` (either list may be omitted).
/// The sample catalog in `Assets/catalog/` is two such documents, `films.json` and `users.json`.
public struct CatalogDocument: Codable, Sendable {
    public var films: [Film]
    public var users: [UserProfile]

    public init(films: [Film] = [], users: [UserProfile] = []) {
        self.films = films
        self.users = users
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        films = try c.decodeIfPresent([Film].self, forKey: .films) ?? []
        users = try c.decodeIfPresent([UserProfile].self, forKey: .users) ?? []
    }

    /// Reads and validates one document.
    /// - Throws: ``CatalogError`` naming the file, and the field path for malformed JSON or invalid records.
    public static func load(_ url: URL) throws -> CatalogDocument {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw CatalogError(.malformedData, "cannot read catalog file \(url.path): \(error.localizedDescription)")
        }
        let document: CatalogDocument
        do {
            document = try JSONDecoder().decode(CatalogDocument.self, from: data)
        } catch {
            throw CatalogError(.malformedData, "malformed catalog file \(url.path): \(JSONErrorDescription.describe(error))")
        }
        var problems: [ValidationProblem] = []
        for (index, film) in document.films.enumerated() {
            problems += film.validationProblems().map { ValidationProblem(field: "films[\(index)].\($0.field)", message: $0.message) }
        }
        for (index, user) in document.users.enumerated() {
            problems += user.validationProblems().map { ValidationProblem(field: "users[\(index)].\($0.field)", message: $0.message) }
        }
        let filmIds = document.films.map(\.id)
        for duplicate in Set(filmIds.filter { id in filmIds.filter { $0 == id }.count > 1 }).sorted() {
            problems.append(ValidationProblem(field: "films", message: "id '\(duplicate)' appears more than once"))
        }
        let userIds = document.users.map(\.id)
        for duplicate in Set(userIds.filter { id in userIds.filter { $0 == id }.count > 1 }).sorted() {
            problems.append(ValidationProblem(field: "users", message: "id '\(duplicate)' appears more than once"))
        }
        guard problems.isEmpty else { throw CatalogError.invalid("catalog file \(url.path)", problems) }
        return document
    }

    /// The sample catalog: `films.json` and `users.json` in `directory` (normally `Assets/catalog`).
    public static func loadSample(from directory: URL) throws -> CatalogDocument {
        let films = try load(directory.appendingPathComponent("films.json"))
        let users = try load(directory.appendingPathComponent("users.json"))
        return CatalogDocument(films: films.films + users.films, users: films.users + users.users)
    }
}

/// Turns `DecodingError`s into one line that names the JSON path, for error messages.
public enum JSONErrorDescription {
    public static func describe(_ error: any Error) -> String {
        guard let decodingError = error as? DecodingError else { return String(describing: error) }
        func path(_ codingPath: [any CodingKey]) -> String {
            let text = codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return text.isEmpty ? "(root)" : String(text.drop(while: { $0 == "." }))
        }
        switch decodingError {
        case .typeMismatch(let type, let context):
            return "\(path(context.codingPath)): expected \(describeType(type))"
        case .valueNotFound(let type, let context):
            return "\(path(context.codingPath)): expected \(describeType(type)), found null"
        case .keyNotFound(let key, let context):
            return "\(path(context.codingPath + [key])): required field is missing"
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty, context.underlyingError != nil { return "not valid JSON" }
            return "\(path(context.codingPath)): \(context.debugDescription)"
        @unknown default:
            return String(describing: decodingError)
        }
    }

    private static func describeType(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "a string"
        case is Int.Type, is Int64.Type, is UInt32.Type: return "an integer"
        case is Double.Type, is Float.Type: return "a number"
        case is Bool.Type: return "true or false"
        default:
            let name = String(describing: type)
            if name.hasPrefix("Array") { return "an array" }
            if name.hasPrefix("Dictionary") { return "an object" }
            return name
        }
    }
}
