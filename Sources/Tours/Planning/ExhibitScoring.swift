import Catalog

/// What an exhibit is worth to a visitor, and whether they may see it at all.
///
/// value = curator weight × (0.2 + 0.5 × taste + 0.3 × genre affinity) × theme factor, × 100,
/// where taste is the recommender's 0–1 score for the exhibit's best film for this visitor,
/// genre affinity is +0.5 per liked genre among the films' genres (at most 1) and −1 when any
/// is disliked, and the theme factor is 2 for exhibits matching the tour's theme (a tag, a
/// genre or a keyword of its films), 0.5 for the rest, 1 without a theme. Values below 0.5 are
/// raised to 0.5, so a disliked exhibit is a last resort, not forbidden.
public enum ExhibitScoring {
    /// Why an exhibit is not offered to a visitor, or nil when it is.
    public static func exclusion(_ exhibit: Exhibit, films: [Film], audience: Audience) -> String? {
        if audience < exhibit.audience { return "exhibit \(exhibit.id) is for \(exhibit.audience.rawValue) audiences and up" }
        if let film = films.first(where: { ContentAdvisory.isUnsuitable($0, for: audience) }) {
            return "exhibit \(exhibit.id) is about \(film.title), which is not suitable for a \(audience.rawValue) audience"
        }
        return nil
    }

    public static func value(_ exhibit: Exhibit, films: [Film], profile: UserProfile, taste: [String: Double], theme: String?) -> Double {
        let best = exhibit.films.map { taste[$0] ?? 0 }.max() ?? 0
        let genres = Set(films.flatMap(\.genres))
        var affinity = min(1, 0.5 * Double(profile.likedGenres.filter(genres.contains).count))
        if profile.dislikedGenres.contains(where: genres.contains) { affinity = -1 }
        var factor = 1.0
        if let theme = theme?.lowercased(), !theme.isEmpty {
            let words = exhibit.tags.map { $0.lowercased() } + genres.map { $0.rawValue.lowercased() } + films.flatMap { $0.keywords.map { $0.lowercased() } }
            factor = words.contains(where: { $0 == theme || $0.contains(theme) }) ? 2 : 0.5
        }
        let value = exhibit.weight * (0.2 + 0.5 * best + 0.3 * affinity) * factor * 100
        return (max(0.5, value) * 100).rounded() / 100
    }
}

/// How fast a visitor walks, in metres per minute.
public enum WalkingPace {
    public static func metresPerMinute(_ profile: UserProfile) -> Double {
        var speed: Double
        switch profile.pace {
        case .slow: speed = 48
        case .average: speed = 66
        case .brisk: speed = 84
        }
        if profile.accessibility.contains(.stepFree) { speed *= 0.9 }
        if profile.audience == .child { speed *= 0.9 }
        return speed
    }
}
