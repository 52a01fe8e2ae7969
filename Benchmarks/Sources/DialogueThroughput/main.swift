// Dialogue trees generated per second, on every character of every sample film × every
// sample profile.
//
//   DialogueThroughput [--rounds 3] [--seeds 1]
//
// Prints one JSON line: trees generated per second (median of rounds); the same with the
// structural checks and all three exports (JSON, Yarn, ink); and, as the baseline measured in
// the same run, trees encoded to canonical JSON per second — with the ratios between them.
import Catalog
import BenchmarkSupport
import Foundation
import Narrative

let root = repositoryRoot
let generator = DialogueGenerator(library: try GrammarLibrary(directory: root.appendingPathComponent("Assets/grammars")))
let catalog = try CatalogDocument.loadSample(from: root.appendingPathComponent("Assets/catalog"))
let rounds = argument("rounds", 3), seeds = argument("seeds", 1)
let jobs = catalog.films.flatMap { film in
    film.principalCharacterNames.flatMap { name in catalog.users.flatMap { user in (1...seeds).map { (film, name, user, UInt64($0)) } } }
}

var generateRates: [Double] = [], fullRates: [Double] = [], encodeRates: [Double] = []
for _ in 0..<rounds {
    var trees: [DialogueTree] = []
    trees.reserveCapacity(jobs.count)
    let generate = try seconds {
        for (film, name, user, seed) in jobs { trees.append(try generator.generate(film: film, character: name, profile: user, seed: seed)) }
    }
    var failed = 0
    let full = try seconds {
        for (film, name, user, seed) in jobs {
            let tree = try generator.generate(film: film, character: name, profile: user, seed: seed)
            if !StructuralCheck.check(tree).passed { failed += 1 }
            _ = (DialogueJSON.encode(tree), YarnExporter.export(tree), InkExporter.export(tree))
        }
    }
    precondition(failed == 0, "\(failed) trees failed the structural checks")
    let encode = seconds { for tree in trees { _ = DialogueJSON.encode(tree) } }
    generateRates.append(Double(jobs.count) / generate)
    fullRates.append(Double(jobs.count) / full)
    encodeRates.append(Double(jobs.count) / encode)
}
let median = { (values: [Double]) in values.sorted()[values.count / 2] }
print(String(
    format: #"{"trees":%d,"generatedPerSecond":%.0f,"generatedCheckedExportedPerSecond":%.0f,"jsonEncodedPerSecond":%.0f,"generateVsEncode":%.2f,"fullVsEncode":%.2f}"#,
    jobs.count, median(generateRates), median(fullRates), median(encodeRates), median(encodeRates) / median(generateRates),
    median(encodeRates) / median(fullRates)))
