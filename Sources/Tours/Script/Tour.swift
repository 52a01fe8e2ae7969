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
    /// Words per minute used to time narration (for a tour timed from audio, the rate its
    /// clips were measured to speak at).
    public var wordsPerMinute: Double
    /// `audio` when every stop's time is the measured length of its clip; absent when timed
    /// at ``wordsPerMinute``.
    public var timedBy: String?
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
        /// Time stops by their measured narration audio (absent: by word count).
        public var audio: Bool?
        /// Each stop first describes the exhibit and where it stands (absent: no description).
        public var audioDescription: Bool?
    }

    /// One stop.
    public struct Stop: Codable, Sendable, Hashable {
        /// Place in the order walked, 1…n.
        public var number: Int
        /// The number a visitor keys in on a handheld guide: kept by every edit that keeps the
        /// stop (absent in tours stored before keypad numbers: use ``keypadNumber``).
        public var keypad: Int?
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
        /// For a tour timed by audio: the measured length of the stop's clip, in seconds.
        public var narrationSeconds: Double?
        /// Time spent at the stop: the longer of the dwell time and the narration.
        public var stopMinutes: Double
        public var narration: String
        /// For audio description: what stands at the stop and where, spoken before the narration.
        public var description: String?
        /// Everything spoken at the stop (description, narration, directions, transition): the
        /// text of its audio clip and of its captions.
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

extension Tour.Stop {
    /// The keypad number, for tours stored before keypad numbers existed too.
    public var keypadNumber: Int { keypad ?? number }
}
