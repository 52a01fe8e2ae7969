/// Final clean-up of generated text: the joins between rules and inserted facts leave double
/// spaces, spaces before punctuation and doubled full stops; this removes them.
public enum Typography {
    public static func tidy(_ text: String) -> String {
        var output = ""
        output.reserveCapacity(text.count)
        let characters = Array(text)
        for (index, character) in characters.enumerated() {
            if character == " " {
                if output.isEmpty || output.last == " " { continue }
            } else if ",.!?;:)".contains(character), output.last == " " {
                output.removeLast()
            }
            if character == "." {
                let next = index + 1 < characters.count ? characters[index + 1] : " "
                // "dolls.." → "dolls." and "Sally...." → "Sally...", but an ellipsis stays.
                if output.hasSuffix("...") { continue }
                if output.hasSuffix("."), !output.hasSuffix(".."), next != "." { continue }
                if output.hasSuffix("?") || output.hasSuffix("!") { continue }
            }
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
