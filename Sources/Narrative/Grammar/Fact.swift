/// A value taken from the catalog, a character record or a profile, with where it came from
/// (`film.directors[0]`, `character.traits[1]`, `profile.displayName`). Generated text records
/// the sources of the facts it uses, so every claim can be traced to a field.
public struct Fact: Codable, Sendable, Hashable {
    public var text: String
    public var source: String

    public init(_ text: String, source: String) {
        self.text = text
        self.source = source
    }
}

extension Fact {
    /// Several facts as one ("A, B and C" with the grammar's conjunction); its source lists the
    /// parts' sources joined by `+`. Nil when there are none.
    public static func joined(_ facts: [Fact], conjunction: String) -> Fact? {
        guard !facts.isEmpty else { return nil }
        return Fact(Typography.list(facts.map(\.text), conjunction: conjunction), source: facts.map(\.source).joined(separator: "+"))
    }
}

/// What an expansion may draw on: input symbols bound to facts, and attributes for guards.
public struct GrammarInputs: Sendable {
    public var values: [String: [Fact]]
    public var attributes: [String: String]

    public init(values: [String: [Fact]] = [:], attributes: [String: String] = [:]) {
        self.values = values
        self.attributes = attributes
    }

    /// Binds `name` to facts; an empty list leaves it unbound.
    public mutating func bind(_ name: String, _ facts: [Fact]) {
        values[name] = facts.isEmpty ? nil : facts
    }

    public mutating func bind(_ name: String, _ fact: Fact?) {
        values[name] = fact.map { [$0] }
    }

    /// Binds `name` to a fixed word the caller chose (not a catalog fact).
    public mutating func bind(_ name: String, word: String) {
        values[name] = [Fact(word, source: "generator")]
    }

    public func binding(_ name: String, _ facts: [Fact]) -> GrammarInputs {
        var copy = self
        copy.bind(name, facts)
        return copy
    }

    public func isBound(_ name: String) -> Bool { values[name].map { !$0.isEmpty } ?? false }
}

/// The result of expanding a symbol: the text and the sources of the facts it used, in order
/// of first use.
public struct Expansion: Sendable, Hashable {
    public var text: String
    public var facts: [String]

    public init(text: String, facts: [String]) {
        self.text = text
        self.facts = facts
    }
}
