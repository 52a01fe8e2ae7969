// Speech synthesis speed: seconds of audio per second of CPU, on one core.
//
//   SpeechThroughput [--films 30]
//
// Speaks the synopsis of each of the first --films sample films with the English narrator,
// one after another (one core), through `scenewright-speak` (the release build beside the
// repository's `.build/release`, or $SCENEWRIGHT_SPEAK). CPU time is this process's plus its
// children's (getrusage), so the helper's work counts. Then normalises each clip to −16 LUFS
// and encodes it in every format, timed the same way. Prints one JSON line.
import Audio
import BenchmarkSupport
import Catalog
import Foundation

func cpuSeconds() -> Double {
    var own = rusage(), children = rusage()
    getrusage(RUSAGE_SELF.rawValue, &own)
    getrusage(RUSAGE_CHILDREN.rawValue, &children)
    func total(_ usage: rusage) -> Double {
        Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6 + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
    }
    return total(own) + total(children)
}

let root = repositoryRoot
if ProcessInfo.processInfo.environment["SCENEWRIGHT_SPEAK"] == nil {
    setenv("SCENEWRIGHT_SPEAK", root.appendingPathComponent(".build/release/scenewright-speak").path, 1)
}
let catalog = try CatalogDocument.loadSample(from: root.appendingPathComponent("Assets/catalog"))
let texts = catalog.films.prefix(argument("films", 30)).compactMap(\.synopsis)
let narrator = VoiceCasting.narrator(language: "en")

var clips: [AudioClip] = []
let speakStart = cpuSeconds()
for text in texts { clips.append(try SpeechSynthesizer.speak(text, voice: narrator)) }
let speakCPU = cpuSeconds() - speakStart
let audioSeconds = clips.reduce(0) { $0 + $1.duration }

let finishStart = cpuSeconds()
var bytes: [AudioFormat: Int] = [:]
for clip in clips {
    let normalised = try Loudness.normalise(clip, to: .speech)
    for format in AudioFormat.allCases { bytes[format, default: 0] += try format.encode(normalised).count }
}
let finishCPU = cpuSeconds() - finishStart
print(String(format: #"{"clips":%d,"audioSeconds":%.1f,"synthesisCPUSeconds":%.2f,"realTimeFactor":%.1f,"normaliseAndEncodeCPUSeconds":%.2f,"endToEndRealTimeFactor":%.1f,"opusKB":%d,"mp3KB":%d,"wavKB":%d}"#,
             clips.count, audioSeconds, speakCPU, audioSeconds / speakCPU, finishCPU, audioSeconds / (speakCPU + finishCPU),
             bytes[.opus, default: 0] / 1024, bytes[.mp3, default: 0] / 1024, bytes[.wav, default: 0] / 1024))
