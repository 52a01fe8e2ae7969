import Catalog
import Foundation

/// A hotspot's content: a short label and the text it shows, built only from catalog facts.
public struct HotspotCard: Sendable, Hashable, Encodable {
    public var id: String
    public var label: String
    public var text: String
}

/// Writes the cards a staged film shows on its walls. Every name, year and number comes from
/// the film's record; the only other words are this fixed lexicon. Casual visitors get the
/// essentials, enthusiasts and scholars more; children never see mature terms.
public enum HotspotCards {
    /// Words the cards add to catalog facts (for grounding checks).
    public static let lexicon: Set<String> = ["About", "Setting", "Settings", "Keywords", "The", "Story", "Cast", "Genres", "Directed", "Played", "Mood", "Who", "Who's", "Part", "Part of", "Film", "A", "An"]

    public static func cards(for film: Film, profile: UserProfile) -> [HotspotCard] {
        var cards: [HotspotCard] = []
        let year = film.year.map { " (\($0))" } ?? ""
        var title = film.title + year + "."
        if !film.directors.isEmpty { title += " Directed by \(list(film.directors))." }
        cards.append(HotspotCard(id: "title", label: "About the film", text: title))
        let depth = profile.depth
        let settings = Array(film.settings.prefix(depth == .casual ? 1 : 3))
        for (index, setting) in settings.enumerated() {
            cards.append(HotspotCard(id: "setting-\(index + 1)", label: "Setting", text: "Part of the film takes place in \(setting)."))
        }
        let keywords = film.keywords.filter { profile.audience != .child || !ContentAdvisory.isMature($0) }.prefix(6)
        if !keywords.isEmpty {
            cards.append(HotspotCard(id: "keywords", label: "Keywords", text: "Keywords: \(keywords.joined(separator: ", "))."))
        }
        if depth >= .enthusiast {
            if let synopsis = film.synopsis { cards.append(HotspotCard(id: "story", label: "The story", text: synopsis)) }
            let credits = film.cast.filter { credit in film.principalCharacterNames.contains(credit.character) }.prefix(5)
            if !credits.isEmpty {
                cards.append(HotspotCard(id: "cast", label: "Cast", text: "Cast: " + credits.map { "\($0.person) as \($0.character)" }.joined(separator: "; ") + "."))
            }
        }
        if depth == .scholar {
            if !film.genres.isEmpty {
                cards.append(HotspotCard(id: "genres", label: "Genres", text: "Genres: \(film.genres.map(\.rawValue).joined(separator: ", "))."))
            }
            for (index, character) in film.characters.prefix(3).enumerated() {
                var text = character.name
                if let description = character.description { text += ": " + description }
                let actors = film.actors(playing: character.name)
                if !actors.isEmpty { text += " Played by \(list(actors))." }
                cards.append(HotspotCard(id: "character-\(index + 1)", label: "Who's who", text: text))
            }
            if let mood = film.moods.first { cards.append(HotspotCard(id: "mood", label: "Mood", text: "Mood: \(mood).")) }
        }
        // Children never see mature terms: drop any card that still has one. The film's own
        // title is a fact, not wording we chose, so it is not held against a card.
        guard profile.audience == .child else { return cards }
        return cards.filter { !ContentAdvisory.isMature($0.text.replacingOccurrences(of: film.title, with: "")) }
    }

    /// "A", "A and B", "A, B and C".
    static func list(_ names: [String]) -> String {
        switch names.count {
        case 0: return ""
        case 1: return names[0]
        default: return names.dropLast().joined(separator: ", ") + " and " + names.last!
        }
    }
}
