import Foundation

/// Question text reduced to comparable tokens: lower-cased, accents folded, punctuation
/// removed (apostrophes dropped inside words: "who's" → "whos").
enum QuestionText {
    static func tokens(_ text: String) -> [String] {
        let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: Locale(identifier: "en_US_POSIX"))
        var tokens: [String] = []
        var current = ""
        for character in folded {
            if character.isLetter || character.isNumber {
                current.append(character)
            } else if character == "'" || character == "’" {
                continue
            } else if !current.isEmpty {
                tokens.append(current)
                current = ""
            }
        }
        if !current.isEmpty { tokens.append(current) }
        return tokens
    }

    /// Restricted Damerau–Levenshtein distance (adjacent transpositions count as one edit).
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1) }
            }
        }
        return d[a.count][b.count]
    }

    /// Edits allowed when matching a word of this length: none up to 3 letters, one up to 7, two beyond.
    static func tolerance(_ word: String) -> Int {
        switch word.count {
        case ...3: 0
        case 4...7: 1
        default: 2
        }
    }

    /// `token`, or the vocabulary word it is a typo of (the closest within tolerance; ties go
    /// to the alphabetically first, so correction is deterministic).
    static func corrected(_ token: String, vocabulary: Set<String>, keep: Set<String>) -> String {
        if vocabulary.contains(token) || keep.contains(token) { return token }
        let allowed = tolerance(token)
        guard allowed > 0 else { return token }
        var best: (word: String, distance: Int)?
        for word in vocabulary where abs(word.count - token.count) <= allowed && tolerance(word) > 0 {
            let d = distance(token, word)
            if d <= allowed, best == nil || d < best!.distance || (d == best!.distance && word < best!.word) { best = (word, d) }
        }
        return best?.word ?? token
    }
}

/// Words that carry no entity and are never typos of one.
enum QuestionWords {
    static let stopwords: Set<String> = [
        "a", "an", "the", "is", "was", "are", "were", "be", "been", "it", "its", "this", "that", "these", "those", "film", "films", "movie",
        "movies", "picture", "of", "in", "on", "at", "to", "for", "from", "by", "with", "and", "or", "do", "does", "did", "done", "what",
        "whats", "who", "whos", "whom", "which", "when", "where", "why", "how", "me", "tell", "please", "i", "you", "we", "they", "he",
        "she", "him", "her", "his", "hers", "their", "them", "my", "your", "can", "could", "would", "should", "will", "there", "here", "so",
        "about", "out", "up", "into", "as", "one", "ones", "someone", "somebody", "person", "people", "know", "want", "like", "say", "said",
        "get", "got", "give", "name", "named", "called", "exactly", "really", "actually", "again", "also", "first", "some", "any", "all",
        "much", "many", "main", "lead", "leading", "role", "roles", "part", "character", "characters", "play", "plays", "played", "playing",
        "star", "stars", "starring", "starred", "cast", "actor", "actors", "actress", "actresses", "direct", "directed", "directs",
        "director", "directors", "made", "make", "makes", "maker", "filmmaker", "year", "released", "release", "come", "came", "premiere",
        "premiered", "set", "setting", "settings", "take", "takes", "took", "place", "places", "location", "located", "happen", "happens",
        "happened", "plot", "story", "synopsis", "summary", "premise", "genre", "genres", "kind", "type", "sort", "category", "long",
        "runtime", "length", "minutes", "duration", "hours", "old", "portray", "portrays", "portrayed", "voice", "voices", "voiced",
        "describe", "description", "tell", "whose", "not", "no", "yes", "if", "then", "than", "now", "still", "just", "only", "mr", "mrs",
        "ms", "dr", "guy", "man", "woman", "girl", "boy", "helmed", "behind", "camera", "acts", "acted", "appear", "appears", "appeared",
    ]

    /// Questions about things the catalog never records.
    static let unrecorded: Set<String> = [
        "budget", "cost", "costs", "box", "office", "gross", "grossed", "earn", "earned", "earnings", "money", "oscar", "oscars", "award",
        "awards", "won", "win", "nominated", "music", "composer", "composed", "score", "soundtrack", "song", "songs", "producer",
        "produced", "studio", "rated", "rating", "sequel", "sequels", "filmed", "shot", "shooting", "language", "remake", "based", "book",
        "novel", "writer", "wrote", "written", "screenplay", "screenwriter", "editor", "cinematographer", "reviews", "critics", "prequel",
        "trivia", "quote", "quotes", "ending", "spoiler", "dies", "die", "died", "married", "age", "born", "height", "tall", "salary",
    ]
}
