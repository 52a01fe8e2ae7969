import Foundation

/// A Tracery-compatible grammar: symbols mapped to rules, loaded from `Assets/grammars/*.json`.
///
/// A symbol's value is a rule string or a list of them, as in Tracery. Scenewright adds:
///
/// - rules written as objects, `{"text": "…", "when": ["audience=child", "has:director"]}`,
///   chosen only when every guard holds (see ``Guard``);
/// - metadata keys starting with `$`, which Tracery would ignore as unused symbols:
///   `$language` (BCP 47 primary tag), `$inputs` (the symbols the caller binds to catalog
///   facts — the only source of names), `$attributes` (guard attributes and their values, in
///   order), `$entries` (symbols callers expand), `$lexicon` (the capitalised words the grammar
///   itself may write) and `$and` (the word that joins the last two items of a list).
public struct Grammar: Sendable {
    /// One alternative of a symbol.
    public struct Rule: Sendable, Hashable {
        public var text: RuleText
        public var guards: [Guard]
        /// The guards as written, for reports.
        public var guardSources: [String]

        public var isGuarded: Bool { !guards.isEmpty }
    }

    /// The file name without extension, such as `dialogue.en`.
    public var name: String
    public var language: String
    /// Input symbols, sorted.
    public var inputs: [String]
    /// Attribute name → allowed values in order (the order `>=` and `<` compare by).
    public var attributes: [String: [String]]
    public var entries: [String]
    /// The grammar's fixed lexicon of capitalised words, lowercased.
    public var lexicon: Set<String>
    public var conjunction: String
    /// Symbol → its rules, in file order.
    public var rules: [String: [Rule]]

    /// Loads a grammar from its JSON text.
    public init(name: String, json: Data) throws(GrammarError) {
        let object: Any
        do { object = try JSONSerialization.jsonObject(with: json) } catch { throw .malformed("\(name): not JSON (\(error.localizedDescription))") }
        guard let root = object as? [String: Any] else { throw .malformed("\(name): the top level must be an object") }
        self.name = name
        language = root["$language"] as? String ?? "en"
        conjunction = root["$and"] as? String ?? "and"
        guard let inputs = (root["$inputs"] ?? [String]()) as? [String] else { throw .malformed("\(name): $inputs must be a list of names") }
        self.inputs = inputs.sorted()
        guard let entries = (root["$entries"] ?? [String]()) as? [String] else { throw .malformed("\(name): $entries must be a list of symbols") }
        self.entries = entries
        guard let lexicon = (root["$lexicon"] ?? [String]()) as? [String] else { throw .malformed("\(name): $lexicon must be a list of words") }
        self.lexicon = Set(lexicon.map { $0.lowercased() })
        guard let attributes = (root["$attributes"] ?? [String: [String]]()) as? [String: [String]] else {
            throw .malformed("\(name): $attributes must map names to lists of values")
        }
        self.attributes = attributes

        var rules: [String: [Rule]] = [:]
        for key in root.keys.sorted() where !key.hasPrefix("$") {
            let value = root[key]!
            let items: [Any] = (value as? [Any]) ?? [value]
            var parsed: [Rule] = []
            for item in items {
                if let text = item as? String {
                    parsed.append(Rule(text: try RuleText(parsing: text), guards: [], guardSources: []))
                } else if let object = item as? [String: Any], let text = object["text"] as? String {
                    guard let sources = (object["when"] ?? [String]()) as? [String] else {
                        throw .malformed("\(name): \(key): \"when\" must be a list of guards")
                    }
                    var guards: [Guard] = []
                    for source in sources {
                        guard let parsedGuard = Guard(parsing: source) else {
                            throw .badGuard(symbol: key, guard: source, message: "not a guard (expected a=b, a!=b, a>=b, a<b, has:x or !has:x)")
                        }
                        guards.append(parsedGuard)
                    }
                    parsed.append(Rule(text: try RuleText(parsing: text), guards: guards, guardSources: sources))
                } else {
                    throw .malformed("\(name): \(key): a rule must be a string or {\"text\": …, \"when\": […]}")
                }
            }
            if parsed.isEmpty { throw .malformed("\(name): \(key) has no rules") }
            rules[key] = parsed
        }
        self.rules = rules
    }

    /// Loads `<directory>/<name>.json`.
    public init(contentsOf url: URL) throws(GrammarError) {
        let data: Data
        do { data = try Data(contentsOf: url) } catch { throw .missingGrammar(url.path) }
        try self.init(name: url.deletingPathExtension().lastPathComponent, json: data)
    }

    /// True when `symbol` is an input the caller binds.
    public func isInput(_ symbol: String) -> Bool { inputs.contains(symbol) }
}
