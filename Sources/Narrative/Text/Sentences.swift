import Foundation

/// Splits text into sentences and words, for readability measures (mean words per sentence)
/// and for choosing short catalog sentences.
public enum Sentences {
    /// Abbreviations whose full stop does not end a sentence.
    static let abbreviations: Set<String> = ["mr", "mrs", "ms", "dr", "st", "jr", "sr", "lt", "col", "gen", "capt", "prof", "vs", "sgt", "no", "mt", "ft"]

    /// The sentences of `text`, trimmed; a final fragment without a full stop counts as one.
    public static func split(_ text: String) -> [String] {
        var sentences: [String] = []
        var current = ""
        let characters = Array(text)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            current.append(character)
            if ".!?".contains(character) {
                let next = index + 1 < characters.count ? characters[index + 1] : " "
                let closesQuote = "”\"»)".contains(next)
                if next == " " || closesQuote {
                    if closesQuote { current.append(next); index += 1 }
                    let lastWord = current.dropLast(closesQuote ? 2 : 1).split(separator: " ").last.map { $0.lowercased() } ?? ""
                    let isAbbreviation = character == "." && (abbreviations.contains(lastWord) || (lastWord.count == 1 && lastWord.first!.isLetter))
                    if !isAbbreviation {
                        let sentence = current.trimmingCharacters(in: .whitespaces)
                        if !sentence.isEmpty { sentences.append(sentence) }
                        current = ""
                    }
                }
            }
            index += 1
        }
        let rest = current.trimmingCharacters(in: .whitespaces)
        if !rest.isEmpty { sentences.append(rest) }
        return sentences
    }

    /// Words: runs of letters or digits (apostrophes and hyphens inside a word keep it whole).
    public static func words(_ text: String) -> [String] {
        var words: [String] = []
        var current = ""
        for character in text {
            if character.isLetter || character.isNumber || ((character == "’" || character == "'" || character == "-") && !current.isEmpty) {
                current.append(character)
            } else if !current.isEmpty {
                words.append(current)
                current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }
}
