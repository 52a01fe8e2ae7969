import Catalog
import Foundation
import SceneGraph
import Staging
import TestSupport
import Testing

/// Every staged room carries its ambience as a `KHR_audio_emitter` positional emitter, read back
/// from the GLB and checked by the independent validator against the extension's schemas in
/// `../shared/spec/gltf-2.0-schema/extensions-omi/`.
@Suite struct AmbienceEmitterTests {
    @Test func everyRoomPlaysItsAmbienceFromAPositionalEmitter() async throws {
        let stager = try StagingFixture.stager()
        let catalog = try StagingFixture.catalog()
        // Staged on a thread of its own: 89 rooms would hold a cooperative thread for seconds.
        let glbs = try await offPool { try catalog.films.map { try GLTFExporter.glb(try stager.stage(film: $0, profile: catalog.users[0], seed: 1, id: "audio").scene) } }
        var tags: Set<String> = []
        for (film, glb) in zip(catalog.films, glbs) {
            let gltf = try GLBJSON.document(glb)
            #expect((gltf["extensionsUsed"] as? [String])?.contains("KHR_audio_emitter") == true, "\(film.id)")
            #expect((gltf["extensionsRequired"] as? [String])?.contains("KHR_audio_emitter") != true)
            let audio = try #require((gltf["extensions"] as? [String: Any])?["KHR_audio_emitter"] as? [String: Any], "\(film.id)")
            let data = try #require(audio["audio"] as? [[String: Any]]), sources = try #require(audio["sources"] as? [[String: Any]])
            let emitters = try #require(audio["emitters"] as? [[String: Any]])
            #expect(data.count == 1 && sources.count == 1 && emitters.count == 1)
            #expect(data[0]["mimeType"] as? String == "audio/mpeg")
            #expect(sources[0]["loop"] as? Bool == true && sources[0]["audio"] as? Int == 0)
            #expect(emitters[0]["type"] as? String == "positional" && emitters[0]["sources"] as? [Int] == [0])
            let nodes = try #require(gltf["nodes"] as? [[String: Any]])
            let carriers = nodes.filter { ($0["extensions"] as? [String: Any])?["KHR_audio_emitter"] != nil }
            #expect(carriers.count == 1 && carriers.first?["name"] as? String == "ambience", "\(film.id)")
            let extras = try #require((carriers.first?["extras"] as? [String: Any])?["scenewright"] as? [String: Any])
            let url = try #require((extras["audio"] as? [String: Any])?["url"] as? String)
            #expect(url == data[0]["uri"] as? String, "\(film.id): extras \(url), emitter \(data[0]["uri"] ?? "none")")
            let tag = try #require(extras["ambience"] as? String)
            #expect(url == "/v1/ambience/\(tag).mp3")
            tags.insert(tag)
        }
        print("ambience emitters: \(catalog.films.count) rooms, \(tags.count) tags: \(tags.sorted())")
        #expect(tags.count >= 10)
    }

    @Test(.enabled(if: GLTFValidator.isAvailable || CIRequirement.isCI, "needs python3 with jsonschema and numpy ($SCENEWRIGHT_PYTHON), and ../shared/tools"))
    func theEmitterPassesItsSchemaAndABrokenOneDoesNot() async throws {
        let stager = try StagingFixture.stager()
        let catalog = try StagingFixture.catalog()
        let staged = try stager.stage(film: catalog.films[0], profile: catalog.users[0], seed: 1, id: "audio")
        let directory = TemporaryDirectory("audio-emitter")
        let good = try directory.write("good.gltf", try GLTFExporter.gltf(staged.scene))
        // The control: the same document with a negative distance and no audio uri.
        var document = try #require(try JSONSerialization.jsonObject(with: try GLTFExporter.gltf(staged.scene)) as? [String: Any])
        var extensions = document["extensions"] as! [String: Any]
        var audio = extensions["KHR_audio_emitter"] as! [String: Any]
        var emitters = audio["emitters"] as! [[String: Any]]
        var positional = emitters[0]["positional"] as! [String: Any]
        positional["refDistance"] = -2
        emitters[0]["positional"] = positional
        audio["emitters"] = emitters
        audio["audio"] = [["mimeType": "audio/mpeg"]]
        extensions["KHR_audio_emitter"] = audio
        document["extensions"] = extensions
        let broken = try directory.write("broken.gltf", try JSONSerialization.data(withJSONObject: document))
        let reports = try await offPool { try GLTFValidator.validate([good, broken]) }
        #expect(reports.count == 2)
        #expect(reports[0].errors == 0, "\(reports[0].messages)")
        print("broken emitter: \(reports[1].errors) errors: \(reports[1].messages)")
        #expect(reports[1].errors >= 2, "the schema did not catch the broken emitter: \(reports[1].messages)")
    }
}
