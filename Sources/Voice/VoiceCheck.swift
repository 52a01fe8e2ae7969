import Catalog
import Foundation
import Narrative

/// Decides whether a model's text may replace a grounded draft: it must name nothing and
/// count nothing the facts (or the draft, which is built from them) do not contain, stay
/// within a length bound, and use no mature term for a child.
public struct VoiceCheck: Sendable {
    /// Words that start sentences and carry no facts; any other capitalised word must be in
    /// the facts. Months and days are deliberately absent: a date is a fact.
    static let commonWords: Set<String> = [
        "a", "an", "the", "and", "but", "or", "so", "yet", "for", "nor", "if", "when", "while", "where", "what", "who", "whom",
        "whose", "which", "why", "how", "this", "that", "these", "those", "there", "here", "then", "now", "it", "its", "it's",
        "i", "i'm", "i've", "i'd", "i'll", "me", "my", "we", "our", "us", "you", "your", "you're", "he", "him", "his", "she",
        "her", "they", "them", "their", "one", "some", "many", "most", "all", "every", "each", "no", "not", "yes", "oh", "ah",
        "well", "hello", "hi", "hey", "welcome", "goodbye", "bye", "thanks", "thank", "please", "sorry", "let", "let's", "come",
        "look", "see", "listen", "imagine", "picture", "meet", "ask", "tell", "think", "remember", "just", "also", "as", "at",
        "by", "from", "in", "into", "of", "on", "to", "with", "without", "about", "after", "before", "during", "through",
        "over", "under", "between", "among", "because", "since", "although", "though", "even", "still", "only", "perhaps",
        "maybe", "indeed", "really", "truly", "sure", "of course", "great", "good", "nice", "wow", "ready", "shall", "will",
        "would", "could", "can", "can't", "do", "does", "did", "don't", "is", "are", "was", "were", "be", "been", "have",
        "has", "had", "our", "once", "together", "first", "next", "finally", "today", "story", "film", "movie", "this film",
        "characters", "character", "director", "directed", "year", "world", "adventure", "fun", "friends", "friend",
    ]

    public let maxLength: Int

    public init(maxLength: Int) {
        self.maxLength = maxLength
    }

    /// Nil when `text` may be served in place of `draft`; else why not.
    /// With `notLongerThanDraft` (timed narration) the text may not have more characters or
    /// words than the draft.
    public func problem(text: String, draft: String, facts: [String], audience: Audience, notLongerThanDraft: Bool = false) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty { return "rejected: empty" }
        let bound = notLongerThanDraft ? min(maxLength, draft.count) : min(maxLength, max(80, draft.count * 2 + 60))
        if trimmed.count > bound { return "too long: \(trimmed.count) characters, bound \(bound)" }
        if notLongerThanDraft, Sentences.words(trimmed).count > Sentences.words(draft).count {
            return "too long: more words than the timed draft"
        }
        let sources = facts + [draft]
        let groundedNumbers = Set(sources.flatMap(Self.numbers))
        let unknownNumbers = Self.numbers(in: trimmed).filter { !groundedNumbers.contains($0) }
        let groundedWords = Set(sources.flatMap { Sentences.words($0).map(Self.normalise) })
        var unknownNames: [String] = []
        for word in Sentences.words(trimmed) {
            guard let first = word.first, first.isUppercase else { continue }
            let key = Self.normalise(word)
            if groundedWords.contains(key) || Self.commonWords.contains(key) || unknownNames.contains(word) { continue }
            unknownNames.append(word)
        }
        if !unknownNumbers.isEmpty || !unknownNames.isEmpty {
            return "ungrounded: " + (unknownNames + unknownNumbers).prefix(6).joined(separator: ", ")
        }
        if audience == .child {
            let mature = ContentAdvisory.matureTermsUsed(in: trimmed)
            if !mature.isEmpty { return "mature terms for a child: " + mature.prefix(3).joined(separator: ", ") }
        }
        return nil
    }

    /// Digit runs ("1995", "22"), as written.
    static func numbers(in text: String) -> [String] {
        text.split(whereSeparator: { !$0.isNumber }).map(String.init)
    }

    static func normalise(_ word: String) -> String {
        var lowered = word.lowercased().replacingOccurrences(of: "’", with: "'")
        for suffix in ["'s", "'"] where lowered.hasSuffix(suffix) && lowered.count > suffix.count { lowered.removeLast(suffix.count) }
        return lowered
    }
}
