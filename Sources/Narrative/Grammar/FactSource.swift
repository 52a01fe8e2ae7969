import Catalog

/// Reads a fact back from the film record by the source path generated text records
/// (`film.directors[0]`, `film.cast[2].person`, `film.synopsis.sentences[1]`), so a later
/// step — such as a language model restyling the text — can be given exactly the facts it used.
public enum FactSource {
    /// The value at `source` in `film`, or nil when the path names nothing there (or another
    /// record, such as the visitor's profile).
    public static func text(of source: String, in film: Film) -> String? {
        let parts = source.split(separator: ".").map(String.init)
        guard parts.first == "film", parts.count >= 2 else { return nil }
        let (field, index) = indexed(parts[1])
        switch (field, index, parts.count) {
        case ("title", nil, 2): return film.title
        case ("year", nil, 2): return film.year.map(String.init)
        case ("synopsis", nil, 2): return film.synopsis
        case ("synopsis", nil, 3):
            let (sub, sentence) = indexed(parts[2])
            guard sub == "sentences", let sentence, let synopsis = film.synopsis else { return nil }
            return element(Sentences.split(synopsis), sentence)
        case ("directors", let i?, 2): return element(film.directors, i)
        case ("settings", let i?, 2): return element(film.settings, i)
        case ("keywords", let i?, 2): return element(film.keywords, i)
        case ("moods", let i?, 2): return element(film.moods, i)
        case ("genres", let i?, 2): return element(film.genres.map(\.rawValue), i)
        case ("cast", let i?, 3):
            guard let credit = element(film.cast, i) else { return nil }
            return parts[2] == "person" ? credit.person : parts[2] == "character" ? credit.character : nil
        case ("characters", let i?, 3):
            guard let character = element(film.characters, i) else { return nil }
            if parts[2] == "name" { return character.name }
            return parts[2] == "description" ? character.description : nil
        default: return nil
        }
    }

    /// `"cast[2]"` → `("cast", 2)`; `"title"` → `("title", nil)`.
    static func indexed(_ part: String) -> (String, Int?) {
        guard part.hasSuffix("]"), let open = part.firstIndex(of: "[") else { return (part, nil) }
        return (String(part[..<open]), Int(part[part.index(after: open)..<part.index(before: part.endIndex)]))
    }

    static func element<T>(_ array: [T], _ index: Int) -> T? {
        array.indices.contains(index) ? array[index] : nil
    }
}
