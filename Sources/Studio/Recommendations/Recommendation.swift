import Catalog
import Foundation

/// A ranked list of films for one visitor, with how it was made.
public struct RecommendationList: Sendable, Encodable {
    public var userId: String
    public var items: [Recommendation]
    /// The collaborative model used (`ease`, `als`…), or nil when no model is fitted yet.
    public var algorithm: String?
    public var modelVersion: Int?
    /// The user's films with positive feedback that the model knows.
    public var evidence: Int
    /// Share of the score from the collaborative model (the rest is content and popularity):
    /// n / (n + 3) for n pieces of evidence.
    public var collaborativeWeight: Double
    /// True when the list rests on the profile and metadata alone.
    public var coldStart: Bool
}

/// One recommended film.
public struct Recommendation: Sendable, Encodable {
    public var filmId: String
    public var title: String
    public var year: Int?
    public var score: Double
    public var explanation: RecommendationExplanation?
}

/// Why a film was recommended, as data: the films of the user's own that led to it, the number
/// of similar users, the liked genres it matches, or its popularity.
public struct RecommendationExplanation: Sendable, Encodable, Equatable {
    /// `collaborative`, `content` or `popular`: which part of the score dominated.
    public var basis: String
    /// The user's own films that contributed most, strongest first.
    public var because: [FilmContribution]
    /// Like-minded users who interacted with the film (user-based models).
    public var similarUsers: Int?
    /// The user's liked genres the film has.
    public var likedGenres: [Genre]
    /// Users who responded positively to the film.
    public var popularity: Int?
}

/// One of the user's films and how much it added to a recommendation.
public struct FilmContribution: Sendable, Encodable, Equatable {
    public var filmId: String
    public var title: String
    public var weight: Double
}
