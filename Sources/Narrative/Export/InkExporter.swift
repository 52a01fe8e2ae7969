/// Compiles a dialogue tree to ink's runtime JSON format (inkVersion 21, as documented in
/// inkle's `ink_JSON_runtime_format.md`), which any ink runtime — Unity's ink-unity-integration,
/// inkjs, bink — can play without the ink compiler.
///
/// Layout: one knot per node. A knot is a chain of segments `s0`, `s1`, … (one per line, so a
/// conditional line can be skipped with a conditional divert) ending in `o`, which holds the
/// choices (sticky, choice-only text, optional condition) and, in `c-N`, what each choice does:
/// variable assignments, then a divert to the target knot. Terminal knots end with `end`.
/// Line ids and speakers are tags (`line:…`, `speaker:…`); variables are declared in
/// `global decl`.
public enum InkExporter {
    public static let inkVersion = 21

    public static func export(_ tree: DialogueTree) -> String {
        var knots: [(String, InkJSON)] = tree.nodes.map { ($0.id, knot($0, tree)) }
        var declarations: [InkJSON] = [.string("ev")]
        for variable in tree.variables {
            declarations.append(value(variable.initial))
            declarations.append(.object([("VAR=", .string(variable.name))]))
        }
        declarations += [.string("/ev"), .string("end"), .null]
        knots.append(("global decl", .array(declarations)))
        let root: InkJSON = .array([
            .object([("->", .string(tree.start))]), .string("done"), .object(knots),
        ])
        let story: InkJSON = .object([("inkVersion", .number(inkVersion)), ("root", root), ("listDefs", .object([]))])
        return story.serialized()
    }

    private static func knot(_ node: DialogueNode, _ tree: DialogueTree) -> InkJSON {
        var segments: [(String, InkJSON)] = []
        let names = node.lines.indices.map { "s\($0)" } + ["o"]
        for (index, line) in node.lines.enumerated() {
            let next = "\(node.id).\(names[index + 1])"
            var content: [InkJSON] = []
            if let condition = line.condition {
                content.append(.string("ev"))
                content += expression(condition)
                content += [.string("!"), .string("/ev"), .object([("->", .string(next)), ("c", .bool(true))])]
            }
            content.append(text(line.text))
            content += tag(line.id) + tag("speaker:" + YarnExporter.speakerName(line.speaker, tree))
            content += [.string("\n"), .object([("->", .string(next))]), .null]
            segments.append((names[index], .array(content)))
        }
        segments.append(("o", choices(node)))
        return .array([.object([("->", .string("\(node.id).\(names[0])"))]), .object(segments)])
    }

    private static func choices(_ node: DialogueNode) -> InkJSON {
        if node.terminal { return .array([.string("end"), .null]) }
        var content: [InkJSON] = []
        var branches: [(String, InkJSON)] = []
        for (index, option) in node.options.enumerated() {
            content += [.string("ev"), .string("str"), text(option.text)] + tag(option.id) + [.string("/str")]
            var flags = 0x4  // choice-only content (the text is not repeated after choosing)
            if let condition = option.condition {
                content += expression(condition)
                flags |= 0x1
            }
            content += [.string("/ev"), .object([("*", .string("\(node.id).o.c-\(index)")), ("flg", .number(flags))])]
            var branch: [InkJSON] = []
            for effect in option.effects {
                switch effect {
                case .set(let name, let newValue):
                    branch += [.string("ev"), value(newValue), .string("/ev")]
                    branch.append(.object([("VAR=", .string(name)), ("re", .bool(true))]))
                case .add(let name, let amount):
                    branch += [.string("ev"), .object([("VAR?", .string(name))]), .number(amount), .string("+"), .string("/ev")]
                    branch.append(.object([("VAR=", .string(name)), ("re", .bool(true))]))
                }
            }
            branch += [.object([("->", .string(option.target))]), .null]
            branches.append(("c-\(index)", .array(branch)))
        }
        content += [.string("done"), .object(branches)]
        return .array(content)
    }

    /// A text value: ink marks strings with a leading `^`.
    private static func text(_ string: String) -> InkJSON { .string("^" + string) }

    /// A dynamic tag (`#` … `/#`), as inklecate writes them since inkVersion 21.
    private static func tag(_ string: String) -> [InkJSON] { [.string("#"), text(string), .string("/#")] }

    private static func value(_ value: VariableValue) -> InkJSON {
        switch value {
        case .bool(let flag): .bool(flag)
        case .number(let number): .number(number)
        case .string(let string): text(string)
        }
    }

    /// Pushes the condition's value on the evaluation stack.
    private static func expression(_ condition: Condition) -> [InkJSON] {
        switch condition {
        case .isTrue(let name): return [.object([("VAR?", .string(name))])]
        case .not(let inner): return expression(inner) + [.string("!")]
        case .all(let items), .any(let items):
            guard let first = items.first else {
                if case .all = condition { return [.bool(true)] }
                return [.bool(false)]
            }
            let op: InkJSON = if case .all = condition { .string("&&") } else { .string("||") }
            return items.dropFirst().reduce(expression(first)) { $0 + expression($1) + [op] }
        case .compare(let name, let op, let constant):
            return [.object([("VAR?", .string(name))]), .number(constant), .string(op.rawValue)]
        }
    }
}

/// The JSON subset ink stories need, serialised compactly with keys in the order given, so the
/// output is the same bytes every time.
indirect enum InkJSON {
    case string(String)
    case number(Int)
    case bool(Bool)
    case null
    case array([InkJSON])
    case object([(String, InkJSON)])

    func serialized() -> String {
        var out = ""
        write(to: &out)
        return out
    }

    private func write(to out: inout String) {
        switch self {
        case .string(let string): Self.quote(string, into: &out)
        case .number(let number): out += String(number)
        case .bool(let flag): out += flag ? "true" : "false"
        case .null: out += "null"
        case .array(let items):
            out += "["
            for (index, item) in items.enumerated() {
                if index > 0 { out += "," }
                item.write(to: &out)
            }
            out += "]"
        case .object(let pairs):
            out += "{"
            for (index, pair) in pairs.enumerated() {
                if index > 0 { out += "," }
                Self.quote(pair.0, into: &out)
                out += ":"
                pair.1.write(to: &out)
            }
            out += "}"
        }
    }

    static func quote(_ string: String, into out: inout String) {
        out += "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}
