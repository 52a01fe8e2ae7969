import Catalog
import Foundation
import Recommender

/// The parts every film's score is made of for one visitor — collaborative (folded in from
/// their positives), content (genres and keywords) and popularity — and the ranked list and
/// explanations built from them.
struct RecommendationScoring {
    let catalog: CatalogIndex
    let snapshot: ModelSnapshot?
    let history: UserHistory
    let collaborativeWeight: Float
    private let collaborative: [String: Float]
    private let content: [String: Float]
    private let contentTop: Float
    private let popularityTop: Float

    init(profile: UserProfile, weights: [String: Float], catalog: CatalogIndex, snapshot: ModelSnapshot?) {
        self.catalog = catalog
        self.snapshot = snapshot
        // Collaborative scores from the user's positives that the model knows (fold-in).
        var collaborative: [String: Float] = [:]
        var history = UserHistory.empty
        if let snapshot {
            var items: [Int32] = []
            var values: [Float] = []
            for (film, weight) in weights where weight > 0 {
                if let index = snapshot.films.index(of: film) {
                    items.append(index)
                    values.append(weight)
                }
            }
            history = UserHistory(items: items, values: values)
            if !history.isEmpty {
                let scores = snapshot.model.score(history: history, user: snapshot.users.index(of: profile.id).map(Int.init))
                let top = scores.max() ?? 0
                if top > 0 { for (index, score) in scores.enumerated() where score > 0 { collaborative[snapshot.films.id(at: Int32(index))] = score / top } }
            }
        }
        self.history = history
        self.collaborative = collaborative
        let evidence = history.items.count
        collaborativeWeight = Float(evidence) / Float(evidence + 3)
        // Content scores from the profile and the films the user responded to.
        let tasteVector = catalog.content.profile(profile, weights: weights)
        var content: [String: Float] = [:]
        var contentTop: Float = 0
        for film in catalog.filmIds {
            let score = catalog.content.score(film: film, profile: tasteVector)
            content[film] = score
            contentTop = max(contentTop, abs(score))
        }
        self.content = content
        self.contentTop = contentTop
        popularityTop = snapshot?.popularity.max() ?? 0
    }

    func parts(_ film: String) -> (collaborative: Float, content: Float, popularity: Float) {
        let c = collaborativeWeight * (collaborative[film] ?? 0)
        let m = (1 - collaborativeWeight) * (contentTop > 0 ? (content[film] ?? 0) / contentTop : 0)
        var p: Float = 0
        if let snapshot, popularityTop > 0, let index = snapshot.films.index(of: film) { p = 0.05 * snapshot.popularity[Int(index)] / popularityTop }
        return (c, m, p)
    }

    private func total(_ film: String) -> Float {
        let p = parts(film)
        return p.collaborative + p.content + p.popularity
    }

    /// The best `k` films the visitor has not responded to, suitable for their audience.
    func ranked(for profile: UserProfile, weights: [String: Float], k: Int, explain: Bool) -> RecommendationList {
        var ranked: [(film: String, score: Float)] = []
        for film in catalog.filmIds where weights[film] == nil {
            guard let entry = catalog.entries[film], entry.suits(profile.audience) else { continue }
            ranked.append((film, total(film)))
        }
        ranked.sort { $0.score != $1.score ? $0.score > $1.score : $0.film < $1.film }
        let items = ranked.prefix(k).map { candidate -> Recommendation in
            let entry = catalog.entries[candidate.film]!
            return Recommendation(
                filmId: candidate.film, title: entry.title, year: entry.year, score: Double(candidate.score),
                explanation: explain ? explanation(film: candidate.film, profile: profile, weights: weights) : nil)
        }
        let evidence = history.items.count
        return RecommendationList(
            userId: profile.id, items: items, algorithm: snapshot?.algorithm, modelVersion: snapshot?.version, evidence: evidence,
            collaborativeWeight: Double(collaborativeWeight), coldStart: evidence == 0)
    }

    /// How much the visitor should like each of `films`, 0–1 relative to the catalog's best.
    func taste(films: [String], weights: [String: Float]) -> [String: Double] {
        var top: Float = 0
        for film in catalog.filmIds where weights[film] == nil { top = max(top, total(film)) }
        var result: [String: Double] = [:]
        for film in films {
            if let weight = weights[film] {
                result[film] = weight > 0 ? 1 : 0
            } else {
                result[film] = top > 0 ? Double(max(0, min(1, total(film) / top))) : 0
            }
        }
        return result
    }

    /// Why `film` scores as it does: the dominant part, and the visitor's own films behind it.
    func explanation(film: String, profile: UserProfile, weights: [String: Float]) -> RecommendationExplanation {
        let (collaborative, content, popular) = parts(film)
        let basis =
            collaborative >= content && collaborative >= popular && collaborative > 0 ? "collaborative" : content >= popular && content > 0 ? "content" : "popular"
        var because: [FilmContribution] = []
        var similarUsers: Int?
        var popularity: Int?
        if let snapshot, let index = snapshot.films.index(of: film) {
            popularity = Int(snapshot.popularity[Int(index)])
            if !history.isEmpty {
                switch snapshot.model.explain(history: history, item: Int(index)) {
                case .items(let contributions):
                    because = contributions.map { contribution in
                        let id = snapshot.films.id(at: contribution.item)
                        return FilmContribution(filmId: id, title: catalog.entries[id]?.title ?? id, weight: Double(contribution.weight))
                    }
                case .similarUsers(let count): similarUsers = count
                case .popularity(let count): popularity = count
                case .none: break
                }
            }
        }
        if because.isEmpty && basis != "popular" {
            because = catalog.content.similarFilms(to: film, weights: weights).map {
                FilmContribution(filmId: $0.film, title: catalog.entries[$0.film]?.title ?? $0.film, weight: Double($0.overlap))
            }
        }
        return RecommendationExplanation(
            basis: basis, because: because, similarUsers: similarUsers, likedGenres: catalog.content.likedGenres(film: film, user: profile),
            popularity: popularity)
    }
}
