/// Why a grammar could not be loaded or expanded.
public enum GrammarError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Rule text that is not valid Tracery syntax.
    case syntax(rule: String, message: String)
    /// A grammar file that is not a JSON object of the expected shape.
    case malformed(String)
    /// A guard that does not parse or names an undeclared attribute.
    case badGuard(symbol: String, guard: String, message: String)
    /// Expansion reached a symbol that is neither a rule, an input nor a pushed value.
    case undefinedSymbol(String)
    /// Expansion reached an input the caller did not bind (a guard should have prevented it).
    case unboundInput(String)
    /// No rule of the symbol passes its guard for these inputs.
    case noApplicableRule(String)
    case unknownModifier(String)
    /// Expansion went deeper than ``Expander/maximumDepth`` (a recursive grammar).
    case tooDeep(String)
    /// No grammar of that name exists, in any language.
    case missingGrammar(String)
    /// A grammar file failed ``GrammarCheck``; the library refuses to load it.
    case failedCheck(grammar: String, issues: [String])

    public var description: String {
        switch self {
        case .syntax(let rule, let message): "rule \"\(rule)\": \(message)"
        case .malformed(let message): "malformed grammar: \(message)"
        case .badGuard(let symbol, let guardText, let message): "symbol \(symbol), guard \"\(guardText)\": \(message)"
        case .undefinedSymbol(let name): "undefined symbol #\(name)#"
        case .unboundInput(let name): "input #\(name)# has no value"
        case .noApplicableRule(let name): "no rule of #\(name)# applies"
        case .unknownModifier(let name): "unknown modifier .\(name)"
        case .tooDeep(let name): "expansion of #\(name)# recursed too deeply"
        case .missingGrammar(let name): "no grammar named \(name)"
        case .failedCheck(let grammar, let issues): "grammar \(grammar) fails its check: \(issues.joined(separator: "; "))"
        }
    }
}
