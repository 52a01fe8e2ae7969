import ContentServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Studio
import TestSupport
import Testing

/// The ambience loops scenes point at, served and checked from the files by ffmpeg and ffprobe:
/// codec, loudness (−23 LUFS), length, and a seam without a click in every format.
@Suite(.enabled(if: FFmpeg.available || CIRequirement.isCI, "needs ffmpeg and ffprobe (Debian: apt-get install ffmpeg)"))
struct AmbienceRoutesTests {
    @Test func everyFormatDecodesAtMinusTwentyThreeLUFSAndLoopsWithoutAClick() async throws {
        let fixture = try await ServerFixture()
        let directory = TemporaryDirectory("ambience-route")
        try await fixture.testAnonymously { client in
            for tag in ["city-night", "rain-on-window"] {
                for format in ["opus", "mp3", "wav"] {
                    let response = try await client.execute(uri: "/v1/ambience/\(tag).\(format)", method: .get)
                    #expect(response.status == .ok, "\(tag).\(format): \(response.text.prefix(200))")
                    #expect(response.headers[.cacheControl] == "public, max-age=31536000, immutable")
                    let report = try await offPool { try FFmpeg.check(response.data, name: "\(tag).\(format)", in: directory) }
                    let expected = FFmpeg.expected(format: format)
                    #expect(report.codec == expected.codec && report.sampleRate == expected.sampleRate, "\(tag).\(format): \(report)")
                    #expect(abs(report.integrated - -23) <= 1 && report.truePeak <= -1, "\(tag).\(format): \(report)")
                    #expect(abs(report.decodedSeconds - 20) <= 0.05 && abs(report.decodedSeconds - (report.recordedSeconds ?? -1)) <= 0.05, "\(tag).\(format): \(report)")
                    let samples = try await offPool { try FFmpeg.decode(try directory.write("seam-\(tag).\(format)", response.data)) }
                    let seam = abs(samples[0] - samples[samples.count - 1])
                    var largest: Float = 0
                    for index in 1..<samples.count { largest = max(largest, abs(samples[index] - samples[index - 1])) }
                    print(String(format: "ambience %@.%@: %@; seam step %.4f, largest step %.4f", tag, format, report.description, seam, largest))
                    #expect(seam <= largest, "\(tag).\(format): the seam jumps \(seam), more than any step in the clip (\(largest))")
                }
            }
            for path in ["/v1/ambience/no-such-room.mp3", "/v1/ambience/city-night.flac", "/v1/ambience/city-night", "/v1/ambience/..%2Fetc.mp3"] {
                let response = try await client.execute(uri: path, method: .get)
                #expect(response.status == .notFound && response.headers[.contentType] == "application/problem+json", "\(path): \(response.status)")
            }
        }
    }
}
