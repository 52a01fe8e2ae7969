import Audio
import Foundation
import Synchronization
import TestSupport
import Testing

/// Speech from espeak-ng, brought to EBU R128 targets with libebur128, written as WAV, Ogg Opus
/// and MP3, and checked from the files by ffmpeg and ffprobe, which share no code with ours.
@Suite struct SpeechLoudnessTests {
    static let sentences: [(voice: SpeechVoice, text: String)] = [
        (SpeechVoice(language: "en"), "Blade Runner, from 1982, was directed by Ridley Scott. Stand by the rain-streaked window and listen."),
        (SpeechVoice(language: "fr"), "Le Fabuleux Destin d'Amélie Poulain, réalisé par Jean-Pierre Jeunet en 2001, se passe à Montmartre."),
        (SpeechVoice(language: "cmn"), "这是一部一九八二年的电影，导演是雷德利·斯科特。"),
        (SpeechVoice(language: "en", variant: "m3", rate: 140, pitch: 30, range: 40), "I have seen things you people wouldn't believe."),
    ]

    @Test(.enabled(if: FFmpeg.available || CIRequirement.isCI, "needs ffmpeg and ffprobe (Debian: apt-get install ffmpeg)"))
    func speechIsNormalisedToSixteenLUFSAsFFmpegMeasuresIt() throws {
        let directory = TemporaryDirectory("speech")
        for (index, sentence) in Self.sentences.enumerated() {
            let spoken = try SpeechSynthesizer.speak(sentence.text, voice: sentence.voice)
            #expect(spoken.sampleRate == 22_050)
            #expect(spoken.duration > 1.5, "\(sentence.voice.espeakLabel): \(spoken.duration) s")
            let clip = try Loudness.normalise(spoken, to: .speech)
            for format in AudioFormat.allCases {
                let file = try directory.write("clip-\(index).\(format.rawValue)", try format.encode(spoken, normalisedTo: .speech))
                let probe = try FFmpeg.probe(file)
                let expected: (codec: String, rate: Int) = switch format {
                case .wav: ("pcm_s16le", 22_050)
                case .mp3: ("mp3", 22_050)
                case .opus: ("opus", 48_000)
                }
                #expect(probe.codec == expected.codec && probe.sampleRate == expected.rate && probe.channels == 1, "\(format): \(probe)")
                // What a listener hears: the samples ffmpeg decodes (for MP3, after the encoder
                // delay and padding the LAME tag declares are trimmed).
                let decoded = Double(try FFmpeg.decode(file).count) / Double(probe.sampleRate)
                #expect(abs(decoded - clip.duration) <= 0.05, "\(format): decoded \(decoded) s against \(clip.duration) s")
                #expect(probe.tags.contains { $0.key.lowercased() == "comment" && $0.value.contains("loudness=") }, "\(format): \(probe.tags)")
                let measured = try FFmpeg.loudness(file)
                print(String(format: "speech %@ %@: %.3f s (decoded %.3f s, ffprobe's header %.3f s), ffmpeg %.1f LUFS, true peak %.1f dBTP (libebur128 on the samples: %.1f LUFS, %.1f dBTP)",
                             sentence.voice.espeakLabel, format.rawValue, clip.duration, decoded, probe.duration, measured.integrated, measured.truePeak,
                             clip.loudness!.integrated, clip.loudness!.truePeak))
                #expect(abs(measured.integrated - -16) <= 1, "\(sentence.voice.espeakLabel) \(format): \(measured.integrated) LUFS")
                #expect(measured.truePeak <= -1, "\(sentence.voice.espeakLabel) \(format): true peak \(measured.truePeak) dBTP")
            }
        }
    }

