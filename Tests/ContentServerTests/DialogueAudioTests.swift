import ContentServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Studio
import TestSupport
import Testing

/// Voiced characters over HTTP, checked from the served files: clips by ffmpeg and ffprobe, the
/// voice-over zip by Python's zipfile and csv, its string table against the Yarn export.
@Suite(.enabled(if: FFmpeg.available || CIRequirement.isCI, "needs ffmpeg and ffprobe (Debian: apt-get install ffmpeg)"))
struct DialogueAudioTests {
    static func create(_ client: any TestClientProtocol, _ body: String) async throws -> String {
        let created = try await client.execute(uri: "/v1/dialogues", method: .post, body: ByteBuffer(string: body))
        #expect(created.status == .created, "\(created.text)")
        return try #require(created.object["id"] as? String)
    }

    @Test func eachLineIsSpokenInItsSpeakersVoiceAtMinusSixteenLUFS() async throws {
        let fixture = try await ServerFixture()
        let directory = TemporaryDirectory("dialogue-audio")
        try await fixture.testAnonymously { client in
            let id = try await Self.create(client, #"{"filmId": "toy-story-1995", "character": "Woody", "seed": 1}"#)
            let tree = try await client.execute(uri: "/v1/dialogues/\(id)", method: .get).object
            let nodes = try #require(tree["nodes"] as? [[String: Any]])
            let lines = nodes.flatMap { $0["lines"] as? [[String: Any]] ?? [] }
            let character = try #require(lines.first { $0["speaker"] as? String == "character" }?["id"] as? String)
            let option = try #require((nodes.first?["options"] as? [[String: Any]])?.first?["id"] as? String)
            var clips: [String: Data] = [:]
            for (lineId, kind) in [(character, "character line"), (option, "visitor option"), (String(character.dropFirst(5)), "id without prefix")] {
                for format in ["opus", "mp3"] {
                    let response = try await client.execute(uri: "/v1/dialogues/\(id)/lines/\(lineId)/audio.\(format)", method: .get)
                    #expect(response.status == .ok, "\(lineId) \(format): \(response.text.prefix(200))")
                    #expect(response.headers[.cacheControl] == "public, max-age=31536000, immutable")
                    let report = try await offPool { try FFmpeg.check(response.data, name: "\(kind)-\(format).\(format)".replacingOccurrences(of: " ", with: "-"), in: directory) }
                    print("dialogue \(kind) \(format): \(report)")
                    let expected = FFmpeg.expected(format: format)
                    #expect(report.codec == expected.codec && report.sampleRate == expected.sampleRate, "\(kind) \(format): \(report)")
                    #expect(abs(report.integrated - -16) <= 1 && report.truePeak <= -1, "\(kind) \(format): \(report)")
                    #expect(abs(report.decodedSeconds - (report.recordedSeconds ?? -1)) <= 0.05, "\(kind) \(format): \(report)")
                    clips["\(kind) \(format)"] = response.data
                }
            }
            #expect(clips["id without prefix opus"] == clips["character line opus"])
            #expect(clips["visitor option opus"] != clips["character line opus"])
        }
    }

    @Test func theVoiceOverZipHoldsTheTableItsScriptAndOneClipPerRow() async throws {
        let fixture = try await ServerFixture()
        let directory = TemporaryDirectory("voiceover")
        try await fixture.testAnonymously { client in
            let id = try await Self.create(client, #"{"filmId": "fargo-1996", "character": "Marge Gunderson", "seed": 2}"#)
            let yarn = try await client.execute(uri: "/v1/dialogues/\(id)?format=yarn", method: .get).text
            let response = try await client.execute(uri: "/v1/dialogues/\(id)/voiceover.zip?format=mp3", method: .get)
            #expect(response.status == .ok && response.headers[.contentType] == "application/zip", "\(response.text.prefix(300))")
            #expect(response.headers[.contentDisposition] == "attachment; filename=\"voiceover-\(id.prefix(12)).zip\"")
            let zip = try directory.write("voiceover.zip", response.data)
            let names = try await offPool { try ZipReader.names(of: zip) }
            let table = try await offPool { try CSVReader.records(try ZipReader.entry("lines.csv", of: zip), in: directory) }
            #expect(table.header == ["id", "text", "file", "node", "lineNumber", "lock", "comment"])
            let rows = table.records
            #expect(rows.count >= 10)
            // Every file the table names (the script, a clip per line id), and nothing else.
            let named = Set(rows.compactMap { $0["file"] }) .union(rows.map { "audio/\($0["id"]!.dropFirst(5)).mp3" })
            #expect(Set(names) == named.union(["lines.csv", "voiceover.md"]) && names.count == named.count + 2, "\(names.sorted())")
            let script = String(decoding: try await offPool { try ZipReader.entry("dialogue.yarn", of: zip) }, as: UTF8.self)
            #expect(script == yarn, "the zip's script is the Yarn export")
            let scriptLines = script.components(separatedBy: "\n")
            for row in rows {
                let id = row["id"]!, number = Int(row["lineNumber"] ?? "") ?? 0
                #expect(id.hasPrefix("line:") && (1...scriptLines.count).contains(number), "\(row)")
                #expect(scriptLines[number - 1].hasSuffix("#\(id)"), "line \(number) of the script does not carry \(id)")
                #expect(row["lock"] == String(row["_sha256"]!.prefix(8)), "\(row)")
                #expect(["Marge Gunderson", "Visitor", "Narrator"].contains(row["comment"] ?? ""), "\(row)")
            }
            #expect(Set(rows.map { $0["id"]! }).count == rows.count)
            var loudness: [Double] = [], peaks: [Double] = []
            for row in rows {
                let report = try await offPool { try FFmpeg.check(try ZipReader.entry("audio/\(row["id"]!.dropFirst(5)).mp3", of: zip), name: "vo.mp3", in: directory) }
                #expect(report.codec == "mp3" && abs(report.integrated - -16) <= 1 && report.truePeak <= -1, "\(row["id"]!): \(report)")
                #expect(abs(report.decodedSeconds - (report.recordedSeconds ?? -1)) <= 0.05, "\(row["id"]!): \(report)")
                loudness.append(report.integrated)
                peaks.append(report.truePeak)
            }
            print("voice-over: \(rows.count) MP3 clips, \(loudness.min()!)…\(loudness.max()!) LUFS, true peak at most \(peaks.max()!) dBTP")
            let voiceover = String(decoding: try await offPool { try ZipReader.entry("voiceover.md", of: zip) }, as: UTF8.self)
            #expect(rows.allSatisfy { voiceover.contains("`\($0["id"]!)`") })
            let again = try await client.execute(uri: "/v1/dialogues/\(id)/voiceover.zip?format=mp3", method: .get)
            #expect(again.data == response.data)
        }
    }

    @Test(arguments: [
        ("/v1/dialogues/DLG/lines/line:0000000000000000/audio.opus", 404), ("/v1/dialogues/DLG/lines/LINE/audio.wav", 404),
        ("/v1/dialogues/DLG/lines/LINE/speech.opus", 404), ("/v1/dialogues/DLG/lines/%3Cscript%3E/audio.opus", 404),
        ("/v1/dialogues/\(String(repeating: "0", count: 64))/lines/LINE/audio.opus", 404), ("/v1/dialogues/DLG/voiceover.zip?format=flac", 400),
        ("/v1/dialogues/nope/voiceover.zip", 404),
    ])
    func badLineRequestsAreClearErrors(path: String, status: Int) async throws {
        let fixture = try await ServerFixture()
        try await fixture.testAnonymously { client in
            let id = try await Self.create(client, #"{"filmId": "toy-story-1995", "character": "Woody", "seed": 1}"#)
            let tree = try await client.execute(uri: "/v1/dialogues/\(id)", method: .get).object
            let line = ((tree["nodes"] as? [[String: Any]])?.first?["lines"] as? [[String: Any]])?.first?["id"] as? String ?? ""
            let response = try await client.execute(uri: path.replacingOccurrences(of: "DLG", with: id).replacingOccurrences(of: "LINE", with: line), method: .get)
            #expect(Int(response.status.code) == status, "\(path): \(response.text)")
            #expect(response.headers[.contentType] == "application/problem+json")
        }
    }

    @Test func aPersonalDialogueIsHeardOnlyWithAKey() async throws {
        let fixture = try await ServerFixture()
        let (id, line) = try await fixture.test { client in
            let id = try await Self.create(client, #"{"filmId": "toy-story-1995", "character": "Woody", "userId": "emma", "seed": 3}"#)
            let tree = try await client.execute(uri: "/v1/dialogues/\(id)", method: .get).object
            return (id, ((tree["nodes"] as? [[String: Any]])?.first?["lines"] as? [[String: Any]])?.first?["id"] as? String ?? "")
        }
        try await fixture.testAnonymously { client in
            for path in ["lines/\(line)/audio.opus", "voiceover.zip"] {
                let response = try await client.execute(uri: "/v1/dialogues/\(id)/\(path)", method: .get)
                #expect(response.status == .unauthorized, "\(path)")
            }
        }
        try await fixture.test { client in
            let clip = try await client.execute(uri: "/v1/dialogues/\(id)/lines/\(line)/audio.mp3", method: .get)
            #expect(clip.status == .ok && clip.headers[.cacheControl] == "private, no-store")
        }
    }
}
