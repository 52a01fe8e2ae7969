/// A mono clip as float samples in [−1, 1], with what a player and a pack manifest need to
/// know about it.
public struct AudioClip: Sendable, Equatable {
    public var samples: [Float]
    public var sampleRate: Int
    /// Integrated loudness (LUFS) and true peak (dBTP), once measured.
    public var loudness: Loudness.Measurement?

    public init(samples: [Float], sampleRate: Int, loudness: Loudness.Measurement? = nil) {
        self.samples = samples
        self.sampleRate = sampleRate
        self.loudness = loudness
    }

    /// Seconds of audio.
    public var duration: Double { Double(samples.count) / Double(sampleRate) }
}

/// An error from synthesis, measurement or encoding, with the library's reason.
public struct AudioError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
