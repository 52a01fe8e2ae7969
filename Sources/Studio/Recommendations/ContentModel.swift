import Catalog
import Foundation

/// Content-based scores from catalog metadata, for cold start: a user with no events but
/// liked/disliked genres, and films no one has interacted with yet.
///
/// Films are vectors of genres (weight 1) and keywords (weight 0.5); a user is the sum of
/// their liked genres (+1.5), disliked genres (−2), and the features of films they responded
/// to, scaled by the feedback weight. A film's score is the dot product with the user vector
/// divided by the square root of its feature count.
struct ContentModel: Sendable {
    struct FilmFeatures: Sendable {
        var genres: [Genre]
        var keywords: [String]
    }

    private(set) var features: [String: FilmFeatures] = [:]

    init(films: [Film]) {
        for film in films {
            features[film.id] = FilmFeatures(genres: film.genres, keywords: film.keywords.map { $0.lowercased() })
        }
    }

    /// The user's taste as feature weights.
    func profile(_ user: UserProfile, weights: [String: Float]) -> [String: Float] {
        var vector: [String: Float] = [:]
        for genre in user.likedGenres { vector["g:" + genre.rawValue, default: 0] += 1.5 }
        for genre in user.dislikedGenres { vector["g:" + genre.rawValue, default: 0] -= 2 }
        for (film, weight) in weights.sorted(by: { $0.key < $1.key }) {
            guard let f = features[film] else { continue }
            for genre in f.genres { vector["g:" + genre.rawValue, default: 0] += weight * 0.5 }
            for keyword in f.keywords { vector["k:" + keyword, default: 0] += weight * 0.25 }
        }
        return vector
    }

    func score(film: String, profile: [String: Float]) -> Float {
        guard let f = features[film] else { return 0 }
        var sum: Float = 0
        for genre in f.genres { sum += profile["g:" + genre.rawValue] ?? 0 }
        for keyword in f.keywords { sum += 0.5 * (profile["k:" + keyword] ?? 0) }
        let count = Float(f.genres.count) + 0.5 * Float(f.keywords.count)
        return count > 0 ? sum / count.squareRoot() : 0
    }

    /// The user's liked genres this film has.
    func likedGenres(film: String, user: UserProfile) -> [Genre] {
        guard let f = features[film] else { return [] }
        return f.genres.filter(user.likedGenres.contains)
    }

    /// The user's positively weighted films that share a genre or keyword with `film`, strongest first.
    func similarFilms(to film: String, weights: [String: Float], limit: Int = 3) -> [(film: String, overlap: Float)] {
        guard let target = features[film] else { return [] }
        var found: [(film: String, overlap: Float)] = []
        for (other, weight) in weights where weight > 0 && other != film {
            guard let f = features[other] else { continue }
            let shared = Float(Set(f.genres).intersection(target.genres).count) + 0.5 * Float(Set(f.keywords).intersection(target.keywords).count)
            if shared > 0 { found.append((other, shared * weight)) }
        }
        return Array(found.sorted { $0.overlap != $1.overlap ? $0.overlap > $1.overlap : $0.film < $1.film }.prefix(limit))
    }
}
