import Catalog
import Foundation
import SceneGraph
import Staging
import TestSupport
import Testing

/// What independent clients (trimesh, Blender) stumbled on, read back from the GLB: the preview
/// camera has an aspect ratio, and mesh names are unique and short, with no float noise.
@Suite struct ClientReadinessTests {
    @Test func meshNamesAreUniqueAndShortAndTheCameraHasAnAspectRatio() throws {
        let stager = try StagingFixture.stager()
        let catalog = try StagingFixture.catalog()
        let user = catalog.users[0]
        let noise = try Regex(#"\d\.\d{3,}"#)
        for film in catalog.films {
            let glb = try GLTFExporter.glb(try stager.stage(film: film, profile: user, seed: 1, id: "names").scene)
            let names = try GLBJSON.meshNames(glb)
            #expect(Set(names).count == names.count, "\(film.id): repeated mesh names")
            let noisy = names.filter { $0.contains(noise) || $0.count > 40 }
            #expect(noisy.isEmpty, "\(film.id): \(noisy.prefix(3))")
            let cameras = try GLBJSON.document(glb)["cameras"] as? [[String: Any]] ?? []
            #expect(!cameras.isEmpty)
            for camera in cameras {
                let aspect = (camera["perspective"] as? [String: Any])?["aspectRatio"] as? Double
                #expect(aspect.map { abs($0 - 16.0 / 9.0) < 1e-6 } == true, "\(film.id): camera \(camera)")
            }
        }
    }
}
