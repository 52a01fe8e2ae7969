import Catalog
import Foundation
import Hummingbird

/// The query string of a request, decoded (`+` is a space, `%XX` escapes are UTF-8), with
/// typed accessors that throw a 400 problem naming the parameter when a value is unusable.
struct QueryParameters {
    private var values: [String: String] = [:]

    init(_ request: Request) throws {
        guard let query = request.uri.query, !query.isEmpty else { return }
        for pair in query.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = Self.decode(parts[0]) else {
                throw Problem.invalidParameter(String(parts[0].prefix(40)), "query parameter name is not valid percent-encoded UTF-8")
            }
            let raw = parts.count > 1 ? parts[1] : ""
            guard let value = Self.decode(raw) else {
                throw Problem.invalidParameter(name, "value of '\(name)' is not valid percent-encoded UTF-8")
            }
            if values[name] == nil { values[name] = value }  // the first occurrence wins
        }
    }

    private static func decode(_ text: Substring) -> String? {
        String(text).replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }

    /// A string parameter, trimmed; nil when absent or empty.
    func string(_ name: String, maxLength: Int) throws -> String? {
        guard let value = values[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
        guard value.count <= maxLength else { throw Problem.invalidParameter(name, "'\(name)' must be at most \(maxLength) characters") }
        guard !value.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw Problem.invalidParameter(name, "'\(name)' must not contain control characters")
        }
        return value
    }

    /// An integer parameter within `range`; `defaultValue` when absent.
    func int(_ name: String, default defaultValue: Int? = nil, range: ClosedRange<Int>) throws -> Int? {
        guard let text = values[name], !text.isEmpty else { return defaultValue }
        guard let value = Int(text.trimmingCharacters(in: .whitespaces)) else {
            throw Problem.invalidParameter(name, "'\(name)' must be an integer between \(range.lowerBound) and \(range.upperBound)")
        }
        guard range.contains(value) else {
            throw Problem.invalidParameter(name, "'\(name)' must be between \(range.lowerBound) and \(range.upperBound) (got \(value))")
        }
        return value
    }

    /// A boolean parameter (`true`/`false`/`1`/`0`); `defaultValue` when absent.
    func bool(_ name: String, default defaultValue: Bool) throws -> Bool {
        guard let text = values[name]?.lowercased(), !text.isEmpty else { return defaultValue }
        switch text {
        case "true", "1", "yes": return true
        case "false", "0", "no": return false
        default: throw Problem.invalidParameter(name, "'\(name)' must be true or false")
        }
    }

    /// A value from a fixed set; `defaultValue` when absent.
    func choice<T: RawRepresentable & CaseIterable>(_ name: String, default defaultValue: T? = nil) throws -> T? where T.RawValue == String {
        guard let text = values[name], !text.isEmpty else { return defaultValue }
        guard let value = T(rawValue: text) else {
            throw Problem.invalidParameter(name, "'\(name)' must be one of \(T.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return value
    }

    /// A genre, in any spelling ``Genre/init(label:)`` accepts.
    func genre(_ name: String) throws -> Genre? {
        guard let text = values[name], !text.isEmpty else { return nil }
        guard let genre = Genre(label: text) else {
            throw Problem.invalidParameter(name, "'\(name)' must be one of \(Genre.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return genre
    }
}
