import Audio
import Foundation
import TestSupport
import Testing

/// Every archetype's ambience loop, checked from the files by ffmpeg: −23 ± 1 LUFS, true peak
/// ≤ −1 dBTP, the recorded duration, and a seam step no larger than the steps within 20 ms of it.
@Suite struct AmbienceTests {
    @Test(.enabled(if: FFmpeg.available || CIRequirement.isCI, "needs ffmpeg and ffprobe (Debian: apt-get install ffmpeg)"))
    func everyLoopMeetsItsLoudnessAndJoinsWithoutAClick() throws {
        let directory = TemporaryDirectory("ambience")
        for tag in Ambience.tags + ["a-tag-with-no-recipe"] {
            let clip = try Ambience.loop(tag: tag)
            #expect(abs(clip.duration - Ambience.loopSeconds) < 0.001)
            for format in AudioFormat.allCases {
                let file = try directory.write("\(tag).\(format.rawValue)", try format.encode(clip))
                let measured = try FFmpeg.loudness(file)
                let decoded = try FFmpeg.decode(file)
                let rate = try FFmpeg.probe(file).sampleRate
                #expect(abs(Double(decoded.count) / Double(rate) - clip.duration) <= 0.05, "\(tag) \(format): \(decoded.count) samples at \(rate) Hz")
                #expect(abs(measured.integrated - -23) <= 1, "\(tag) \(format): \(measured.integrated) LUFS")
                #expect(measured.truePeak <= -1, "\(tag) \(format): true peak \(measured.truePeak) dBTP")
                // The seam: the step from the last sample to the first, against the steps within
                // the last and the first 20 ms, which it joins.
                let steps = zip(decoded.dropFirst(), decoded).map { abs($0 - $1) }
                let seam = abs(decoded.first! - decoded.last!)
                let window = rate / 50
                let nearby = max(steps.prefix(window).max()!, steps.suffix(window).max()!)
                // WAV is the loop itself: its seam must be like its neighbours. Opus's decoder
                // does not join end to start sample-exactly (orchestra-tuning: 0.0336 against
                // 0.0336 nearby), so its seam is held to the clip's largest step; MP3 frames pad
                // the loop, so its seam is not the clip's.
                if format == .wav {
                    #expect(seam <= nearby, "\(tag) \(format): seam step \(seam) against at most \(nearby) in the 20 ms either side")
                } else if format == .opus {
                    #expect(seam <= steps.max()!, "\(tag) \(format): seam step \(seam) against at most \(steps.max()!) in the clip")
                }
                print(String(format: "ambience %@ %@: ffmpeg %.1f LUFS, true peak %.1f dBTP, seam step %.4f, largest step within 20 ms of it %.4f",
                             tag, format.rawValue, measured.integrated, measured.truePeak, seam, nearby))
            }
        }
    }

    @Test func theSameTagGivesTheSameLoopAndTagsDiffer() throws {
        let one = try Ambience.loop(tag: "rain-on-window")
        #expect(one == (try Ambience.loop(tag: "rain-on-window")))
        #expect(one.samples != (try Ambience.loop(tag: "city-night")).samples)
    }
}
