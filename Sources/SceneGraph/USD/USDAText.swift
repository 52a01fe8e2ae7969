import Foundation

/// Spelling values the way the USDA text format reads them: prim names, numbers, strings,
/// tuples, arrays and `customData` dictionaries. Every spelling is deterministic.
enum USDAText {
    /// A valid prim name for `name`: letters, digits and `_`, not starting with a digit.
    /// Anything else becomes `_`; an empty result becomes `prim`.
    static func identifier(_ name: String) -> String {
        var out = ""
        for scalar in name.unicodeScalars {
            let ok = scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "_")
            out.unicodeScalars.append(ok ? scalar : "_")
        }
        // Runs of `_` from punctuation and spaces read badly: keep one.
        while out.contains("__") { out = out.replacingOccurrences(of: "__", with: "_") }
        if out.count > 1, out.hasSuffix("_") { out.removeLast() }
        if out.isEmpty || out == "_" { return "prim" }
        if let first = out.unicodeScalars.first, ("0"..."9").contains(first) { out = "_" + out }
        return out
    }

    /// The shortest decimal that reads back as the same Float ("1", "0.5", "1e-05").
    static func number(_ value: Float) -> String {
        let text = value == value.rounded() && abs(value) < 1e7 ? String(Int(value)) : "\(value)"
        return text == "-0" ? "0" : text
    }

    static func number(_ value: Double) -> String {
        let text = value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : "\(value)"
        return text == "-0" ? "0" : text
    }

    /// `(x, y, z)`.
    static func tuple(_ values: [Float]) -> String { "(" + values.map(number).joined(separator: ", ") + ")" }

    static func tuple(_ v: Vec3) -> String { tuple([v.x, v.y, v.z]) }

    /// `[(x, y, z), …]`.
    static func array(_ values: [Vec3]) -> String {
        var out = "["
        out.reserveCapacity(values.count * 24)
        for (i, v) in values.enumerated() {
            if i > 0 { out += ", " }
            out += "(" + number(v.x) + ", " + number(v.y) + ", " + number(v.z) + ")"
        }
        return out + "]"
    }

    static func array(_ values: [SIMD2<Float>]) -> String {
        "[" + values.map { "(" + number($0.x) + ", " + number($0.y) + ")" }.joined(separator: ", ") + "]"
    }

    static func array(_ values: [Int]) -> String { "[" + values.map(String.init).joined(separator: ", ") + "]" }

    /// A double-quoted string with C escapes; any UTF-8 text is allowed.
    static func string(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += "\\x" + String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 2)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// A dictionary key: bare when it is an identifier, else quoted.
    static func key(_ key: String) -> String { identifier(key) == key ? key : string(key) }

    /// The entries of a `dictionary` value, one per line at `indent`, keys sorted.
    ///
    /// Numbers are `double`, strings `string`, booleans `bool`, objects nested `dictionary`.
    /// Arrays of only numbers or only strings (or empty) become `double[]` / `string[]`; any
    /// other array is kept whole as its JSON text in a `string`, so nothing is lost.
    static func dictionary(_ object: [String: AnnotationValue], indent: String) -> String {
        var out = ""
        for key in object.keys.sorted() {
            let name = self.key(key)
            switch object[key]! {
            case .string(let s): out += "\(indent)string \(name) = \(string(s))\n"
            case .number(let n): out += "\(indent)double \(name) = \(number(n))\n"
            case .bool(let b): out += "\(indent)bool \(name) = \(b ? 1 : 0)\n"
            case .object(let nested):
                out += "\(indent)dictionary \(name) = {\n" + dictionary(nested, indent: indent + "    ") + "\(indent)}\n"
            case .array(let items):
                let numbers = items.compactMap { if case .number(let n) = $0 { n } else { nil } }
                let strings = items.compactMap { if case .string(let s) = $0 { s } else { nil } }
                if numbers.count == items.count && !items.isEmpty {
                    out += "\(indent)double[] \(name) = [" + numbers.map(number).joined(separator: ", ") + "]\n"
                } else if strings.count == items.count {
                    out += "\(indent)string[] \(name) = [" + strings.map(string).joined(separator: ", ") + "]\n"
                } else {
                    out += "\(indent)string \(name) = \(string(json(.array(items))))\n"
                }
            }
        }
        return out
    }

    /// Compact JSON with sorted keys.
    static func json(_ value: AnnotationValue) -> String {
        switch value {
        case .string(let s): return jsonString(s)
        case .number(let n): return number(n)
        case .bool(let b): return b ? "true" : "false"
        case .array(let items): return "[" + items.map(json).joined(separator: ",") + "]"
        case .object(let object): return "{" + object.keys.sorted().map { jsonString($0) + ":" + json(object[$0]!) }.joined(separator: ",") + "}"
        }
    }

    private static func jsonString(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            default:
                if scalar.value < 0x20 { out += "\\u" + String(scalar.value, radix: 16).leftPadded(to: 4) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "\""
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
