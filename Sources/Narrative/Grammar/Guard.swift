import Foundation

/// A condition on a rule: the rule is only chosen when the expansion's attributes and inputs
/// satisfy it. Written in grammar files as strings:
///
/// - `audience=child`, `audience!=child`: attribute equality;
/// - `depth>=enthusiast`, `depth<scholar`: order comparisons, in the order the grammar's
///   `$attributes` lists the values;
/// - `has:director`, `!has:director`: whether an input has a value.
public enum Guard: Sendable, Hashable {
    case equals(attribute: String, value: String)
    case notEquals(attribute: String, value: String)
    case atLeast(attribute: String, value: String)
    case below(attribute: String, value: String)
    case has(input: String)
    case lacks(input: String)

    /// Parses one guard string.
    public init?(parsing text: String) {
        let text = text.trimmingCharacters(in: .whitespaces)
        if text.hasPrefix("!has:") { self = .lacks(input: String(text.dropFirst(5))); return }
        if text.hasPrefix("has:") { self = .has(input: String(text.dropFirst(4))); return }
        for (symbol, make) in [("!=", Guard.notEquals), (">=", Guard.atLeast), ("<", Guard.below), ("=", Guard.equals)] {
            if let range = text.range(of: symbol) {
                let attribute = String(text[..<range.lowerBound]).trimmingCharacters(in: .whitespaces)
                let value = String(text[range.upperBound...]).trimmingCharacters(in: .whitespaces)
                guard !attribute.isEmpty, !value.isEmpty else { return nil }
                self = make(attribute, value)
                return
            }
        }
        return nil
    }

    /// The attribute this guard reads, if it reads one.
    public var attribute: String? {
        switch self {
        case .equals(let a, _), .notEquals(let a, _), .atLeast(let a, _), .below(let a, _): a
        case .has, .lacks: nil
        }
    }

    /// The attribute value this guard compares with, if any.
    public var value: String? {
        switch self {
        case .equals(_, let v), .notEquals(_, let v), .atLeast(_, let v), .below(_, let v): v
        case .has, .lacks: nil
        }
    }

    /// The input this guard tests for, if any.
    public var input: String? {
        switch self {
        case .has(let i), .lacks(let i): i
        default: nil
        }
    }

    /// Whether the guard holds. `order` gives the declared order of each attribute's values.
    func holds(attributes: [String: String], order: [String: [String]], isBound: (String) -> Bool) -> Bool {
        switch self {
        case .equals(let attribute, let value): return attributes[attribute] == value
        case .notEquals(let attribute, let value): return attributes[attribute] != value
        case .atLeast(let attribute, let value), .below(let attribute, let value):
            guard let values = order[attribute], let actual = attributes[attribute].flatMap({ values.firstIndex(of: $0) }),
                let bound = values.firstIndex(of: value)
            else { return false }
            if case .atLeast = self { return actual >= bound }
            return actual < bound
        case .has(let input): return isBound(input)
        case .lacks(let input): return !isBound(input)
        }
    }
}
