import Catalog
import Narrative

/// A planned (or edited) tour: the stops in order with their narration, directions and
/// timing, the route walked, and the request it answers. Stored in versions: an edit makes a
/// new version and leaves the old one readable.
public struct Tour: Codable, Sendable, Hashable {
    public static let formatName = "scenewright.tour/1"

    public var format: String = Tour.formatName
    public var id: String
    public var version: Int
    public var museumId: String
    public var museumName: String
    public var request: Request
    public var language: LanguageChoice
    /// Words per minute used to time narration.
    public var wordsPerMinute: Double
    public var intro: String
    public var stops: [Stop]
    /// Directions from the last stop (or the entrance) to the exit.
    public var toExit: String
    public var outro: String
    public var walkingMinutes: Double
    public var stopMinutes: Double
    public var totalMinutes: Double
    /// Sum of the stops' values for this visitor.
    public var score: Double
    /// The line walked, per floor, from the entrance through every stop to the exit.
    public var route: [RouteLeg]
    /// `planner` for version 1; `edit` for versions an author changed.
    public var origin: String

    /// What was asked for.
    public struct Request: Codable, Sendable, Hashable {
        public var userId: String?
        public var audience: Audience
        public var depth: InterestDepth
        public var pace: Pace
        public var stepFree: Bool
        public var language: String
        public var budgetMinutes: Double
        public var theme: String?
        public var mustInclude: [String]
        public var exclude: [String]
        public var seed: UInt64
    }

    /// One stop.
    public struct Stop: Codable, Sendable, Hashable {
        public var number: Int
        public var exhibitId: String
        public var title: String
        public var roomId: String
        public var roomName: String
        public var floor: Int
        public var position: [Double]
        /// Minutes from the start of the tour when the visitor arrives.
        public var arrivalMinute: Double
        public var dwellMinutes: Double
        public var narrationMinutes: Double
        /// Time spent at the stop: the longer of the dwell time and the narration.
        public var stopMinutes: Double
        public var narration: String
        /// Everything spoken at the stop (narration, directions, transition), for captions.
        public var transcript: String
        /// A description of the exhibit for screen readers.
        public var altText: String
        /// How to reach the next stop (or the exit).
        public var directions: String
        public var transition: String
        public var walkMinutesToNext: Double
        public var value: Double
        /// Whether an author wrote this narration (kept across re-timing).
        public var narrationEdited: Bool
        /// Facts the narration uses, by source.
        public var facts: [Fact]
        /// For a tour whose narration a language model was asked to restyle: where this
        /// stop's narration came from (absent otherwise).
        public var narrationVoice: TextOrigin?
    }

    /// Part of the route on one floor.
    public struct RouteLeg: Codable, Sendable, Hashable {
        public var floor: Int
        /// `[[x, z], …]`.
        public var points: [[Double]]
        /// The stop this leg arrives at (0 for the exit).
        public var toStop: Int
    }
}
