// Scenes staged and exported to GLB per second, on every sample film × every sample profile.
//
//   StagingThroughput [--rounds 3] [--seeds 2]
//
// Prints one JSON line: scenes per second for staging + GLB export (median of rounds, and the
// first round alone: text textures are cached by their words, so later rounds reuse them), the
// same for GLB export of already-staged scenes (the baseline, measured in the same run), their
// ratio, and the median and largest GLB size.
import Catalog
import BenchmarkSupport
import Foundation
import SceneGraph
import Staging

let root = repositoryRoot
let stager = try Stager.load(scenes: root.appendingPathComponent("Scenes"), props: root.appendingPathComponent("Assets/props"), grammars: root.appendingPathComponent("Assets/grammars"))
let catalog = try CatalogDocument.loadSample(from: root.appendingPathComponent("Assets/catalog"))
let rounds = argument("rounds", 3), seeds = argument("seeds", 2)
let jobs = catalog.films.flatMap { film in catalog.users.flatMap { user in (1...seeds).map { (film, user, UInt64($0)) } } }

var stageRates: [Double] = [], exportRates: [Double] = []
var sizes: [Int] = []
for round in 0..<rounds {
    var staged: [Scene] = []
    staged.reserveCapacity(jobs.count)
    let full = try seconds {
        for (film, user, seed) in jobs {
            let scene = try stager.stage(film: film, profile: user, seed: seed, id: "bench").scene
            let glb = try GLTFExporter.glb(scene)
            if round == 0 { sizes.append(glb.count) }
            staged.append(scene)
        }
    }
    let exportOnly = try seconds { for scene in staged { _ = try GLTFExporter.glb(scene) } }
    stageRates.append(Double(jobs.count) / full)
    exportRates.append(Double(jobs.count) / exportOnly)
}
let median = { (values: [Double]) in values.sorted()[values.count / 2] }
sizes.sort()
print(String(format: #"{"scenes":%d,"stagedAndExportedPerSecond":%.1f,"firstRoundPerSecond":%.1f,"exportOnlyPerSecond":%.1f,"exportShareOfTime":%.2f,"medianGLBBytes":%d,"maxGLBBytes":%d}"#,
             jobs.count, median(stageRates), stageRates[0], median(exportRates), median(stageRates) / median(exportRates), sizes[sizes.count / 2], sizes.last!))
