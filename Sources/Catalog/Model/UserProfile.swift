import Foundation

/// A visitor: who they are for the purposes of personalisation. Contains no contact data.
public struct UserProfile: Codable, Sendable, Hashable, Identifiable {
    public var id: String
    public var displayName: String
    public var audience: Audience
    public var depth: InterestDepth
    /// BCP 47 language tag ("en", "fr"); content falls back to English where we have no grammar.
    public var language: String
    public var pace: Pace
    public var accessibility: Set<AccessibilityNeed>
    public var likedGenres: [Genre]
    public var dislikedGenres: [Genre]

    public init(
        id: String, displayName: String, audience: Audience = .adult, depth: InterestDepth = .casual,
        language: String = "en", pace: Pace = .average, accessibility: Set<AccessibilityNeed> = [],
        likedGenres: [Genre] = [], dislikedGenres: [Genre] = []
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

    private enum CodingKeys: String, CodingKey {
        case id, displayName, audience, depth, language, pace, accessibility, likedGenres, dislikedGenres
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        displayName = try c.decodeIfPresent(String.self, forKey: .displayName) ?? id
        audience = try c.decodeIfPresent(Audience.self, forKey: .audience) ?? .adult
        depth = try c.decodeIfPresent(InterestDepth.self, forKey: .depth) ?? .casual
        language = try c.decodeIfPresent(String.self, forKey: .language) ?? "en"
        pace = try c.decodeIfPresent(Pace.self, forKey: .pace) ?? .average
        accessibility = Set(try c.decodeIfPresent([AccessibilityNeed].self, forKey: .accessibility) ?? [])
        likedGenres = try c.decodeIfPresent([Genre].self, forKey: .likedGenres) ?? []
        dislikedGenres = try c.decodeIfPresent([Genre].self, forKey: .dislikedGenres) ?? []
    }

    /// Encodes `accessibility` sorted, so the same profile always encodes to the same bytes.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(displayName, forKey: .displayName)
        try c.encode(audience, forKey: .audience)
        try c.encode(depth, forKey: .depth)
        try c.encode(language, forKey: .language)
        try c.encode(pace, forKey: .pace)
        try c.encode(accessibility.sorted(), forKey: .accessibility)
        try c.encode(likedGenres, forKey: .likedGenres)
        try c.encode(dislikedGenres, forKey: .dislikedGenres)
    }

    /// The primary language subtag, lowercased ("en-GB" → "en").
    public var languageCode: String {
        String(language.split(separator: "-").first ?? "en").lowercased()
    }

    /// A profile for anonymous visitors: adult, casual, English.
    public static let anonymous = UserProfile(id: "anonymous", displayName: "Visitor")
}

/// The age group content is written for.
public enum Audience: String, Codable, Sendable, CaseIterable, Comparable {
    case child, teen, adult

    public static func < (lhs: Audience, rhs: Audience) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// How much a visitor wants to know: changes the number of facts, topics and hotspots.
public enum InterestDepth: String, Codable, Sendable, CaseIterable, Comparable {
    case casual, enthusiast, scholar

    public static func < (lhs: InterestDepth, rhs: InterestDepth) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// Walking and reading pace of a visitor.
public enum Pace: String, Codable, Sendable, CaseIterable {
    case slow, average, brisk
}

/// Accessibility needs that change generated content.
public enum AccessibilityNeed: String, Codable, Sendable, CaseIterable, Comparable {
    /// Never route through stairs; no steps in staged scenes.
    case stepFree
    /// Every audio node carries caption text.
    case captions
    /// High-contrast material palette and map colours.
    case highContrast
    /// Each tour stop first describes, in words, what stands there and where.
    case audioDescription

    public static func < (lhs: AccessibilityNeed, rhs: AccessibilityNeed) -> Bool { lhs.rawValue < rhs.rawValue }
}
