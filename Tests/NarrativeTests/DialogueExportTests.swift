import Catalog
import Foundation
import Narrative
import TestSupport
import Testing

@Suite("Dialogue exports")
struct DialogueExportTests {
    func sample() throws -> DialogueTree {
        try NarrativeFixture.generator().generate(
            film: try NarrativeFixture.film("toy-story-1995"), character: "Woody", profile: try NarrativeFixture.user("ada"), seed: 1)
    }

    @Test("JSON, Yarn and ink of a reference tree match the golden files byte for byte")
    func goldens() throws {
        let tree = try sample()
        let outputs: [(String, Data)] = [
            ("dialogue/woody-ada-1.json", DialogueJSON.encode(tree)),
            ("dialogue/woody-ada-1.yarn", Data(YarnExporter.export(tree).utf8)),
            ("dialogue/woody-ada-1.ink.json", Data(InkExporter.export(tree).utf8)),
        ]
        for (name, actual) in outputs {
            #expect(actual == (try Golden.expected(name, actual: actual)), "\(name) changed; rerun with SCENEWRIGHT_UPDATE_GOLDENS=1 and review")
        }
    }

    @Test("same inputs give byte-identical JSON, Yarn and ink; the JSON round-trips")
    func deterministic() throws {
        let generator = try NarrativeFixture.generator()
        let catalog = try NarrativeFixture.catalog()
        for (index, film) in catalog.films.enumerated() where index % 9 == 0 {
            for character in film.principalCharacterNames.prefix(2) {
                for profile in catalog.users where profile.id == "emma" || profile.id == "chloe" || profile.id == "grace" {
                    let a = try generator.generate(film: film, character: character, profile: profile, seed: 5)
                    let b = try generator.generate(film: film, character: character, profile: profile, seed: 5)
                    #expect(DialogueJSON.encode(a) == DialogueJSON.encode(b))
                    #expect(YarnExporter.export(a) == YarnExporter.export(b))
                    #expect(InkExporter.export(a) == InkExporter.export(b))
                    #expect(try DialogueJSON.decode(DialogueJSON.encode(a)) == a)
                }
            }
        }
    }

    @Test("line ids are stable across seeds and profiles: the same slot keeps its id")
    func stableLineIDs() throws {
        let generator = try NarrativeFixture.generator()
        let film = try NarrativeFixture.film("fargo-1996")
        let one = try generator.generate(film: film, character: "Marge Gunderson", profile: try NarrativeFixture.user("ada"), seed: 1)
        let two = try generator.generate(film: film, character: "Marge Gunderson", profile: try NarrativeFixture.user("ada"), seed: 99)
        func ids(_ tree: DialogueTree) -> [String: String] {
            var result: [String: String] = [:]
            for node in tree.nodes {
                for (index, line) in node.lines.enumerated() { result["\(node.id).l\(index)"] = line.id }
                for option in node.options { result["\(node.id)->\(option.target).\(option.condition.map { "\($0)" } ?? "")"] = option.id }
            }
            return result
        }
        let a = ids(one), b = ids(two)
        let shared = Set(a.keys).intersection(b.keys)
        #expect(shared.count > 10)
        for key in shared { #expect(a[key] == b[key], "\(key)") }
        #expect(one.nodes[0].lines[0].text != two.nodes[0].lines[0].text || one.nodes[0].options[0].text != two.nodes[0].options[0].text
            || one.nodes[1].options.map(\.target) != two.nodes[1].options.map(\.target))
    }

    @Test("the Yarn script is well formed: titles, jumps, declarations and line tags agree")
    func yarnStructure() throws {
        let generator = try NarrativeFixture.generator()
        let catalog = try NarrativeFixture.catalog()
        for film in catalog.films.prefix(12) {
            for profile in catalog.users.prefix(4) {
                let tree = try generator.generate(film: film, character: film.principalCharacterNames[0], profile: profile, seed: 2)
                let problems = YarnShape.problems(in: YarnExporter.export(tree), tree: tree)
                #expect(problems.isEmpty, "\(film.id)/\(profile.id): \(problems)")
            }
        }
    }

