import Catalog
import Foundation
import Narrative
import Testing

@Suite("Film cards")
struct FilmCardTests {
    func writer() throws -> FilmCardWriter { FilmCardWriter(library: try NarrativeFixture.library()) }

    @Test("a director the visitor rated highly leads the card")
    func directorLead() throws {
        let gump = try NarrativeFixture.film("forrest-gump-1994")
        let card = try writer().card(for: try NarrativeFixture.film("back-to-the-future-1985"), profile: try NarrativeFixture.user("ben"), rated: [RatedFilm(film: gump, stars: 4.5)])
        #expect(card.lead == .director)
        #expect(card.text.contains("Forrest Gump") && card.text.contains("Robert Zemeckis"), "\(card.text)")
        #expect(card.facts.contains(Fact("Forrest Gump", source: "ratings[forrest-gump-1994]")))
    }

    @Test("liked genres lead when ratings say nothing; anonymous visitors get a general card")
    func genreAndGeneral() throws {
        let fargo = try NarrativeFixture.film("fargo-1996")
        #expect(try writer().card(for: fargo, profile: try NarrativeFixture.user("iris"), rated: []).lead == .genre)
        #expect(try writer().card(for: fargo, profile: nil, rated: []).lead == .general)
    }

    @Test("children get short, safe cards; a film for older audiences says so and no more")
    func children() throws {
        let emma = try NarrativeFixture.user("emma")
        for film in try NarrativeFixture.catalog().films {
            let card = try writer().card(for: film, profile: emma, rated: [])
            #expect(ContentAdvisory.matureTermsUsed(in: card.text.replacingOccurrences(of: film.title, with: "")).isEmpty, "\(film.id): \(card.text)")
            let sentences = Sentences.split(card.text)
            let mean = Double(sentences.map { Sentences.words($0).count }.reduce(0, +)) / Double(sentences.count)
            #expect(mean <= 12, "\(film.id): \(card.text)")
            if ContentAdvisory.isUnsuitable(film, for: .child) { #expect(card.text.contains("meant for older audiences")) }
        }
    }

    @Test("every card is grounded and lists the facts it used")
    func grounded() throws {
        let library = try NarrativeFixture.library()
        let lexicon = library.grammars["narration.en"]!.lexicon
        for film in try NarrativeFixture.catalog().films {
            for profile in try NarrativeFixture.catalog().users {
                let card = try writer().card(for: film, profile: profile, rated: [])
                #expect(GroundingCheck.ungroundedWords(in: [card.text], film: film, profile: profile, lexicon: lexicon).isEmpty, "\(card.text)")
                for fact in card.facts { #expect(card.text.contains(fact.text), "\(fact) not in \(card.text)") }
                #expect(card.language.fallback == (profile.languageCode != "en"))
            }
        }
    }
}
