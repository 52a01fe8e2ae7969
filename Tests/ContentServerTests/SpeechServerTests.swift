import Audio
import ContentServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Studio
import TestSupport
import Testing
import Voice

/// `serve --tts-url`: clips asked of an OpenAI-compatible `POST /v1/audio/speech` endpoint go
/// through the same loudness, format and caching path; any failure falls back to espeak-ng with
/// the reason counted in `/metrics`. The endpoint here is a test double that answers the way such
/// servers do (a stereo 32-bit float WAV at 24 kHz, made from espeak-ng in another voice), fails,
/// hangs or sends garbage; no real neural TTS server runs in this suite.
@Suite(.enabled(if: FFmpeg.available || CIRequirement.isCI, "needs ffmpeg and ffprobe (Debian: apt-get install ffmpeg)"))
struct SpeechServerTests {
    /// What the double received, for the assertions.
    final class Requests: @unchecked Sendable {
        private let lock = NSLock()
        private var bodies: [[String: Any]] = []
        func add(_ body: [String: Any]) { lock.lock(); bodies.append(body); lock.unlock() }
        var all: [[String: Any]] { lock.lock(); defer { lock.unlock() }; return bodies }
    }

    /// `/good`, `/fail`, `/garbage` and `/hang`, each under `/v1/audio/speech`.
    static func speechDouble(_ requests: Requests) -> Application<RouterResponder<BasicRequestContext>> {
        let router = Router()
        router.post("/good/v1/audio/speech") { request, _ -> Response in
            let data = Data(try await request.body.collect(upTo: 1 << 20).readableBytesView)
            let body = try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
            requests.add(body)
            let text = body["input"] as? String ?? ""
            // Spoken on a thread of its own, not the cooperative pool the suites share.
            let wav = try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Data, any Error>) in
                Thread {
                    continuation.resume(with: Result {
                        stereoFloatWAV(try SpeechSynthesizer.speak(text, voice: SpeechVoice(language: "en", variant: "f3", rate: 150, pitch: 60)), rate: 24_000)
                    })
                }.start()
            }
            return Response(status: .ok, headers: [.contentType: "audio/wav"], body: .init(byteBuffer: ByteBuffer(bytes: wav)))
        }
        router.post("/fail/v1/audio/speech") { _, _ -> Response in Response(status: .internalServerError) }
        router.post("/garbage/v1/audio/speech") { _, _ -> String in "<html>not audio</html>" }
        router.post("/hang/v1/audio/speech") { _, _ -> String in
            try await Task.sleep(nanoseconds: 4_000_000_000)
            return ""
        }
        return Application(router: router)
    }

    /// `clip` resampled (linearly) to `rate` and written as a stereo IEEE-float WAV.
    static func stereoFloatWAV(_ clip: AudioClip, rate: Int) -> Data {
        let count = Int(Double(clip.samples.count) * Double(rate) / Double(clip.sampleRate))
        var pcm = Data()
        for index in 0..<count {
            let position = Double(index) * Double(clip.sampleRate) / Double(rate)
            let low = min(Int(position), clip.samples.count - 1), high = min(low + 1, clip.samples.count - 1)
            let value = Float(Double(clip.samples[low]) * (1 - (position - Double(low))) + Double(clip.samples[high]) * (position - Double(low)))
            for _ in 0..<2 { withUnsafeBytes(of: value.bitPattern.littleEndian) { pcm.append(contentsOf: $0) } }
        }
        func le32(_ v: Int) -> [UInt8] { withUnsafeBytes(of: UInt32(v).littleEndian, Array.init) }
        func le16(_ v: Int) -> [UInt8] { withUnsafeBytes(of: UInt16(v).littleEndian, Array.init) }
        var header: [UInt8] = Array("RIFF".utf8) + le32(4 + 24 + 8 + pcm.count) + Array("WAVE".utf8)
        header += Array("fmt ".utf8) + le32(16) + le16(3) + le16(2)
        header += le32(rate) + le32(rate * 8) + le16(8) + le16(32)
        // A streaming server that never knew the length.
        header += Array("data".utf8) + le32(0xFFFF_FFFF)
        return Data(header) + pcm
    }

    static func fixture(port: Int, path: String, timeout: Double = 2) async throws -> ServerFixture {
        try await ServerFixture(
            settings: ServerSettings(rateLimit: nil, metrics: SharedMetrics.registry),
            configuration: StudioConfiguration(speechServer: SpeechServerSettings(url: "http://127.0.0.1:\(port)/\(path)", model: "double", timeoutSeconds: timeout)))
    }

    static let tour = #"{"museumId": "film-history-wing", "userId": "ben", "budgetMinutes": 10, "seed": 2}"#

    @Test func theServersVoiceGoesThroughTheSameLoudnessAndFormats() async throws {
        let requests = Requests()
        let directory = TemporaryDirectory("tts")
        try await Self.speechDouble(requests).test(.live) { double in
            let fixture = try await Self.fixture(port: double.port!, path: "good")
            let plain = try await ServerFixture()
            try await fixture.test { client in
                let id = try #require(try await client.execute(uri: "/v1/tours", method: .post, body: ByteBuffer(string: Self.tour)).object["id"] as? String)
                var durations: [Double] = []
                for format in ["opus", "mp3", "wav"] {
                    let clip = try await client.execute(uri: "/v1/tours/\(id)/intro/audio.\(format)", method: .get)
                    #expect(clip.status == .ok)
                    let report = try await offPool { try FFmpeg.check(clip.data, name: "intro.\(format)", in: directory) }
                    print("speech server clip \(format): \(report)")
                    #expect(report.codec == FFmpeg.expected(format: format).codec && abs(report.integrated - -16) <= 1 && report.truePeak <= -1, "\(format): \(report)")
                    durations.append(report.decodedSeconds)
                    // Not what espeak-ng's narrator says on a server without --tts-url.
                    let espeak = try await plain.test { client in
                        _ = try await client.execute(uri: "/v1/tours", method: .post, body: ByteBuffer(string: Self.tour))
                        return try await client.execute(uri: "/v1/tours/\(id)/intro/audio.\(format)", method: .get)
                    }
                    #expect(espeak.status == .ok && espeak.data != clip.data)
                }
                // One reply gives all three formats: their lengths agree.
                #expect(durations.max()! - durations.min()! <= 0.05, "\(durations)")
                let sent = requests.all
                #expect(sent.count == 1, "one request for three formats, got \(sent.count)")
                #expect(sent.first?["model"] as? String == "double" && sent.first?["voice"] as? String == "alloy" && sent.first?["response_format"] as? String == "wav")
                #expect((sent.first?["input"] as? String)?.hasPrefix("Welcome to") == true)
            }
        }
    }

    @Test(arguments: [("fail", "http_error"), ("garbage", "invalid_reply"), ("hang", "timeout")])
    func anyFailureFallsBackToEspeakAndIsCounted(path: String, reason: String) async throws {
        let requests = Requests()
        try await Self.speechDouble(requests).test(.live) { double in
            let fixture = try await Self.fixture(port: double.port!, path: path, timeout: 1)
            let plain = try await ServerFixture()
            try await fixture.test { client in
                let id = try #require(try await client.execute(uri: "/v1/tours", method: .post, body: ByteBuffer(string: Self.tour)).object["id"] as? String)
                let clip = try await client.execute(uri: "/v1/tours/\(id)/stops/1/audio.mp3", method: .get)
                #expect(clip.status == .ok, "\(clip.text.prefix(200))")
                let espeak = try await plain.test { client in
                    _ = try await client.execute(uri: "/v1/tours", method: .post, body: ByteBuffer(string: Self.tour))
                    return try await client.execute(uri: "/v1/tours/\(id)/stops/1/audio.mp3", method: .get)
                }
                #expect(clip.data == espeak.data, "the fallback is espeak-ng's clip, byte for byte")
                let metrics = try await client.execute(uri: "/metrics", method: .get).text
                #expect(metrics.contains("scenewright_tts_fallbacks_total{reason=\"\(reason)\"}"), "no \(reason) fallback in /metrics")
            }
        }
    }
}
