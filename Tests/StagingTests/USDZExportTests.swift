import Catalog
import Foundation
import SceneGraph
import Staging
import TestSupport
import Testing

/// USDZ of staged scenes, checked by OpenUSD: the validators of usd-core report nothing, the
/// ARKit rules of usd-core 24.11 nothing but the rule that wheel cannot run, the zip is stored
/// and 64-byte aligned with the root layer first, and every annotation of the GLB is on a prim.
@Suite struct USDZExportTests {
    /// Twelve scenes over as many archetypes as the sample films reach, one per archetype first.
    static func scenes() throws -> [(name: String, archetype: String, scene: Scene)] {
        let stager = try StagingFixture.stager()
        let catalog = try StagingFixture.catalog()
        let user = catalog.users[0]
        var picked: [(String, String, Scene)] = [], repeats: [(String, String, Scene)] = []
        var archetypes: Set<String> = []
        for film in catalog.films {
            let staged = try stager.stage(film: film, profile: user, seed: 1, id: "usdz")
            let archetype = staged.document.archetype.id
            if archetypes.insert(archetype).inserted { picked.append((film.id, archetype, staged.scene)) } else { repeats.append((film.id, archetype, staged.scene)) }
        }
        return Array((picked + repeats).prefix(12))
    }

    @Test(.enabled(if: USDValidator.isAvailable || CIRequirement.isCI, "needs usd-core ($SCENEWRIGHT_USD_PYTHON) and ../shared/tools"))
    func scenesOfSeveralArchetypesPassOpenUSDsCheckers() throws {
        let directory = TemporaryDirectory("usdz")
        let scenes = try Self.scenes()
        #expect(scenes.count >= 10)
        #expect(Set(scenes.map(\.archetype)).count >= 6, "\(Set(scenes.map(\.archetype)))")
        let legacy = USDValidator.isLegacyAvailable || CIRequirement.isCI
        for (name, archetype, scene) in scenes {
            let usdz = try directory.write("\(name).usdz", USDExporter.usdz(scene))
            let glb = try directory.write("\(name).glb", try GLTFExporter.glb(scene))
            let report = try USDValidator.validate(usdz, legacy: legacy)
            print("usdz \(name) (\(archetype)): \(report.summaries.joined(separator: " | "))")
            #expect(report.issues.isEmpty, "\(name): \(report.issues.prefix(3))")
            #expect(report.legacyFailures.isEmpty, "\(name): \(report.legacyFailures.prefix(3))")
            #expect(report.status == 0)
            if legacy { #expect(report.summaries.count == 2, "\(name): the legacy checker did not run: \(report.summaries)") }
            let problems = USDValidator.problems(try USDValidator.read(usdz, glb: glb), textures: scene.textures.count)
            #expect(problems.isEmpty, "\(name): \(problems)")
        }
    }

    @Test func theSameSceneGivesTheSameBytes() throws {
        let (_, _, scene) = try Self.scenes()[0]
        #expect(USDExporter.usdz(scene) == USDExporter.usdz(scene))
    }
}
