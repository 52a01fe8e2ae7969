import Catalog
import Foundation

/// A profile as both engines store it: one text column per field, lists as JSON arrays.
public struct UserRecord: Sendable, Equatable {
    public var id: String
    public var displayName: String
    public var audience: String
    public var depth: String
    public var language: String
    public var pace: String
    /// JSON arrays.
    public var accessibility: String
    public var likedGenres: String
    public var dislikedGenres: String

    public init(
        id: String, displayName: String, audience: String, depth: String, language: String, pace: String, accessibility: String,
        likedGenres: String, dislikedGenres: String
    ) {
        self.id = id
        self.displayName = displayName
        self.audience = audience
        self.depth = depth
        self.language = language
        self.pace = pace
        self.accessibility = accessibility
        self.likedGenres = likedGenres
        self.dislikedGenres = dislikedGenres
    }

    /// The columns of `profile` (accessibility needs sorted, so the same profile stores the same text).
    public init(_ profile: UserProfile) throws {
        let encoder = JSONEncoder()
        func json<T: Encodable>(_ value: T) throws -> String { String(decoding: try encoder.encode(value), as: UTF8.self) }
        self.init(
            id: profile.id, displayName: profile.displayName, audience: profile.audience.rawValue, depth: profile.depth.rawValue,
            language: profile.language, pace: profile.pace.rawValue, accessibility: try json(profile.accessibility.sorted()),
            likedGenres: try json(profile.likedGenres), dislikedGenres: try json(profile.dislikedGenres))
    }

    /// The profile these columns hold; unknown values fall back to the defaults.
    public var profile: UserProfile {
        func list<T: Decodable>(_ text: String, _ type: T.Type) -> T? { try? JSONDecoder().decode(T.self, from: Data(text.utf8)) }
        return UserProfile(
            id: id, displayName: displayName, audience: Audience(rawValue: audience) ?? .adult, depth: InterestDepth(rawValue: depth) ?? .casual,
            language: language, pace: Pace(rawValue: pace) ?? .average, accessibility: Set(list(accessibility, [AccessibilityNeed].self) ?? []),
            likedGenres: list(likedGenres, [Genre].self) ?? [], dislikedGenres: list(dislikedGenres, [Genre].self) ?? [])
    }
}
