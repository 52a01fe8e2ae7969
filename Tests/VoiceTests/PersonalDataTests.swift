import Catalog
import Foundation
import Narrative
import StorageTestSupport
import Studio
import TestSupport
import Testing
@testable import Voice

/// Text resting on the visitor's own data never reaches the model: a model that cannot be
/// reached shows which drafts were tried (they fail as unreachable) and which were never sent.
@Suite struct PersonalDataTests {
    let directory = TemporaryDirectory()

    func studio() async throws -> Studio {
        // Nothing listens on port 9: every call that goes out fails fast as unreachable.
        let settings = LanguageModelSettings(url: "http://127.0.0.1:9", model: "absent", timeoutSeconds: 2, failuresBeforeOpening: 1_000)
        let studio = try TestStudio.sqlite(in: directory, configuration: StudioConfiguration(voice: Voice(settings: settings)))
        try await studio.seedIfEmpty()
        return studio
    }

    @Test func cardsLeadingWithTheVisitorsTasteAreNeverSent() async throws {
        let studio = try await studio()
        // Ben likes Sci-Fi: his Star Wars card leads with that.
        let personal = try await studio.filmText.restyledFilmCard(filmId: "star-wars-1977", userId: "ben")
        #expect(personal.card.lead == .genre)
        #expect(personal.voice.fallbackReason?.hasPrefix("personal") == true && personal.voice.text == personal.card.text)
        // Emma likes none of Fargo's genres: a general card, which is sent (and fails to arrive).
        let general = try await studio.filmText.restyledFilmCard(filmId: "fargo-1996", userId: "emma")
        #expect(general.card.lead == .general)
        #expect(general.voice.fallbackReason?.hasPrefix("model unreachable") == true || general.voice.fallbackReason == "timeout")
    }

    @Test func dialogueLinesWithTheVisitorsNameAreNeverSent() async throws {
        let studio = try await studio()
        let summary = try await studio.dialogues.createDialogue(DialogueRequest(filmId: "toy-story-1995", character: "Woody", userId: "ada", seed: 1, restyle: true))
        let report = try #require(summary.voice)
        #expect((report.reasons["personal"] ?? 0) >= 1, "\(report.reasons)")
        #expect(report.fromModel == 0 && report.fellBack == report.lines)
        #expect((report.reasons["personal"] ?? 0) + (report.reasons["model unreachable"] ?? 0) + (report.reasons["timeout"] ?? 0) == report.lines)
    }
}
