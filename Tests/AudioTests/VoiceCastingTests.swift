@testable import Audio
import Foundation
import Testing

/// Character voices follow the record: traits move rate, pitch and range the stated way, the
/// description's pronouns pick the variant, the same record always gives the same voice, and
/// every voice cast is one espeak-ng speaks.
@Suite struct VoiceCastingTests {
    @Test func traitsMoveTheProsodyTheStatedWay() {
        func voice(_ traits: [String]) -> SpeechVoice { VoiceCasting.character(name: "Same Name", description: nil, traits: traits, language: "en") }
        #expect(voice(["gruff"]).pitch < voice([]).pitch)
        #expect(voice(["cheerful"]).pitch > voice([]).pitch)
        #expect(voice(["nervous"]).rate > voice(["calm"]).rate)
        #expect(voice(["wry"]).range < voice(["charming"]).range)
        #expect(voice(["Gruff", "gruff"]) == voice(["gruff"]))
    }

    @Test func theSameRecordGivesTheSameVoiceAndNamesSetSpeakersApart() {
        let one = VoiceCasting.character(name: "Marge Gunderson", description: "The pregnant police chief of Brainerd; she solves it.", traits: ["patient", "perceptive"], language: "en")
        #expect(one == VoiceCasting.character(name: "Marge Gunderson", description: "The pregnant police chief of Brainerd; she solves it.", traits: ["perceptive", "patient"], language: "en"))
        #expect(one.variant?.hasPrefix("f") == true)
        let other = VoiceCasting.character(name: "Norm Gunderson", description: nil, traits: ["patient", "perceptive"], language: "en")
        #expect(other != one && other.variant == nil)
        // Pinned: a hash that changed between runs or machines would recast every character.
        #expect(VoiceCasting.fnv1a("Rick Blaine") == 0x1457_2e07_cffa_3017)
    }

    @Test func pronounsOnlyFromTheDescription() {
        #expect(VoiceCasting.pronouns(in: "He runs the bar.") == .masculine)
        #expect(VoiceCasting.pronouns(in: "She flies the plane.") == .feminine)
        #expect(VoiceCasting.pronouns(in: "He loves her.") == .none)
        #expect(VoiceCasting.pronouns(in: "A replicant on the run.") == .none)
        #expect(VoiceCasting.pronouns(in: nil) == .none)
        #expect(VoiceCasting.pronouns(in: "Shelby, the heir") == .none)  // whole words only
    }

    @Test func catalogLanguagesMapToEspeakVoices() {
        #expect(VoiceCasting.espeakLanguage(for: "zh-Hans") == "cmn")
        #expect(VoiceCasting.espeakLanguage(for: "fr") == "fr")
        #expect(VoiceCasting.espeakLanguage(for: "en-GB") == "en")
    }

    /// Every variant and prosody casting can produce is one espeak-ng speaks.
    @Test func everyCastVoiceSpeaks() throws {
        for variant in ["f1", "f2", "f3", "f4", "f5", "m1", "m2", "m3", "m4", "m5", "m6", "m7", nil] as [String?] {
            for language in ["en", "fr", "cmn"] {
                let clip = try SpeechSynthesizer.speak("Bonjour. Hello.", voice: SpeechVoice(language: language, variant: variant, rate: 260, pitch: 10, range: 90))
                #expect(clip.duration > 0.3, "\(language)+\(variant ?? "-")")
            }
        }
    }
}
