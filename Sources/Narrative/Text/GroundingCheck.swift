import Catalog

/// Checks that generated text names nothing it was not given: every capitalised word must
/// appear in the film's record (which holds its characters), the visitor's profile, or the
/// grammar's fixed lexicon. Tests run it over every generated tree; it is public so tools and
/// the benchmark can too.
public enum GroundingCheck {
    /// The capitalised words of `texts` that no source contains, in order, without repeats.
    public static func ungroundedWords(in texts: [String], film: Film, profile: UserProfile?, lexicon: Set<String>) -> [String] {
        let sources = sourceWords(film: film, profile: profile)
        var missing: [String] = []
        for text in texts {
            for word in Sentences.words(text) {
                guard let first = word.first, first.isUppercase else { continue }
                let bare = stripPossessive(word)
                if sources.contains(word) || sources.contains(bare) || lexicon.contains(word.lowercased()) { continue }
                if !missing.contains(word) { missing.append(word) }
            }
        }
        return missing
    }

    /// Every word of every fact in the film record and profile.
    public static func sourceWords(film: Film, profile: UserProfile?) -> Set<String> {
        var texts = [film.title, film.synopsis ?? ""] + film.directors + film.settings + film.keywords + film.moods
        texts += film.genres.map(\.rawValue)
        texts += film.cast.flatMap { [$0.person, $0.character] }
        texts += film.characters.flatMap { [$0.name, $0.description ?? ""] + $0.traits }
        if let year = film.year { texts.append(String(year)) }
        if let profile { texts.append(profile.displayName) }
        var words = Set<String>()
        for text in texts {
            for word in Sentences.words(text) {
                words.insert(word)
                words.insert(stripPossessive(word))
            }
        }
        return words
    }

    static func stripPossessive(_ word: String) -> String {
        for suffix in ["’s", "'s", "’", "'"] where word.hasSuffix(suffix) && word.count > suffix.count {
            return String(word.dropLast(suffix.count))
        }
        return word
    }
}
