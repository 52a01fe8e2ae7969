/// One rule of a grammar, parsed: literal text, `#symbol.modifier#` expansions and `[name:rule]`
/// push actions, in order. Parsing happens once, when a grammar is loaded.
public struct RuleText: Sendable, Hashable {
    /// A piece of a rule.
    public enum Segment: Sendable, Hashable {
        /// Text copied to the output as written.
        case literal(String)
        /// `#[actions]symbol.mod1.mod2#`: run the actions, expand the symbol, apply the modifiers.
        case expansion(actions: [Action], symbol: String, modifiers: [String])
        /// A bare `[name:rule]` or `[name:POP]` between expansions.
        case action(Action)
    }

    /// `[name:#rule#]` pushes the expansion of `rule` as the value of `name`; `[name:POP]`
    /// removes the last value pushed.
    public enum Action: Sendable, Hashable {
        case push(name: String, rule: RuleText)
        case pop(name: String)
    }

    public var segments: [Segment]
    /// The rule as written in the grammar file.
    public var source: String

    /// Parses Tracery rule syntax. `\#`, `\[`, `\]` and `\\` escape the special characters.
    public init(parsing source: String) throws(GrammarError) {
        self.source = source
        var parser = RuleParser(characters: Array(source), source: source)
        segments = try parser.parseSegments(until: nil)
    }

    init(segments: [Segment], source: String) {
        self.segments = segments
        self.source = source
    }

    /// Every symbol this rule expands, including inside push actions.
    public var referencedSymbols: [String] {
        var names: [String] = []
        func visit(_ actions: [Action]) {
            for case .push(_, let rule) in actions { names += rule.referencedSymbols }
        }
        for segment in segments {
            switch segment {
            case .literal: break
            case .expansion(let actions, let symbol, _):
                visit(actions)
                if !symbol.isEmpty { names.append(symbol) }
            case .action(let action): visit([action])
            }
        }
        return names
    }

    /// Names this rule pushes values for.
    public var pushedNames: [String] {
        var names: [String] = []
        func visit(_ actions: [Action]) {
            for action in actions {
                switch action {
                case .push(let name, let rule): names.append(name); names += rule.pushedNames
                case .pop: break
                }
            }
        }
        for segment in segments {
            switch segment {
            case .literal: break
            case .expansion(let actions, _, _): visit(actions)
            case .action(let action): visit([action])
            }
        }
        return names
    }

    /// Every modifier this rule applies.
    public var modifiers: [String] {
        segments.flatMap { segment -> [String] in
            if case .expansion(let actions, _, let modifiers) = segment {
                return modifiers + actions.flatMap { action -> [String] in
                    if case .push(_, let rule) = action { return rule.modifiers }
                    return []
                }
            }
            return []
        }
    }

    /// The literal text of the rule (what the grammar itself writes, not what it expands).
    public var literalText: String {
        segments.map { segment -> String in
            switch segment {
            case .literal(let text): return text
            case .expansion(let actions, _, _):
                return actions.map { action -> String in
                    if case .push(_, let rule) = action { return " " + rule.literalText + " " }
                    return " "
                }.joined() + " "
            case .action(.push(_, let rule)): return " " + rule.literalText + " "
            case .action(.pop): return " "
            }
        }.joined()
    }
}

/// A recursive-descent reader for rule text.
private struct RuleParser {
    let characters: [Character]
    let source: String
    var position = 0

    init(characters: [Character], source: String) {
        self.characters = characters
        self.source = source
    }

    mutating func parseSegments(until terminator: Character?) throws(GrammarError) -> [RuleText.Segment] {
        var segments: [RuleText.Segment] = []
        var literal = ""
        func flush() {
            if !literal.isEmpty { segments.append(.literal(literal)); literal = "" }
        }
        while position < characters.count {
            let character = characters[position]
            if let terminator, character == terminator { return flushed(segments, literal) }
            switch character {
            case "\\":
                guard position + 1 < characters.count else { throw .syntax(rule: source, message: "a trailing backslash escapes nothing") }
                literal.append(characters[position + 1])
                position += 2
            case "#":
                flush()
                position += 1
                segments.append(try parseExpansion())
            case "[":
                flush()
                position += 1
                segments.append(.action(try parseAction()))
            case "]":
                throw .syntax(rule: source, message: "']' without a matching '['")
            default:
                literal.append(character)
                position += 1
            }
        }
        if let terminator { throw .syntax(rule: source, message: "missing '\(terminator)'") }
        return flushed(segments, literal)
    }

    private func flushed(_ segments: [RuleText.Segment], _ literal: String) -> [RuleText.Segment] {
        literal.isEmpty ? segments : segments + [.literal(literal)]
    }

    /// After the opening `#`: optional actions, then `symbol(.modifier)*`, then `#`.
    mutating func parseExpansion() throws(GrammarError) -> RuleText.Segment {
        var actions: [RuleText.Action] = []
        while position < characters.count, characters[position] == "[" {
            position += 1
            actions.append(try parseAction())
        }
        var body = ""
        while position < characters.count, characters[position] != "#" {
            let character = characters[position]
            guard character.isLetter || character.isNumber || character == "_" || character == "." || character == "-" else {
                throw .syntax(rule: source, message: "'\(character)' cannot appear in a symbol name")
            }
            body.append(character)
            position += 1
        }
        guard position < characters.count else { throw .syntax(rule: source, message: "an expansion is missing its closing '#'") }
        position += 1
        let parts = body.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard let symbol = parts.first, !symbol.isEmpty else {
            // `#[name:rule]#` runs actions and writes nothing, as in Tracery.
            if actions.isEmpty { throw .syntax(rule: source, message: "an expansion names no symbol") }
            return .expansion(actions: actions, symbol: "", modifiers: [])
        }
        let modifiers = Array(parts.dropFirst())
        if modifiers.contains(where: \.isEmpty) { throw .syntax(rule: source, message: "an empty modifier in '#\(body)#'") }
        return .expansion(actions: actions, symbol: symbol, modifiers: modifiers)
    }

    /// After the opening `[`: `name:rule]` or `name:POP]`.
    mutating func parseAction() throws(GrammarError) -> RuleText.Action {
        var name = ""
        while position < characters.count, characters[position] != ":" {
            let character = characters[position]
            guard character.isLetter || character.isNumber || character == "_" || character == "-" else {
                throw .syntax(rule: source, message: "'\(character)' cannot appear in an action name")
            }
            name.append(character)
            position += 1
        }
        guard position < characters.count, !name.isEmpty else { throw .syntax(rule: source, message: "an action needs the form [name:rule]") }
        position += 1
        let start = position
        let segments = try parseSegments(until: "]")
        let text = String(characters[start..<position])
        position += 1
        if segments == [.literal("POP")] { return .pop(name: name) }
        return .push(name: name, rule: RuleText(segments: segments, source: text))
    }
}