    @Test("Yarn escapes the characters it gives meaning to")
    func yarnEscapes() throws {
        var tree = try sample()
        tree.nodes[0].lines[0].text = "A {brace} #hash [markup] <<command>> // not a comment \\ end"
        let line = YarnExporter.export(tree).split(separator: "\n").first { $0.contains("brace") }!
        #expect(line.contains(##"A \{brace\} \#hash \[markup\] \<\<command\>\> \/\/ not a comment \\ end #line:"##))
    }

    @Test("a sample of the sweep plays in bink with no runtime errors", .enabled(if: InkExplorer.available || InkExplorer.required, "bink is not installed (.ci/run installs it)"))
    func inkPlaysInBink() throws {
        let generator = try NarrativeFixture.generator()
        let catalog = try NarrativeFixture.catalog()
        let directory = TemporaryDirectory("ink")
        var played = 0, paths = 0, choicePoints = 0
        for (index, film) in catalog.films.enumerated() where index % 6 == 0 {
            let profile = catalog.users[index % catalog.users.count]
            let character = film.principalCharacterNames[index % film.principalCharacterNames.count]
            let tree = try generator.generate(film: film, character: character, profile: profile, seed: UInt64(1 + index % 3))
            let file = try directory.write("\(film.id).ink.json", InkExporter.export(tree))
            let (status, result, output) = try InkExplorer.explore(file, depth: 8)
            #expect(status == 0, "\(film.id)/\(character): \(output)")
            #expect(result?.errors == 0, "\(output)")
            #expect((result?.choice_points ?? 0) > 0)
            played += 1
            paths += result?.paths ?? 0
            choicePoints += result?.choice_points ?? 0
        }
        print("bink: \(played) stories, \(paths) paths, \(choicePoints) choice points, 0 runtime errors")
        #expect(played == 15)
    }
}

/// A structural reading of our Yarn output, independent of the exporter's code: every node has
/// `title:`, `---` and `===`; every `<<jump>>` names a node; every `$variable` is declared; every
/// line and option carries a unique `#line:` tag.
enum YarnShape {
    static func problems(in script: String, tree: DialogueTree) -> [String] {
        var problems: [String] = []
        var titles: [String] = [], jumps: [String] = [], declared = Set<String>(), used = Set<String>(), tags: [String] = []
        var inBody = false
        for raw in script.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("//") || line.isEmpty { continue }
            if !inBody {
                if line.hasPrefix("title: ") { titles.append(String(line.dropFirst(7))) } else if line == "---" { inBody = true }
                continue
            }
            if line == "===" { inBody = false; continue }
            if line.hasPrefix("<<jump ") { jumps.append(String(line.dropFirst(7).dropLast(2))) }
            if line.hasPrefix("<<declare $") { declared.insert(String(line.dropFirst(11).prefix { $0 != " " })) }
            for match in line.matches(of: /\$([a-z_0-9]+)/) { used.insert(String(match.1)) }
            if let range = line.range(of: " #line:") { tags.append(String(line[range.upperBound...])) } else if !line.hasPrefix("<<") {
                problems.append("line without a #line: tag: \(line)")
            }
        }
        if inBody { problems.append("the last node is not closed with ===") }
        if Set(titles).count != titles.count { problems.append("duplicate titles") }
        if titles != tree.nodes.map(\.id) { problems.append("titles differ from the tree's nodes") }
        for jump in jumps where !titles.contains(jump) { problems.append("jump to missing node \(jump)") }
        for name in used where !declared.contains(name) { problems.append("$\(name) is used but not declared") }
        if Set(tags).count != tags.count { problems.append("duplicate #line: tags") }
        let expected = tree.nodes.reduce(0) { $0 + $1.lines.count + $1.options.count }
        if tags.count != expected { problems.append("\(tags.count) tags for \(expected) lines and options") }
        return problems
    }
}
