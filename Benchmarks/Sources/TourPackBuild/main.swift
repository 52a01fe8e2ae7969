// Time to build the offline pack of a 45-minute tour, against the time to synthesise its words
// alone, measured in the same run.
//
//   TourPackBuild [--minutes 45] [--format mp3]
//
// A fresh SQLite store with the sample catalog; a --minutes tour of the Grand Hall for a
// scholar (the longest narration). Baseline: every clip's text spoken by `scenewright-speak`
// one after another (one core, no loudness, no encoding). Then `GET …/pack.zip` as Studio
// builds it cold (speech, loudness, encoding, maps, manifest, stored), and again warm (served
// from storage). Prints one JSON line: seconds, audio seconds in the pack, bytes, the cold
// pack / baseline ratio, and the pack's speed in audio seconds per wall second.
import Audio
import BenchmarkSupport
import Catalog
import Foundation
import Logging
import SQLiteStore
import Studio
import Tours

let root = repositoryRoot
if ProcessInfo.processInfo.environment["SCENEWRIGHT_SPEAK"] == nil {
    setenv("SCENEWRIGHT_SPEAK", root.appendingPathComponent(".build/release/scenewright-speak").path, 1)
}
let minutes = Double(argument("minutes", 45))
let format = CommandLine.arguments.firstIndex(of: "--format").flatMap { CommandLine.arguments.indices.contains($0 + 1) ? AudioFormat(rawValue: CommandLine.arguments[$0 + 1]) : nil } ?? .mp3
var logger = Logger(label: "tour-pack-benchmark")
logger.logLevel = .error
let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("tour-pack-\(UUID().uuidString)")
try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: scratch) }

let studio = try Studio(
    storage: try SQLiteStorage(path: scratch.appendingPathComponent("studio.sqlite").path),
    directories: DataDirectories(assets: root.appendingPathComponent("Assets"), scenes: root.appendingPathComponent("Scenes")), logger: logger)
try await studio.seedIfEmpty()
let profile = UserProfile(id: "bench", displayName: "Visitor", audience: .adult, depth: .scholar)
let (tour, _) = try await studio.tours.planTour(TourPlanRequest(museumId: "grand-hall", profile: profile, budgetMinutes: minutes, seed: 1))

let texts = [tour.intro] + tour.stops.map(\.transcript) + [tour.outro]
let narrator = VoiceCasting.narrator(language: tour.language.used)
var baselineAudio = 0.0
let baseline = try seconds {
    for text in texts { baselineAudio += try SpeechSynthesizer.speak(text, voice: narrator).duration }
}

let clock = ContinuousClock()
let coldStart = clock.now
let pack = try await studio.tours.pack(id: tour.id, format: format)
let cold = clock.now - coldStart
let warmStart = clock.now
_ = try await studio.tours.pack(id: tour.id, format: format)
let warm = clock.now - warmStart

func s(_ duration: Duration) -> Double { Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18 }
struct Report: Encodable {
    var benchmark = "TourPackBuild"
    var tourMinutes: Double
    var stops: Int
    var clips: Int
    var audioSeconds: Double
    var format: String
    var packBytes: Int
    var baselineSynthesisSeconds: Double
    var coldPackSeconds: Double
    var warmPackSeconds: Double
    var coldOverBaseline: Double
    var audioSecondsPerPackSecond: Double
}
func r(_ value: Double, _ places: Double = 1000) -> Double { (value * places).rounded() / places }
let report = Report(
    tourMinutes: tour.totalMinutes, stops: tour.stops.count, clips: texts.count, audioSeconds: r(baselineAudio, 10), format: format.rawValue,
    packBytes: pack.body.readableBytes, baselineSynthesisSeconds: r(baseline), coldPackSeconds: r(s(cold)), warmPackSeconds: r(s(warm), 1e5),
    coldOverBaseline: r(s(cold) / baseline, 100), audioSecondsPerPackSecond: r(baselineAudio / s(cold), 10))
let encoder = JSONEncoder()
encoder.outputFormatting = [.sortedKeys]
print(String(decoding: try encoder.encode(report), as: UTF8.self))