    @Test func theSameTextAndVoiceGiveTheSameSamples() throws {
        let voice = SpeechVoice(language: "en", variant: "f2", rate: 190, pitch: 70)
        let one = try SpeechSynthesizer.speak("Same words, same voice.", voice: voice)
        // Whatever was spoken before (espeak-ng's state outlives an utterance in one process).
        _ = try SpeechSynthesizer.speak("Something else entirely, at another pace.", voice: SpeechVoice(language: "fr", rate: 300))
        let two = try SpeechSynthesizer.speak("Same words, same voice.", voice: voice)
        #expect(one == two)
        let other = try SpeechSynthesizer.speak("Same words, same voice.", voice: SpeechVoice(language: "en", variant: "f2", rate: 190, pitch: 30))
        #expect(other != one)
        let clip = try Loudness.normalise(one, to: .speech)
        #expect(clip == (try Loudness.normalise(two, to: .speech)))
        for format in AudioFormat.allCases { #expect(try format.encode(clip) == (try format.encode(clip)), "\(format)") }
    }

    @Test func badRequestsAreClearErrors() throws {
        #expect(throws: AudioError.self) { try SpeechSynthesizer.speak("   ", voice: SpeechVoice(language: "en")) }
        #expect(throws: AudioError.self) { try SpeechSynthesizer.speak("hello", voice: SpeechVoice(language: "no-such-language")) }
        #expect(throws: AudioError.self) { try SpeechSynthesizer.speak("hello", voice: SpeechVoice(language: "en", rate: 20)) }
        #expect(throws: AudioError.self) { try SpeechSynthesizer.speak("hello", voice: SpeechVoice(language: "en", pitch: 101)) }
        #expect(throws: AudioError.self) { try SpeechSynthesizer.speak(String(repeating: "word ", count: 4000), voice: SpeechVoice(language: "en")) }
        // Hostile text is spoken, not interpreted: control characters, markup, quotes.
        let hostile = try SpeechSynthesizer.speak("<speak>\u{0}\u{7}\"quoted\" & 'apostrophe' \u{1B}[31m red</speak>", voice: SpeechVoice(language: "en"))
        #expect(hostile.duration > 0.5)
        #expect(throws: AudioError.self) { try Loudness.measure(AudioClip(samples: [Float](repeating: 0, count: 22_050), sampleRate: 22_050)) }
    }

    /// The limiter never lets a sample past its ceiling, and leaves a clip under it untouched.
    @Test(arguments: [0.05, 0.3, 0.9] as [Float])
    func theLimiterHoldsItsCeiling(_ ceiling: Float) throws {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        let noise = (0..<48_000).map { _ -> Float in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Float(Int64(bitPattern: state) >> 11) / Float(1 << 52) * (state % 7 == 0 ? 1 : 0.1)
        }
        let clip = AudioClip(samples: noise, sampleRate: 48_000)
        let limited = try Loudness.normalise(clip, to: Loudness.Target(integrated: -10, truePeakCeiling: 20 * Double(log10(ceiling))))
        #expect(limited.samples.map(abs).max()! <= ceiling)
        let quiet = AudioClip(samples: noise.map { $0 * 0.01 }, sampleRate: 48_000)
        let measured = try Loudness.measure(quiet)
        let same = try Loudness.normalise(quiet, to: Loudness.Target(integrated: measured.integrated, truePeakCeiling: 0))
        #expect(zip(same.samples, quiet.samples).allSatisfy { abs($0 - $1) <= 1e-6 * max(1, abs($1)) })
    }
}

extension SpeechVoice {
    var espeakLabel: String { variant.map { "\(language)+\($0)" } ?? language }
}

/// Clips made at the same time, on many threads, are the same bytes as clips made alone: the
/// helper processes share nothing, and LAME's encoder and decoder (whose tables are process-wide
/// statics) are used one call at a time.
@Suite struct ConcurrentClipTests {
    @Test func eightClipsAtOnceMatchOneAlone() async throws {
        let text = "Stop two: props from The Empire Strikes Back. Look at the carbonite slab on your left."
        let voice = SpeechVoice(language: "en", rate: 160, pitch: 48, range: 45)
        let alone = try SpeechSynthesizer.speak(text, voice: voice)
        let reference = try AudioFormat.allCases.map { try $0.encode(alone, normalisedTo: .speech) }
        // On threads of their own, as the server's work queue runs them: blocking the cooperative
        // pool for seconds would starve every other suite's timers.
        let results = try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<[(AudioClip, [Data])], any Error>) in
            Thread {
                let slots = Mutex([Result<(AudioClip, [Data]), any Error>?](repeating: nil, count: 8))
                DispatchQueue.concurrentPerform(iterations: 8) { index in
                    let result = Result {
                        let spoken = try SpeechSynthesizer.speak(text, voice: voice)
                        return (spoken, try AudioFormat.allCases.map { try $0.encode(spoken, normalisedTo: .speech) })
                    }
                    slots.withLock { $0[index] = result }
                }
                continuation.resume(with: Result { try slots.withLock { try $0.map { try $0!.get() } } })
            }.start()
        }
        for (spoken, files) in results {
            #expect(spoken == alone, "espeak-ng spoke differently in a concurrent helper")
            for (index, format) in AudioFormat.allCases.enumerated() { #expect(files[index] == reference[index], "\(format) differs when made concurrently") }
        }
    }
}
