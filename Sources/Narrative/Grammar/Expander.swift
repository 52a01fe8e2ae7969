import Determinism

/// Expands grammar symbols into text, seeded: the same grammar, inputs and seed always give
/// the same text. Inputs are inserted verbatim — a catalog value containing `#` or `[` is text,
/// never grammar — so generated names can only come from the inputs or the grammar's lexicon.
public struct Expander: Sendable {
    /// Nesting limit that stops a recursive grammar.
    public static let maximumDepth = 48

    public let grammar: Grammar
    private var random: SeededRandom

    public init(grammar: Grammar, seed: UInt64) {
        self.grammar = grammar
        random = SeededRandom(seed: seed)
    }

    /// Expands `symbol` with `inputs`; pushed values live for this call only.
    public mutating func expand(_ symbol: String, _ inputs: GrammarInputs) throws(GrammarError) -> Expansion {
        var state = State(inputs: inputs)
        let text = try expandSymbol(symbol, modifiers: [], state: &state, depth: 0)
        return Expansion(text: Typography.tidy(text), facts: state.facts)
    }

    /// Whether `symbol` has a rule whose guards hold for `inputs`.
    public func canExpand(_ symbol: String, _ inputs: GrammarInputs) -> Bool {
        guard let rules = grammar.rules[symbol] else { return inputs.isBound(symbol) }
        return rules.contains { rule in applies(rule, State(inputs: inputs)) }
    }

    private struct State {
        var inputs: GrammarInputs
        var pushed: [String: [(text: String, facts: [String])]] = [:]
        var facts: [String] = []

        mutating func use(_ sources: [String]) {
            for source in sources where source != "generator" && !facts.contains(source) { facts.append(source) }
        }
    }

    private func applies(_ rule: Grammar.Rule, _ state: State) -> Bool {
        rule.guards.allSatisfy { guardItem in
            guardItem.holds(attributes: state.inputs.attributes, order: grammar.attributes) { name in
                state.inputs.isBound(name) || !(state.pushed[name]?.isEmpty ?? true)
            }
        }
    }

    private mutating func expandSymbol(_ symbol: String, modifiers: [String], state: inout State, depth: Int) throws(GrammarError) -> String {
        guard depth < Self.maximumDepth else { throw .tooDeep(symbol) }
        var text: String
        if let stack = state.pushed[symbol], let top = stack.last {
            text = top.text
            state.use(top.facts)
        } else if let rules = grammar.rules[symbol] {
            let eligible = rules.filter { applies($0, state) }
            guard !eligible.isEmpty else { throw .noApplicableRule(symbol) }
            let rule = eligible.count == 1 ? eligible[0] : eligible[random.nextInt(in: 0..<eligible.count)]
            text = try render(rule.text, state: &state, depth: depth + 1)
        } else if grammar.isInput(symbol) {
            guard let facts = state.inputs.values[symbol], !facts.isEmpty else { throw .unboundInput(symbol) }
            let fact = facts.count == 1 ? facts[0] : facts[random.nextInt(in: 0..<facts.count)]
            text = fact.text
            state.use([fact.source])
        } else {
            throw .undefinedSymbol(symbol)
        }
        for modifier in modifiers { text = try Modifiers.apply(modifier, to: text) }
        return text
    }

    private mutating func render(_ rule: RuleText, state: inout State, depth: Int) throws(GrammarError) -> String {
        var output = ""
        for segment in rule.segments {
            switch segment {
            case .literal(let text):
                output += text
            case .action(let action):
                try run(action, state: &state, depth: depth)
            case .expansion(let actions, let symbol, let modifiers):
                for action in actions { try run(action, state: &state, depth: depth) }
                if !symbol.isEmpty { output += try expandSymbol(symbol, modifiers: modifiers, state: &state, depth: depth) }
            }
        }
        return output
    }

    private mutating func run(_ action: RuleText.Action, state: inout State, depth: Int) throws(GrammarError) {
        switch action {
        case .push(let name, let rule):
            let before = state.facts
            state.facts = []
            let text = try render(rule, state: &state, depth: depth + 1)
            let used = state.facts
            state.facts = before
            state.pushed[name, default: []].append((text, used))
        case .pop(let name):
            _ = state.pushed[name]?.popLast()
        }
    }
}
