/// Final clean-up of generated text: the joins between rules and inserted facts leave double
/// spaces, spaces before punctuation and doubled full stops; this removes them.
public enum Typography {
    public static func tidy(_ text: String) -> String {
        var output = ""
        output.reserveCapacity(text.count)
        for character in text {
            if character == " " {
                if output.isEmpty || output.last == " " { continue }
            } else if ",.!?;:)".contains(character), output.last == " " {
                output.removeLast()
            }
            if character == ".", output.hasSuffix("."), !output.hasSuffix("..") {
                // "dolls.." → "dolls." but keep an ellipsis written on purpose.
                continue
            }
            if character == ".", output.hasSuffix("?") || output.hasSuffix("!") { continue }
            output.append(character)
        }
        while output.last == " " { output.removeLast() }
        return output
    }

    /// "A", "A and B", "A, B and C" with the grammar's conjunction.
    public static func list(_ items: [String], conjunction: String = "and") -> String {
        switch items.count {
        case 0: return ""
        case 1: return items[0]
        default: return items.dropLast().joined(separator: ", ") + " " + conjunction + " " + items.last!
        }
    }
}
