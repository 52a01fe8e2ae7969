import Catalog
import Foundation
@testable import SceneGraph
import Staging
import Testing

/// The glTF JSON writer against `JSONEncoder` (sorted keys, slashes unescaped), the encoder the
/// exporter used before it: byte-identical documents for every sample film and profile, and for
/// names full of what JSON must escape.
@Suite struct GLTFJSONOracleTests {
    static func oracle(_ document: GLTFDocument) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(document))
    }

    @Test func everySampleSceneWritesTheBytesJSONEncoderWrites() throws {
        let stager = try StagingFixture.stager()
        let catalog = try StagingFixture.catalog()
        var documents = 0, bytes = 0
        for film in catalog.films {
            for user in catalog.users {
                let staged = try stager.stage(film: film, profile: user, seed: 3, id: "oracle \(film.id)")
                var (document, binary) = GLTFExporter.build(staged.scene)
                document.buffers = [.init(byteLength: binary.count, uri: nil)]
                let written = document.json()
                #expect(written == (try Self.oracle(document)), "\(film.id) for \(user.id)")
                documents += 1
                bytes += written.count
            }
        }
        print("glTF JSON oracle: \(documents) documents, \(bytes) bytes, identical to JSONEncoder")
    }

    @Test func hostileStringsAndEdgeNumbersMatchJSONEncoder() throws {
        var scene = Scene(name: "quote \" backslash \\ slash / tab \t newline \n nul \u{0} bell \u{7} del \u{7F} é 電影 🎬 \u{2028}")
        let material = scene.material(Material(name: "</script><!-- \u{1F}", baseColor: SIMD4(0.1, 1e-7, 3.4028235e38, 1), roughness: -0.0))
        let mesh = scene.mesh(key: "m") { Mesh(name: "{\"a\":[1,2]}", primitives: [Primitive(geometry: MeshBuilder.box(Vec3(1e-30, 0.5, 1e30)), material: material)]) }
        scene.add(Node(name: "\u{FEFF}zero width\u{200B}", transform: Transform(translation: Vec3(-0.0, 1.4e-45, 123456792)), mesh: mesh,
                       annotation: Annotation(role: .hotspot, id: "Z", label: "a", properties: [
                           "B": "upper", "a": .number(1e21), "_": .number(-1e-7), "é": .bool(false), "aa": .array([.number(0.1), .object(["Ω": "x", "A": .number(2)])]),
                       ])))
        let (document, _) = GLTFExporter.build(scene)
        let written = document.json()
        #expect(written == (try Self.oracle(document)), "\(String(decoding: written, as: UTF8.self))")
        // And a JSON parser reads the strings back unchanged.
        let parsed = try JSONSerialization.jsonObject(with: Data(written)) as? [String: Any]
        let scenes = parsed?["scenes"] as? [[String: Any]]
        #expect(scenes?.first?["name"] as? String == scene.name)
    }
}
