import Foundation

/// The text modifiers rules can apply, `#symbol.modifier#`. Tracery's English modifiers plus a
/// few Scenewright needs to splice catalog sentences into its own.
public enum Modifiers {
    /// Every modifier name the engine knows.
    public static let names: Set<String> = ["capitalize", "capitalizeAll", "a", "s", "ed", "possessive", "inline", "lowercaseFirst", "quoted"]

    public static func apply(_ name: String, to text: String) throws(GrammarError) -> String {
        switch name {
        case "capitalize": return capitalize(text)
        case "capitalizeAll": return text.split(separator: " ", omittingEmptySubsequences: false).map { capitalize(String($0)) }.joined(separator: " ")
        case "a": return article(for: text) + " " + text
        case "s": return plural(text)
        case "ed": return pastTense(text)
        case "possessive": return possessive(text)
        case "inline": return inline(text)
        case "lowercaseFirst": return lowercaseFirst(text)
        case "quoted": return "“" + text + "”"
        default: throw .unknownModifier(name)
        }
    }

    /// Upper-cases the first letter.
    public static func capitalize(_ text: String) -> String {
        guard let first = text.first else { return text }
        return first.uppercased() + text.dropFirst()
    }

    /// "a" or "an", by the sound of the first word (a few common exceptions included).
    public static func article(for text: String) -> String {
        let word = text.lowercased()
        for prefix in ["hour", "honest", "honour", "honor", "heir"] where word.hasPrefix(prefix) { return "an" }
        for prefix in ["uni", "use", "usu", "eu", "one", "once", "ufo"] where word.hasPrefix(prefix) { return "a" }
        guard let first = word.first else { return "a" }
        return "aeiou".contains(first) ? "an" : "a"
    }

    /// English plural of the last word.
    public static func plural(_ text: String) -> String {
        let lower = text.lowercased()
        if lower.hasSuffix("s") || lower.hasSuffix("x") || lower.hasSuffix("z") || lower.hasSuffix("ch") || lower.hasSuffix("sh") {
            return text + "es"
        }
        if lower.hasSuffix("y"), let before = lower.dropLast().last, !"aeiou".contains(before) {
            return text.dropLast() + "ies"
        }
        return text + "s"
    }

    /// English past tense of a regular verb.
    public static func pastTense(_ text: String) -> String {
        let lower = text.lowercased()
        if lower.hasSuffix("e") { return text + "d" }
        if lower.hasSuffix("y"), let before = lower.dropLast().last, !"aeiou".contains(before) {
            return text.dropLast() + "ied"
        }
        return text + "ed"
    }

    /// "Woody's", "Lucas'" (names ending in s take a bare apostrophe).
    public static func possessive(_ text: String) -> String {
        text.hasSuffix("s") ? text + "’" : text + "’s"
    }

    /// Makes a catalog sentence fit mid-sentence: drops the final full stop and lower-cases a
    /// leading article ("A toy dinosaur…" → "a toy dinosaur…"); names keep their capitals.
    public static func inline(_ text: String) -> String {
        var result = text.trimmingCharacters(in: .whitespaces)
        if result.hasSuffix("."), !result.hasSuffix("...") { result.removeLast() }
        for article in ["A ", "An ", "The ", "One "] where result.hasPrefix(article) {
            return lowercaseFirst(result)
        }
        return result
    }

    /// Lower-cases the first letter.
    public static func lowercaseFirst(_ text: String) -> String {
        guard let first = text.first else { return text }
        return first.lowercased() + text.dropFirst()
    }
}
