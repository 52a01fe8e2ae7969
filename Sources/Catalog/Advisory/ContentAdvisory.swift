import Foundation

/// Decides what content suits an audience, from catalog facts only.
///
/// Two lexicons: ``matureTerms`` is broad and filters generated text for children (dialogue,
/// narration, hotspot cards); ``unsuitableFilmTerms`` is narrower and classifies films — a
/// children's film may well mention a death in its synopsis, but not a serial killer.
public enum ContentAdvisory {
    /// Terms that mark content as unsuitable for children. Matched case-insensitively on word
    /// boundaries, so "killer" matches "serial killer" but "skill" does not match "kill".
    public static let matureTerms: [String] = [
        "murder", "murdered", "murders", "murderer", "kill", "killed", "kills", "killing", "killer", "killers",
        "hitman", "hit man", "hit men", "assassin", "serial killer", "cannibal", "cannibalism", "gore", "blood", "bloody",
        "torture", "drugs", "drug", "heroin", "cocaine", "narcotics", "prostitute", "prostitutes", "brothel", "rape", "sex",
        "slasher", "massacre", "corpse", "corpses", "suicide", "holocaust", "execution", "shootout", "gun", "guns",
        "violent", "violence", "mafia", "gangster", "gangsters", "zombies", "zombie", "dead", "death", "dies", "die",
        "war crimes", "genocide", "nazi", "nazis", "terrorists", "hostage", "kidnapping", "kidnap", "ransom", "revenge",
        "madness", "demon", "possessed", "horror",
    ]

    /// Terms in a film's synopsis or keywords that make it unsuitable for children.
    public static let unsuitableFilmTerms: [String] = [
        "murder", "murdered", "murders", "murderer", "serial killer", "killer", "hitman", "hit man", "hit men", "assassin",
        "cannibal", "cannibalism", "gore", "torture", "drugs", "heroin", "cocaine", "narcotics", "prostitute", "prostitutes",
        "brothel", "rape", "sex", "slasher", "massacre", "corpse", "suicide", "holocaust", "mafia", "gangster", "zombies",
        "kidnapping", "hostage", "shootout", "violence", "blood", "vampire", "seven deadly sins",
    ]

    /// Keywords that mark a war film as unsuitable for children (matched against keywords only:
    /// a space opera's "galactic civil war" is not one).
    public static let unsuitableFilmKeywords: Set<String> = ["vietnam war", "world war ii", "world war i", "civil war", "boot camp", "marines", "infantry"]

    /// Genres never offered to children.
    public static let matureGenres: Set<Genre> = [.horror]

    private static func matcher(_ terms: [String]) -> NSRegularExpression {
        let alternatives = terms.sorted { $0.count > $1.count }.map { NSRegularExpression.escapedPattern(for: $0) }
        // The pattern is built from the constant lists above and escaped, so it always compiles.
        return try! NSRegularExpression(pattern: "\\b(" + alternatives.joined(separator: "|") + ")\\b", options: [.caseInsensitive])
    }

    private static let textMatcher = matcher(matureTerms)
    private static let filmMatcher = matcher(unsuitableFilmTerms)

    /// The mature terms `text` uses, lowercased, in order of appearance.
    public static func matureTermsUsed(in text: String) -> [String] {
        let range = NSRange(text.startIndex..., in: text)
        return textMatcher.matches(in: text, range: range).compactMap { Range($0.range, in: text).map { text[$0].lowercased() } }
    }

    /// True when `text` uses a term from ``matureTerms``.
    public static func isMature(_ text: String) -> Bool {
        textMatcher.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }

    /// True when the film should not be offered to `audience`: younger than the film's curated
    /// audience, or, for films without one, a child and the metadata says so.
    public static func isUnsuitable(_ film: Film, for audience: Audience) -> Bool {
        if let minimum = film.audience { return audience < minimum }
        guard audience == .child else { return false }
        if film.genres.contains(where: matureGenres.contains) { return true }
        if film.keywords.contains(where: { unsuitableFilmKeywords.contains($0.lowercased()) }) { return true }
        let text = ([film.synopsis ?? ""] + film.keywords).joined(separator: " . ")
        return filmMatcher.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }
}
