import Audio
import Foundation
import Narrative
import Preview
import SceneGraph
import Store
import Tours

/// The offline pack a visitor downloads once: every clip of a tour version (intro, each stop,
/// outro) in one audio format, the printable script, a floor map for each floor the route
/// visits, and `manifest.json`, which maps keypad numbers to files, durations and transcripts.
/// A zip of stored entries (the clips are compressed already); the same tour gives the same bytes.
enum TourPack {
    static let formatName = "scenewright.tour-pack/1"

    /// What the pack needs from the services around it.
    struct Sources: Sendable {
        let storage: any StorageEngine
        let speech: SpeechService
        let map: @Sendable (TourMapInputs) async throws -> ServedArtifact
    }

    static func build(_ inputs: TourPackInputs, sources: Sources) async throws -> [GeneratedFile] {
        guard inputs.engine == SpeechService.engine, inputs.renderer == PreviewSettings.version else { throw StudioError(.notFound, "this pack was made by an earlier version; request it again") }
        guard let stored = try await sources.storage.tours.tour(id: inputs.tour, version: inputs.version) else {
            throw StudioError(.notFound, "no tour with id '\(inputs.tour.prefix(80))'")
        }
        let tour = try JSONDecoder().decode(Tour.self, from: stored.body)
        let voice = TourService.narrator(tour)
        let owner = tour.request.userId
        let clips: [(TourClip, String)] = [(.intro, "intro")] + tour.stops.map { (.stop($0.number), "stop-\($0.keypadNumber)") } + [(.outro, "outro")]
        let texts = try clips.map { try TourService.text(of: $0.0, in: tour) }
        let seconds = try await sources.speech.seconds(of: Set(texts), voice: voice, owner: owner)
        let files = try await sources.speech.clips(of: Set(texts), voice: voice, format: inputs.format, owner: owner)

        var entries: [StoredZip.Entry] = []
        var manifestClips: [String: PackManifest.Clip] = [:]
        for ((clip, name), text) in zip(clips, texts) {
            let file = "audio/\(name).\(inputs.format.rawValue)"
            entries.append(.init(path: file, data: files[text]!.bytes))
            manifestClips[clip.name] = PackManifest.Clip(file: file, seconds: ((seconds[text] ?? 0) * 1000).rounded() / 1000, transcript: text)
        }
        let floors = Array(Set(tour.route.map(\.floor) + tour.stops.map(\.floor))).sorted()
        var maps: [PackManifest.Map] = []
        for floor in floors {
            let file = "maps/floor-\(floor).png"
            let map = try await sources.map(TourMapInputs(tour: tour.id, version: tour.version, floor: floor, width: 1280, height: 800, owner: owner))
            entries.append(.init(path: file, data: map.bytes))
            maps.append(PackManifest.Map(floor: floor, file: file))
        }
        entries.append(.init(path: "script.md", data: Data(TourMarkdown.render(tour).utf8)))

        let manifest = PackManifest(
            format: formatName, tourId: tour.id, version: tour.version, museumId: tour.museumId, museumName: tour.museumName,
            language: tour.language.used, audioFormat: inputs.format.rawValue, mediaType: inputs.format.mediaType, totalMinutes: tour.totalMinutes,
            timedBy: tour.timedBy ?? "words", intro: manifestClips["intro"]!,
            stops: tour.stops.map { stop in
                let clip = manifestClips[TourClip.stop(stop.number).name]!
                return PackManifest.Stop(
                    keypad: stop.keypadNumber, number: stop.number, exhibitId: stop.exhibitId, title: stop.title, floor: stop.floor,
                    map: "maps/floor-\(stop.floor).png", file: clip.file, seconds: clip.seconds, transcript: clip.transcript)
            },
            outro: manifestClips["outro"]!, script: "script.md", maps: maps, files: entries.map(\.path).sorted())
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let manifestEntry = StoredZip.Entry(path: "manifest.json", data: try encoder.encode(manifest))
        let zip = StoredZip.pack([manifestEntry] + entries)
        return [GeneratedFile(suffix: nil, kind: "tour.pack", contentType: "application/zip", bytes: zip)]
    }
}

/// `manifest.json` of a tour pack. `files` names every other file in the zip.
struct PackManifest: Encodable {
    struct Clip: Encodable {
        var file: String
        var seconds: Double
        var transcript: String
    }

    struct Stop: Encodable {
        /// The number a visitor keys in; stable across edits that keep the stop.
        var keypad: Int
        /// Place in the order walked.
        var number: Int
        var exhibitId: String
        var title: String
        var floor: Int
        var map: String
        var file: String
        var seconds: Double
        var transcript: String
    }

    struct Map: Encodable {
        var floor: Int
        var file: String
    }

    var format: String
    var tourId: String
    var version: Int
    var museumId: String
    var museumName: String
    var language: String
    var audioFormat: String
    var mediaType: String
    var totalMinutes: Double
    var timedBy: String
    var intro: Clip
    var stops: [Stop]
    var outro: Clip
    var script: String
    var maps: [Map]
    var files: [String]
}

/// Every input that shapes a tour pack.
struct TourPackInputs: Codable, Sendable {
    var kind = "tour.pack"
    var engine = SpeechService.engine
    var renderer = PreviewSettings.version
    var tour: String
    var version: Int
    var format: AudioFormat
    /// The tour's user, for a personal tour.
    var owner: String?
}
