/// Static checks of a grammar, run on every shipped grammar by the test suite and by
/// `scenewright grammar check`: undefined symbols, unknown modifiers, bad guards, unguarded
/// infinite recursion, gaps where no rule applies, unused rules, and capitalised words that are
/// not in the grammar's lexicon (a grammar may not invent names).
public enum GrammarCheck {
    /// One finding.
    public struct Issue: Sendable, Hashable, CustomStringConvertible {
        public enum Kind: String, Sendable, Hashable {
            case undefinedSymbol, unknownModifier, badGuard, infiniteRecursion, noApplicableRule, unusedRule, missingEntry, unlistedCapital
        }

        public var kind: Kind
        public var symbol: String
        public var message: String

        public var description: String { "\(kind.rawValue) #\(symbol)#: \(message)" }
    }

    /// Every problem found, sorted by kind then symbol.
    public static func issues(in grammar: Grammar) -> [Issue] {
        var issues: [Issue] = []
        let pushed = Set(grammar.rules.values.flatMap { $0.flatMap(\.text.pushedNames) })
        let defined = Set(grammar.rules.keys).union(grammar.inputs).union(pushed)

        for (symbol, rules) in grammar.rules.sorted(by: { $0.key < $1.key }) {
            for rule in rules {
                for name in Set(rule.text.referencedSymbols).sorted() where !defined.contains(name) {
                    issues.append(Issue(kind: .undefinedSymbol, symbol: symbol, message: "expands #\(name)#, which is not a rule, an input or a pushed value"))
                }
                for modifier in Set(rule.text.modifiers).sorted() where !Modifiers.names.contains(modifier) {
                    issues.append(Issue(kind: .unknownModifier, symbol: symbol, message: "uses .\(modifier)"))
                }
                for (guardItem, source) in zip(rule.guards, rule.guardSources) {
                    if let attribute = guardItem.attribute {
                        if let values = grammar.attributes[attribute] {
                            if let value = guardItem.value, !values.contains(value) {
                                issues.append(Issue(kind: .badGuard, symbol: symbol, message: "\"\(source)\": \(attribute) has no value \(value)"))
                            }
                        } else {
                            issues.append(Issue(kind: .badGuard, symbol: symbol, message: "\"\(source)\": \(attribute) is not a declared attribute"))
                        }
                    }
                    if let input = guardItem.input, !grammar.isInput(input), !pushed.contains(input) {
                        issues.append(Issue(kind: .badGuard, symbol: symbol, message: "\"\(source)\": \(input) is not an input"))
                    }
                }
                for word in capitalisedWords(in: rule.text.literalText) where !grammar.lexicon.contains(word.lowercased()) {
                    issues.append(Issue(kind: .unlistedCapital, symbol: symbol, message: "writes \"\(word)\", which is not in $lexicon"))
                }
            }
        }
        issues += recursionAndGaps(in: grammar, pushed: pushed)
        issues += unused(in: grammar)
        return issues.sorted { ($0.kind.rawValue, $0.symbol, $0.message) < ($1.kind.rawValue, $1.symbol, $1.message) }
    }

    /// Words starting with an upper-case letter.
    static func capitalisedWords(in text: String) -> [String] {
        var words: [String] = []
        var current = ""
        for character in text {
            if character.isLetter || character == "’" || character == "'" || character == "-" {
                current.append(character)
            } else {
                if let first = current.first, first.isUppercase { words.append(current) }
                current = ""
            }
        }
        if let first = current.first, first.isUppercase { words.append(current) }
        return words
    }

    /// For every combination of attribute values: symbols with rules but none that applies, and
    /// symbols whose applicable rules all recurse without end. `has:` guards count as satisfiable.
    private static func recursionAndGaps(in grammar: Grammar, pushed: Set<String>) -> [Issue] {
        var gaps: [String: String] = [:]
        var loops: [String: String] = [:]
        for assignment in assignments(grammar.attributes) {
            let eligible = grammar.rules.mapValues { rules in
                rules.filter { rule in
                    rule.guards.allSatisfy { guardItem in
                        guardItem.input != nil || guardItem.holds(attributes: assignment, order: grammar.attributes) { _ in true }
                    }
                }
            }
            var productive = Set(grammar.inputs).union(pushed).subtracting(grammar.rules.keys)
            var changed = true
            while changed {
                changed = false
                for (symbol, rules) in eligible where !productive.contains(symbol) {
                    if rules.contains(where: { rule in rule.text.referencedSymbols.allSatisfy { productive.contains($0) || !isKnown($0, grammar, pushed) } }) {
                        productive.insert(symbol)
                        changed = true
                    }
                }
            }
            let context = assignment.isEmpty ? "always" : "when " + assignment.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", ")
            for (symbol, rules) in eligible where !productive.contains(symbol) {
                if rules.isEmpty {
                    if gaps[symbol] == nil { gaps[symbol] = context }
                } else if loops[symbol] == nil {
                    loops[symbol] = context
                }
            }
        }
        return gaps.map { Issue(kind: .noApplicableRule, symbol: $0.key, message: "no rule applies \($0.value)") }
            + loops.map { Issue(kind: .infiniteRecursion, symbol: $0.key, message: "every applicable rule recurses without end \($0.value)") }
    }

    /// Undefined symbols are reported on their own; they do not also count as loops.
    private static func isKnown(_ symbol: String, _ grammar: Grammar, _ pushed: Set<String>) -> Bool {
        grammar.rules[symbol] != nil || grammar.isInput(symbol) || pushed.contains(symbol)
    }

    private static func assignments(_ attributes: [String: [String]]) -> [[String: String]] {
        var result: [[String: String]] = [[:]]
        for (name, values) in attributes.sorted(by: { $0.key < $1.key }) where !values.isEmpty {
            result = result.flatMap { partial in values.map { value in partial.merging([name: value]) { $1 } } }
        }
        return result
    }

    private static func unused(in grammar: Grammar) -> [Issue] {
        let entries = grammar.entries.isEmpty ? ["origin"] : grammar.entries
        var issues = entries.filter { grammar.rules[$0] == nil }.map { Issue(kind: .missingEntry, symbol: $0, message: "listed in $entries but not defined") }
        var reached = Set<String>()
        var queue = entries
        while let symbol = queue.popLast() {
            guard reached.insert(symbol).inserted, let rules = grammar.rules[symbol] else { continue }
            queue += rules.flatMap(\.text.referencedSymbols)
        }
        issues += grammar.rules.keys.filter { !reached.contains($0) }.sorted().map {
            Issue(kind: .unusedRule, symbol: $0, message: "not reachable from any entry")
        }
        return issues
    }
}
