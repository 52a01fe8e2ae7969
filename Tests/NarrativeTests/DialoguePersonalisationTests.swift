import Catalog
import Foundation
import Narrative
import Testing

@Suite("Dialogue personalisation")
struct DialoguePersonalisationTests {
    /// Every character of every film for one profile, three seeds.
    func sweep(_ profile: UserProfile) throws -> [StructuralCheck.Report] {
        let generator = try NarrativeFixture.generator()
        var reports: [StructuralCheck.Report] = []
        for film in try NarrativeFixture.catalog().films {
            for character in film.principalCharacterNames {
                for seed in NarrativeFixture.sweepSeeds {
                    reports.append(StructuralCheck.check(try generator.generate(film: film, character: character, profile: profile, seed: seed)))
                }
            }
        }
        return reports
    }

    func mean(_ values: [Double]) -> Double { values.reduce(0, +) / Double(max(values.count, 1)) }

    @Test("children get short sentences: mean words per sentence ≤ 12 in every tree")
    func childSentences() throws {
        let emma = try NarrativeFixture.user("emma")
        let ada = try NarrativeFixture.user("ada")
        let child = try sweep(emma).map(\.meanWordsPerSentence)
        let adult = try sweep(ada).map(\.meanWordsPerSentence)
        print("mean words per sentence: child \(mean(child)) (max tree \(child.max()!)), scholar adult \(mean(adult))")
        #expect(child.allSatisfy { $0 <= 12 })
        #expect(mean(child) < mean(adult))
    }

    @Test("scholars get more topics and more facts per node than casual visitors")
    func scholarDepth() throws {
        var casual = try NarrativeFixture.user("ben")
        var scholar = casual
        scholar.depth = .scholar
        casual.depth = .casual
        let casualReports = try sweep(casual), scholarReports = try sweep(scholar)
        let casualTopics = casualReports.map { Double($0.nodeCount) }, scholarTopics = scholarReports.map { Double($0.nodeCount) }
        let casualFacts = casualReports.map(\.factsPerNode), scholarFacts = scholarReports.map(\.factsPerNode)
        print("nodes per tree: casual \(mean(casualTopics)) scholar \(mean(scholarTopics)); facts per node: casual \(mean(casualFacts)) scholar \(mean(scholarFacts))")
        #expect(mean(scholarTopics) > mean(casualTopics))
        #expect(mean(scholarFacts) > mean(casualFacts))
    }

    @Test("hub topic counts: 3 for casual, up to 6 for scholars, within 3–6 whenever the catalog has the facts")
    func topicCounts() throws {
        let generator = try NarrativeFixture.generator()
        let film = try NarrativeFixture.film("fargo-1996")
        for (depth, expected) in [(InterestDepth.casual, 3), (.enthusiast, 5), (.scholar, 6)] {
            var profile = try NarrativeFixture.user("ben")
            profile.depth = depth
            let tree = try generator.generate(film: film, character: "Marge Gunderson", profile: profile, seed: 1)
            let topics = tree.variables.filter { $0.name.hasPrefix("visited_") }.count
            #expect(topics == expected, "\(depth)")
        }
    }

    @Test("French is written in French; Spanish falls back to English and says so")
    func languages() throws {
        let generator = try NarrativeFixture.generator()
        let film = try NarrativeFixture.film("toy-story-1995")
        let chloe = try generator.generate(film: film, character: "Woody", profile: try NarrativeFixture.user("chloe"), seed: 1)
        #expect(chloe.language == LanguageChoice(requested: "fr", used: "fr"))
        #expect(!chloe.language.fallback)
        let french = chloe.nodes.flatMap { $0.lines.map(\.text) + $0.options.map(\.text) }
        #expect(french.contains { $0.contains("catalogue") || $0.contains("revoir") })
        #expect(!french.contains { $0.contains("Goodbye") || $0.contains("What would you like") })
        let hiro = try generator.generate(film: film, character: "Woody", profile: try NarrativeFixture.user("hiro"), seed: 1)
        #expect(hiro.language.requested == "es")
        #expect(hiro.language.used == "en")
        #expect(hiro.language.fallback)
        #expect(String(decoding: DialogueJSON.encode(hiro), as: UTF8.self).contains("\"fallback\" : true"))
    }

    @Test("greetings follow the character's traits: a grumpy toy and a warm one greet differently")
    func toneFromTraits() throws {
        let library = try NarrativeFixture.library()
        #expect(library.tones.tone(for: ["grumpy", "sarcastic"]) == "gruff")
        #expect(library.tones.tone(for: ["loyal", "jealous"]) == "warm")
        #expect(library.tones.tone(for: ["unheard-of"]) == "neutral")
        let generator = try NarrativeFixture.generator()
        let film = try NarrativeFixture.film("toy-story-1995")
        let gruff = Set(try (1...12).map { try generator.generate(film: film, character: "Mr. Potato Head", profile: nil, seed: $0).nodes[0].lines[0].text })
        let warm = Set(try (1...12).map { try generator.generate(film: film, character: "Woody", profile: nil, seed: $0).nodes[0].lines[0].text })
        #expect(gruff.isDisjoint(with: warm))
    }

    @Test("a character the catalog barely describes gets an honest, generic conversation")
    func sparseCharacter() throws {
        let film = Film(id: "sparse-2001", title: "Sparse", cast: [CastCredit(person: "Ann Actor", character: "The Stranger")])
        let generator = try NarrativeFixture.generator()
        let tree = try generator.generate(film: film, character: "the stranger", profile: nil, seed: 7)
        #expect(tree.sparse)
        #expect(tree.character == "The Stranger")
        #expect(StructuralCheck.check(tree).passed)
        let texts = tree.nodes.flatMap { $0.lines.map(\.text) + $0.options.map(\.text) }
        #expect(texts.contains { $0.contains("says very little about me") || $0.contains("Not much is written about me") })
        #expect(GroundingCheck.ungroundedWords(in: texts, film: film, profile: nil, lexicon: try NarrativeFixture.library().grammars["dialogue.en"]!.lexicon).isEmpty)
        // Only facts the record has: the title, the actor. No settings, no director, no year.
        #expect(Set(tree.facts.map(\.source)).isSubset(of: ["film.title", "film.cast[0].character", "film.cast[0].person"]))
    }

    @Test("a character the film does not have is an error that lists the ones it has")
    func unknownCharacter() throws {
        let generator = try NarrativeFixture.generator()
        let film = try NarrativeFixture.film("toy-story-1995")
        #expect(throws: DialogueError.unknownCharacter(film: film.id, character: "Gandalf", known: film.principalCharacterNames)) {
            try generator.generate(film: film, character: "Gandalf", profile: nil, seed: 1)
        }
    }
}
