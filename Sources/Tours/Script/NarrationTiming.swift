import Narrative

/// How long a stop's words take to say. By default, the narration's words at
/// ``TourAssembler/wordsPerMinute``. A tour timed from audio uses the measured length of each
/// stop's clip (its whole transcript); a text not measured yet is estimated at the rate the
/// measured clips spoke at, so the planner can choose stops before their clips exist.
public struct NarrationTiming: Sendable, Hashable {
    /// Seconds each spoken text (a stop's transcript) lasts as audio.
    public var measuredSeconds: [String: Double]
    /// Words per minute for a text not measured yet.
    public var wordsPerMinute: Double
    /// True when stops are timed by their audio.
    public var byAudio: Bool

    /// Word-count timing at 130 words per minute.
    public static let words = NarrationTiming(measuredSeconds: [:], wordsPerMinute: TourAssembler.wordsPerMinute, byAudio: false)

    /// Audio timing with the clips measured so far.
    public static func audio(measuredSeconds: [String: Double], estimatedWordsPerMinute: Double) -> NarrationTiming {
        NarrationTiming(measuredSeconds: measuredSeconds, wordsPerMinute: estimatedWordsPerMinute, byAudio: true)
    }

    /// The rate the measured clips speak at (words per minute), or nil before any is measured.
    public var measuredWordsPerMinute: Double? {
        let seconds = measuredSeconds.values.reduce(0, +)
        guard seconds > 0 else { return nil }
        return Double(measuredSeconds.keys.reduce(0) { $0 + Sentences.words($1).count }) / (seconds / 60)
    }

    /// Minutes spent speaking at a stop: `spoken` is what the words-count rule times (the
    /// narration, and the description before it), `transcript` what the clip says.
    func minutes(spoken: String, transcript: String) -> Double {
        guard byAudio else { return Self.round(Double(Sentences.words(spoken).count) / TourAssembler.wordsPerMinute) }
        if let seconds = measuredSeconds[transcript] { return Self.round(seconds / 60) }
        return Self.round(Double(Sentences.words(transcript).count) / wordsPerMinute)
    }

    /// The measured length of `transcript`'s clip in seconds (to the millisecond), when timed by audio.
    func seconds(transcript: String) -> Double? {
        guard byAudio, let seconds = measuredSeconds[transcript] else { return nil }
        return (seconds * 1000).rounded() / 1000
    }

    /// The planner's estimate of a stop's speaking time before its neighbours (and so its
    /// directions) are known.
    func estimate(spoken: String) -> Double {
        guard byAudio else { return Self.round(Double(Sentences.words(spoken).count) / TourAssembler.wordsPerMinute) }
        return Self.round(Double(Sentences.words(spoken).count + Self.wordsAroundNarration) / wordsPerMinute)
    }

    /// About how many words a clip says besides the narration: the stop's heading, the
    /// directions on and the transition.
    static let wordsAroundNarration = 30

    static func round(_ minutes: Double) -> Double { (minutes * 100).rounded() / 100 }
}
