import Catalog
import Foundation
import SceneGraph
import Staging
import TestSupport
import Testing

/// Every GLB of the staging sweep (and the .gltf of every film and profile) passes the
/// independent glTF checker.
@Suite struct ExportValidityTests {
    @Test(.enabled(if: GLTFValidator.isAvailable || CIRequirement.isCI, "needs python3 with jsonschema and numpy ($SCENEWRIGHT_PYTHON), and ../shared/tools"))
    func everyExportOfTheSweepIsValidGLTF() async throws {
        let stager = try StagingFixture.stager()
        let catalog = try StagingFixture.catalog()
        let directory = TemporaryDirectory("sweep")
        var files: [URL] = []
        for film in catalog.films {
            for user in catalog.users {
                // Three seeds, as the layout inspection: textured, densely dressed rooms made
                // every file three times larger, and five seeds kept CI's validator busy 25 minutes.
                for seed in StagingFixture.seeds.prefix(3) {
                    let staged = try stager.stage(film: film, profile: user, seed: seed, id: "sweep")
                    let name = "\(film.id)-\(user.id)-\(seed)"
                    files.append(try directory.write(name + ".glb", try GLTFExporter.glb(staged.scene)))
                    // The .gltf holds the same document with its buffer (textures included) as a
                    // data URI: one seed per film and profile checks that form.
                    if seed == StagingFixture.seeds[0] { files.append(try directory.write(name + ".gltf", try GLTFExporter.gltf(staged.scene))) }
                }
            }
        }
        // Validate in two halves, one Python process each, side by side.
        let halves = [Array(files[..<(files.count / 2)]), Array(files[(files.count / 2)...])]
        let reports = try await withThrowingTaskGroup(of: [(file: String, errors: Int, messages: [String])].self) { group in
            for half in halves { group.addTask { try GLTFValidator.validate(half) } }
            var all: [(file: String, errors: Int, messages: [String])] = []
            for try await part in group { all += part }
            return all
        }
        let failing = reports.filter { $0.errors != 0 }
        print("glTF sweep: \(reports.count) files validated, \(failing.count) with errors")
        #expect(reports.count == files.count)
        #expect(failing.isEmpty, "\(failing.prefix(3).map { "\($0.file): \($0.messages)" })")
    }
}
