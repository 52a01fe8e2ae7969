import Catalog
import Foundation
import Narrative
import Testing

/// Every character of every sample film, for every sample profile and three seeds: the
/// structural checks, grounding, and the child rules hold for all of them.
@Suite("Dialogue sweep")
struct DialogueSweepTests {
    struct Totals: CustomStringConvertible {
        var trees = 0, nodes = 0, lines = 0, options = 0, cycles = 0, singleOptionNodes = 0
        var shortest = Int.max, longest = 0, maxBranching = 0
        var branchingSum = 0.0
        var problems: [String] = []
        var ungrounded: [String] = []
        var mature: [String] = []

        var description: String {
            "trees=\(trees) nodes=\(nodes) lines=\(lines) options=\(options) failedTrees=\(problems.count) ungrounded=\(ungrounded.count) "
                + "matureForChildren=\(mature.count) depth=\(shortest)...\(longest) meanBranching=\(String(format: "%.2f", branchingSum / Double(max(trees, 1)))) "
                + "maxBranching=\(maxBranching) singleOptionNodes=\(singleOptionNodes) cycles=\(cycles)"
        }
    }

    @Test("every tree of the sweep passes the structural checks and is grounded")
    func sweep() throws {
        let generator = try NarrativeFixture.generator()
        let catalog = try NarrativeFixture.catalog()
        let library = try NarrativeFixture.library()
        var totals = Totals()
        for film in catalog.films {
            for character in film.principalCharacterNames {
                for profile in catalog.users {
                    let lexicon = try library.grammar("dialogue", language: profile.language).0.lexicon
                    for seed in NarrativeFixture.sweepSeeds {
                        let tree = try generator.generate(film: film, character: character, profile: profile, seed: seed)
                        let report = StructuralCheck.check(tree)
                        totals.trees += 1
                        totals.nodes += report.nodeCount
                        totals.lines += report.lineCount
                        totals.options += report.optionCount
                        totals.cycles += report.cycles
                        totals.singleOptionNodes += report.singleOptionNodes
                        totals.shortest = min(totals.shortest, report.shortestPathToEnd)
                        totals.longest = max(totals.longest, report.longestPathToEnd)
                        totals.maxBranching = max(totals.maxBranching, report.maxBranching)
                        totals.branchingSum += report.meanBranching
                        if !report.passed { totals.problems.append("\(film.id)/\(character)/\(profile.id)/\(seed): \(report.problems)") }
                        let texts = tree.nodes.flatMap { $0.lines.map(\.text) + $0.options.map(\.text) }
                        let missing = GroundingCheck.ungroundedWords(in: texts, film: film, profile: profile, lexicon: lexicon)
                        if !missing.isEmpty { totals.ungrounded.append("\(film.id)/\(character)/\(profile.id)/\(seed): \(missing)") }
                        if profile.audience == .child {
                            let used = texts.flatMap { ContentAdvisory.matureTermsUsed(in: $0) }
                            if !used.isEmpty { totals.mature.append("\(film.id)/\(character)/\(profile.id): \(used)") }
                        }
                    }
                }
            }
        }
        print("dialogue sweep: \(totals)")
        #expect(totals.trees == catalog.films.reduce(0) { $0 + $1.principalCharacterNames.count } * catalog.users.count * 3)
        #expect(totals.problems.isEmpty, "\(totals.problems.prefix(5))")
        #expect(totals.ungrounded.isEmpty, "\(totals.ungrounded.prefix(10))")
        #expect(totals.mature.isEmpty, "\(totals.mature.prefix(10))")
    }
}
