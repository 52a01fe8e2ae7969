import ContentServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Studio
import TestSupport
import Testing
import Tours

/// A tour you can listen to, checked from the files the server sends by ffmpeg, ffprobe and
/// Python's zipfile: clips of every kind in every format, timing from audio, audio description,
/// the offline pack.
@Suite(.enabled(if: FFmpeg.available || CIRequirement.isCI, "needs ffmpeg and ffprobe (Debian: apt-get install ffmpeg)"))
struct TourAudioTests {
    static func plan(_ client: any TestClientProtocol, _ body: String) async throws -> [String: Any] {
        let planned = try await client.execute(uri: "/v1/tours", method: .post, body: ByteBuffer(string: body))
        #expect(planned.status == .created, "\(planned.text)")
        return planned.object
    }

    @Test func aTourTimedFromAudioFitsItsBudgetAndEachStopLastsAsLongAsItsClip() async throws {
        let fixture = try await ServerFixture()
        let directory = TemporaryDirectory("tour-audio")
        try await fixture.test { client in
            let tour = try await Self.plan(client, #"{"museumId": "film-history-wing", "userId": "ben", "budgetMinutes": 20, "seed": 3, "audio": true}"#)
            let id = try #require(tour["id"] as? String)
            let stops = try #require(tour["stops"] as? [[String: Any]])
            #expect(tour["timedBy"] as? String == "audio")
            #expect(stops.count >= 2)
            let total = try #require(tour["totalMinutes"] as? Double)
            #expect(total <= 20, "\(total) minutes")
            var sum = try #require(tour["walkingMinutes"] as? Double)
            for stop in stops {
                let number = try #require(stop["number"] as? Int)
                let seconds = try #require(stop["narrationSeconds"] as? Double, "stop \(number) has no measured narration")
                let minutes = try #require(stop["narrationMinutes"] as? Double)
                #expect(abs(minutes - (seconds / 60 * 100).rounded() / 100) < 1e-9, "stop \(number): \(minutes) min against \(seconds) s")
                #expect(abs((stop["stopMinutes"] as? Double ?? 0) - max(stop["dwellMinutes"] as? Double ?? 0, minutes)) < 1e-9)
                sum += stop["stopMinutes"] as? Double ?? 0
                let wav = try await client.execute(uri: "/v1/tours/\(id)/stops/\(number)/audio.wav", method: .get)
                #expect(wav.status == .ok && wav.headers[.contentType] == "audio/wav")
                #expect(wav.headers[.cacheControl] == "private, no-store")
                let report = try await offPool { try FFmpeg.check(wav.data, name: "stop-\(number).wav", in: directory) }
                print("audio-timed stop \(number): recorded \(seconds) s; \(report)")
                #expect(abs(report.decodedSeconds - seconds) <= 0.05, "stop \(number): \(report) against \(seconds) s")
            }
            #expect(abs(sum - total) <= 0.011 * Double(stops.count + 1), "walking + stops = \(sum), total \(total)")
            // An edit of an audio-timed tour is timed by its clips too.
            let kept = stops.dropFirst().map { ["exhibitId": $0["exhibitId"] as! String] }
            let edited = try await client.execute(
                uri: "/v1/tours/\(id)", method: .put, body: ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: ["stops": Array(kept)])))
            #expect(edited.status == .ok, "\(edited.text)")
            #expect(edited.object["version"] as? Int == 2 && edited.object["timedBy"] as? String == "audio")
            for stop in edited.object["stops"] as? [[String: Any]] ?? [] {
                let number = stop["number"] as? Int ?? 0
                let seconds = try #require(stop["narrationSeconds"] as? Double, "edited stop \(number) has no measured narration")
                let wav = try await client.execute(uri: "/v1/tours/\(id)/stops/\(number)/audio.wav", method: .get)
                let report = try await offPool { try FFmpeg.check(wav.data, name: "edited-\(number).wav", in: directory) }
                #expect(abs(report.decodedSeconds - seconds) <= 0.05, "edited stop \(number): \(report) against \(seconds) s")
            }
            #expect((edited.object["totalMinutes"] as? Double ?? 99) <= 20)
            // The same request again is the stored tour.
            let again = try await client.execute(
                uri: "/v1/tours", method: .post, body: ByteBuffer(string: #"{"museumId": "film-history-wing", "userId": "ben", "budgetMinutes": 20, "seed": 3, "audio": true}"#))
            #expect(again.status == .ok && again.object["id"] as? String == id)
        }
    }

    @Test func everyClipDecodesAtItsLoudnessTargetsInEveryFormat() async throws {
        let fixture = try await ServerFixture()
        let directory = TemporaryDirectory("tour-clips")
        try await fixture.test { client in
            let profile = #"{"id": "walk-in", "displayName": "Sam", "audience": "adult", "accessibility": ["audioDescription"]}"#
            let tour = try await Self.plan(client, #"{"museumId": "film-history-wing", "profile": \#(profile), "budgetMinutes": 12, "seed": 5}"#)
            let id = try #require(tour["id"] as? String)
            let stop = try #require((tour["stops"] as? [[String: Any]])?.first)
            #expect((stop["description"] as? String)?.isEmpty == false)
            for (path, kind) in [("intro", "narration"), ("stops/1", "audio description"), ("outro", "narration")] {
                for format in ["opus", "mp3", "wav"] {
                    let response = try await client.execute(uri: "/v1/tours/\(id)/\(path)/audio.\(format)", method: .get)
                    #expect(response.status == .ok, "\(path) \(format): \(response.text.prefix(200))")
                    #expect(response.headers[.cacheControl] == "no-cache")
                    let report = try await offPool { try FFmpeg.check(response.data, name: "\(path.replacingOccurrences(of: "/", with: "-")).\(format)", in: directory) }
                    print("tour \(kind) clip \(path) \(format): \(report)")
                    let expected = FFmpeg.expected(format: format)
                    #expect(report.codec == expected.codec && report.sampleRate == expected.sampleRate && report.channels == 1, "\(path) \(format): \(report)")
                    #expect(abs(report.integrated - -16) <= 1 && report.truePeak <= -1, "\(path) \(format): \(report)")
                    let recorded = try #require(report.recordedSeconds, "\(path) \(format) records no duration")
                    #expect(abs(report.decodedSeconds - recorded) <= 0.05, "\(path) \(format): \(report)")
                    let again = try await client.execute(uri: "/v1/tours/\(id)/\(path)/audio.\(format)", method: .get)
                    #expect(again.data == response.data && again.headers[.eTag] == response.headers[.eTag])
                }
            }
        }
    }

    @Test func theAudioDescriptionVariantKeepsTheStopsAndSaysWhatStandsWhere() async throws {
        let fixture = try await ServerFixture()
        try await fixture.test { client in
            func body(_ needs: String) -> String {
                #"{"museumId": "film-history-wing", "profile": {"id": "walk-in", "displayName": "Sam", "audience": "adult", "accessibility": [\#(needs)]}, "budgetMinutes": 45, "seed": 8}"#
            }
            for needs in ["", #""stepFree""#] {
                let standard = try await Self.plan(client, body(needs))
                let described = try await Self.plan(client, body(needs.isEmpty ? #""audioDescription""# : needs + #", "audioDescription""#))
                let plain = try #require(standard["stops"] as? [[String: Any]]), variant = try #require(described["stops"] as? [[String: Any]])
                #expect(variant.map { $0["keypad"] as? Int } == plain.map { $0["keypad"] as? Int }, "needs [\(needs)]")
                #expect(variant.map { $0["exhibitId"] as? String } == plain.map { $0["exhibitId"] as? String })
                #expect((described["route"] as? [[String: Any]])?.count == (standard["route"] as? [[String: Any]])?.count)
                #expect((described["totalMinutes"] as? Double ?? 99) <= 45)
                for (stop, base) in zip(variant, plain) {
                    let description = try #require(stop["description"] as? String)
                    let title = try #require(stop["title"] as? String), room = try #require(stop["roomName"] as? String)
                    #expect(description.contains("“\(title)”") && description.contains(room), "\(description)")
                    #expect(["north", "south", "east", "west"].contains { description.hasSuffix("You are facing \($0).") }, "\(description)")
                    #expect((stop["transcript"] as? String)?.hasPrefix(description) == true)
                    #expect(base["description"] == nil)
                    #expect(stop["narration"] as? String == base["narration"] as? String)
                }
            }
            // The foyer poster at (10, 1.2) stands against the foyer's north wall (z = 0).
            let poster = #"{"museumId": "film-history-wing", "profile": {"id": "walk-in", "displayName": "Sam", "audience": "child", "accessibility": ["audioDescription"]}, "budgetMinutes": 30, "mustInclude": ["the-sound-of-music-1965"]}"#
            let tour = try await Self.plan(client, poster)
            let stop = try #require((tour["stops"] as? [[String: Any]])?.first { $0["exhibitId"] as? String == "the-sound-of-music-1965" })
            #expect(stop["description"] as? String == "Look: a poster, “Poster: The Sound of Music”. It is against the north wall of the Foyer. You are facing north.")
        }
    }

    @Test func thePackHoldsEveryClipTheScriptAndTheMapsAndNothingElse() async throws {
        let fixture = try await ServerFixture()
        let directory = TemporaryDirectory("tour-pack")
        try await fixture.test { client in
            let tour = try await Self.plan(client, #"{"museumId": "film-history-wing", "userId": "ben", "budgetMinutes": 15, "seed": 2}"#)
            let id = try #require(tour["id"] as? String)
            let stops = try #require(tour["stops"] as? [[String: Any]])
            // An edit that keeps the stops but drops the first: keypad numbers stay.
            let kept = stops.dropFirst().map { ["exhibitId": $0["exhibitId"] as! String] }
            let edited = try await client.execute(uri: "/v1/tours/\(id)", method: .put, body: ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: ["stops": Array(kept.reversed())])))
            #expect(edited.status == .ok, "\(edited.text)")
            let editedStops = try #require(edited.object["stops"] as? [[String: Any]])
            let keypads = Dictionary(uniqueKeysWithValues: stops.map { ($0["exhibitId"] as! String, $0["keypad"] as! Int) })
            for stop in editedStops { #expect(stop["keypad"] as? Int == keypads[stop["exhibitId"] as! String]) }

            let pack = try await client.execute(uri: "/v1/tours/\(id)/pack.zip?format=opus", method: .get)
            #expect(pack.status == .ok && pack.headers[.contentType] == "application/zip", "\(pack.text.prefix(300))")
            #expect(pack.headers[.cacheControl] == "private, no-store")
            #expect(pack.headers[.contentDisposition]?.hasPrefix("attachment; filename=\"tour-") == true)
            let file = try directory.write("pack.zip", pack.data)
            let names = try await offPool { try ZipReader.names(of: file) }
            let manifest = try #require(try JSONSerialization.jsonObject(with: try await offPool { try ZipReader.entry("manifest.json", of: file) }) as? [String: Any])
            let listed = try #require(manifest["files"] as? [String])
            #expect(Set(names) == Set(listed + ["manifest.json"]) && names.count == listed.count + 1, "zip \(names), manifest \(listed)")
            #expect(manifest["version"] as? Int == 2 && manifest["audioFormat"] as? String == "opus")
            let packStops = try #require(manifest["stops"] as? [[String: Any]])
            #expect(packStops.map { $0["keypad"] as? Int } == editedStops.map { $0["keypad"] as? Int })
            var named = [manifest["script"] as? String]
            for entry in [manifest["intro"], manifest["outro"]] + packStops.map({ $0 as Any? }) {
                let clip = try #require(entry as? [String: Any])
                let name = try #require(clip["file"] as? String)
                named.append(name)
                let report = try await offPool { try FFmpeg.check(try ZipReader.entry(name, of: file), name: name.replacingOccurrences(of: "/", with: "-"), in: directory) }
                #expect(abs(report.decodedSeconds - (clip["seconds"] as? Double ?? -1)) <= 0.05, "\(name): \(report)")
                #expect((clip["transcript"] as? String)?.isEmpty == false)
            }
            named += (manifest["maps"] as? [[String: Any]] ?? []).map { $0["file"] as? String }
            #expect(Set(named.compactMap { $0 }) == Set(listed))
            #expect(String(decoding: try await offPool { try ZipReader.entry("script.md", of: file) }, as: UTF8.self).hasPrefix("# Tour of the Film History Wing"))
            let map = try await offPool { try ZipReader.entry("maps/floor-0.png", of: file) }
            #expect(map.prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
            let again = try await client.execute(uri: "/v1/tours/\(id)/pack.zip?format=opus", method: .get)
            #expect(again.data == pack.data)
        }
    }

    @Test(arguments: [
        ("/v1/tours/TOUR/stops/0/audio.mp3", 400), ("/v1/tours/TOUR/stops/201/audio.mp3", 400), ("/v1/tours/TOUR/stops/two/audio.mp3", 400),
        ("/v1/tours/TOUR/stops/99/audio.mp3", 404), ("/v1/tours/TOUR/stops/1/audio.flac", 404), ("/v1/tours/TOUR/intro/narration.mp3", 404),
        ("/v1/tours/TOUR/outro/audio.mp3?version=9", 404), ("/v1/tours/nope/intro/audio.mp3", 404), ("/v1/tours/TOUR/pack.zip?format=flac", 400),
        ("/v1/tours/TOUR/pack.zip?version=0", 400),
    ])
    func badClipRequestsAreClearErrors(path: String, status: Int) async throws {
        let fixture = try await ServerFixture()
        try await fixture.test { client in
            let tour = try await Self.plan(client, #"{"museumId": "film-history-wing", "userId": "ben", "budgetMinutes": 10, "seed": 2}"#)
            let response = try await client.execute(uri: path.replacingOccurrences(of: "TOUR", with: tour["id"] as! String), method: .get)
            #expect(Int(response.status.code) == status, "\(path): \(response.text)")
            #expect(response.headers[.contentType] == "application/problem+json", "\(path)")
        }
    }

    @Test func aPersonalTourIsHeardOnlyWithAKey() async throws {
        let fixture = try await ServerFixture()
        let id = try await fixture.test { client in
            try #require(try await Self.plan(client, #"{"museumId": "film-history-wing", "userId": "ben", "budgetMinutes": 10, "seed": 2}"#)["id"] as? String)
        }
        try await fixture.testAnonymously { client in
            for path in ["intro/audio.mp3", "stops/1/audio.opus", "pack.zip"] {
                let response = try await client.execute(uri: "/v1/tours/\(id)/\(path)", method: .get)
                #expect(response.status == .unauthorized, "\(path): \(response.status)")
            }
        }
    }
}
