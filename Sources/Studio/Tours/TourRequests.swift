import Catalog
import Foundation
import Narrative
import Tours

/// A tour request as clients send it.
public struct TourPlanRequest: Sendable {
    public var museumId: String
    public var userId: String?
    /// A profile given inline, for visitors without an account.
    public var profile: UserProfile?
    public var budgetMinutes: Double
    public var theme: String?
    public var mustInclude: [String]
    public var exclude: [String]
    public var seed: UInt64?
    /// Ask the language model (if configured) to restyle each stop's narration, never longer
    /// than the timed draft.
    public var restyle: Bool
    /// Time each stop by the measured length of its narration audio, not by word count.
    public var audio: Bool

    public init(
        museumId: String, userId: String? = nil, profile: UserProfile? = nil, budgetMinutes: Double, theme: String? = nil,
        mustInclude: [String] = [], exclude: [String] = [], seed: UInt64? = nil, restyle: Bool = false, audio: Bool = false
    ) {
        self.restyle = restyle
        self.audio = audio
        self.museumId = museumId
        self.userId = userId
        self.profile = profile
        self.budgetMinutes = budgetMinutes
        self.theme = theme
        self.mustInclude = mustInclude
        self.exclude = exclude
        self.seed = seed
    }

    /// - Throws: ``StudioError`` `.invalidInput` naming the first value out of range.
    func validate(exhibits: Int) throws {
        guard (userId == nil) != (profile == nil) else {
            throw StudioError(.invalidInput, "give exactly one of userId and profile", parameter: userId == nil ? "userId" : "profile")
        }
        guard budgetMinutes.isFinite, TourRequest.budgetRange.contains(budgetMinutes) else {
            throw StudioError(
                .invalidInput, "budgetMinutes must be between \(Int(TourRequest.budgetRange.lowerBound)) and \(Int(TourRequest.budgetRange.upperBound))",
                parameter: "budgetMinutes")
        }
        if let theme, theme.isEmpty || theme.count > TourService.Limits.maxThemeLength {
            throw StudioError(.invalidInput, "theme must be 1–\(TourService.Limits.maxThemeLength) characters", parameter: "theme")
        }
        guard mustInclude.count + exclude.count <= exhibits + 10 else { throw StudioError(.invalidInput, "too many exhibits listed", parameter: "mustInclude") }
        guard (seed ?? 0) <= StagingLimits.maxSeed else { throw StudioError(.invalidInput, "seed must be between 0 and \(StagingLimits.maxSeed)", parameter: "seed") }
    }
}

/// A stop as an author sends it in an edit.
public struct TourEditStop: Sendable, Decodable {
    public var exhibitId: String
    public var narration: String?

    public init(exhibitId: String, narration: String? = nil) {
        self.exhibitId = exhibitId
        self.narration = narration
    }
}

/// One stored version of a tour, for `GET /v1/tours/{id}/versions`.
public struct TourVersionSummary: Sendable, Encodable {
    public var version: Int
    public var origin: String
    public var createdAt: Date
    public var stops: Int
    public var totalMinutes: Double
}

/// A request for a tour's floor map, checked once.
public struct TourMapRequest: Sendable {
    public var tourId: String
    /// A pinned version (nil: the latest).
    public var version: Int?
    /// The floor level (nil: the entrance's floor).
    public var floor: Int?
    public var width: Int
    public var height: Int

    public init(tourId: String, version: Int? = nil, floor: Int? = nil, width: Int = 1280, height: Int = 800) {
        self.tourId = tourId
        self.version = version
        self.floor = floor
        self.width = width
        self.height = height
    }

    func validate() throws {
        try PreviewRequest(sceneId: tourId, width: width, height: height).validate()
    }
}

/// Every input that shapes a planned tour; its SHA-256 is the tour id.
struct TourInputs: Encodable {
    var kind = "tour"
    var planner = TourPlanner.version
    var grammars: String
    var museum: Museum
    var userId: String?
    var profile: UserProfile
    var budgetMinutes: Double
    var theme: String?
    var mustInclude: [String]
    var exclude: [String]
    var seed: UInt64
    /// The language model's fingerprint for restyled narration (absent otherwise, so plain
    /// tours keep their ids).
    var voice: String?
    /// The speech engine, for a tour timed by its audio (absent otherwise).
    var audio: String?
}

/// Every input that shapes a tour's floor map.
struct TourMapInputs: Codable, Sendable {
    var kind = "tour.map"
    var renderer = PreviewSettings.version
    var tour: String
    var version: Int
    var floor: Int
    var width: Int
    var height: Int
    /// The tour's user, for a personal tour.
    var owner: String?
}
