import CEbur128
import Foundation

/// EBU R128 loudness through libebur128: measuring a clip, and bringing it to a target
/// integrated loudness with its true peak under a ceiling.
public enum Loudness {
    /// What libebur128 measured.
    public struct Measurement: Sendable, Equatable, Codable {
        /// Integrated loudness, LUFS.
        public var integrated: Double
        /// True peak, dBTP (4× oversampled, as BS.1770 defines it).
        public var truePeak: Double
    }

    /// A loudness target: integrated LUFS and the true-peak ceiling in dBTP.
    public struct Target: Sendable, Equatable {
        public var integrated: Double
        public var truePeakCeiling: Double

        public init(integrated: Double, truePeakCeiling: Double) {
            self.integrated = integrated
            self.truePeakCeiling = truePeakCeiling
        }

        /// Narration and dialogue: −16 LUFS, −1 dBTP.
        public static let speech = Target(integrated: -16, truePeakCeiling: -1)
        /// Room ambience, under the voices: −23 LUFS, −1 dBTP.
        public static let ambience = Target(integrated: -23, truePeakCeiling: -1)
    }

    /// How far under the true-peak ceiling the limiter holds sample peaks, in dB.
    static let peakMargin = 1.0

    /// Measures a clip.
    /// - Throws: ``AudioError`` when the clip is too short or silent to have a loudness.
    public static func measure(_ clip: AudioClip) throws -> Measurement {
        var lufs = 0.0, peak = 0.0
        let status = clip.samples.withUnsafeBufferPointer { scenewright_loudness_measure($0.baseAddress, $0.count, UInt(clip.sampleRate), &lufs, &peak) }
        guard status == 0 else { throw AudioError("libebur128 could not measure the clip") }
        guard lufs.isFinite, peak > 0 else { throw AudioError("the clip is silent (or shorter than 400 ms): it has no integrated loudness") }
        return Measurement(integrated: lufs, truePeak: 20 * log10(peak))
    }

    /// The clip at `target`: a gain to the integrated loudness, and a look-ahead peak limiter
    /// that holds the true peak under the ceiling; repeated (at most four times) until
    /// libebur128 measures both within 0.1 dB. The result carries its measurement.
    public static func normalise(_ clip: AudioClip, to target: Target) throws -> AudioClip {
        var current = clip
        var measured = try measure(current)
        for _ in 0..<4 {
            let gain = pow(10, (target.integrated - measured.integrated) / 20)
            current.samples = current.samples.map { $0 * Float(gain) }
            // Sample peaks kept 1 dB under the ceiling leave room for the peaks between samples
            // and for the overshoot of lossy codecs (Opus added up to 0.4 dB in tests).
            current.samples = Limiter.limit(current.samples, ceiling: Float(pow(10, (target.truePeakCeiling - Self.peakMargin) / 20)), sampleRate: current.sampleRate)
            measured = try measure(current)
            if abs(measured.integrated - target.integrated) <= 0.1 && measured.truePeak <= target.truePeakCeiling { break }
        }
        current.loudness = measured
        return current
    }
}

/// A look-ahead peak limiter: each sample's gain is the smallest that the samples within the
/// next 1.5 ms need to stay under the ceiling, eased back up over 50 ms. Deterministic, and a
/// no-op on a clip already under its ceiling.
enum Limiter {
    static func limit(_ samples: [Float], ceiling: Float, sampleRate: Int) -> [Float] {
        guard let loudest = samples.map(abs).max(), loudest > ceiling else { return samples }
        let lookahead = max(1, sampleRate * 3 / 2000)
        let release = Float(exp(-1 / (0.050 * Double(sampleRate))))
        // The gain each sample needs on its own, then the minimum over the look-ahead window
        // (a sliding-window minimum over a monotone deque: linear time).
        let needed = samples.map { abs($0) > ceiling ? ceiling / abs($0) : 1 }
        var windowMinimum = [Float](repeating: 1, count: samples.count)
        var deque: [Int] = [], head = 0
        for index in stride(from: samples.count - 1, through: 0, by: -1) {
            while deque.count > head, needed[deque[deque.count - 1]] >= needed[index] { deque.removeLast() }
            deque.append(index)
            while deque[head] > index + lookahead { head += 1 }
            windowMinimum[index] = needed[deque[head]]
        }
        // Attack at once (the window already looked ahead), release smoothly.
        var out = samples
        var gain: Float = 1
        for index in samples.indices {
            let wanted = windowMinimum[index]
            gain = wanted < gain ? wanted : min(wanted, 1 - (1 - gain) * release)
            out[index] = samples[index] * gain
        }
        return out
    }
}
