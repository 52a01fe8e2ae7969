import Catalog
import Foundation
import Narrative
import Store
import StorageTestSupport
import Studio
import Tours
import TestSupport
import Testing
@testable import Voice

/// Against a real local model (llama.cpp's llama-server with SmolLM2-135M, started by
/// `.ci/run`; `SCENEWRIGHT_LLM_URL` points at it). A 135M model writes weakly and invents
/// things: these tests hold the contract — structured replies parse, nothing ungrounded is
/// served, fallbacks say why, children never get mature terms — and report the figures.
@Suite(.enabled(if: LiveModel.url != nil || LiveModel.required, "no local model: set SCENEWRIGHT_LLM_URL (.ci/run starts llama-server)"), .serialized)
struct LiveModelTests {
    let directory = TemporaryDirectory()

    func studio() async throws -> Studio {
        let settings = LanguageModelSettings(url: try #require(LiveModel.url, "SCENEWRIGHT_REQUIRE_LLM=1 but no SCENEWRIGHT_LLM_URL"), model: "smollm2", timeoutSeconds: 20, failuresBeforeOpening: 1_000)
        let studio = try TestStudio.sqlite(in: directory, configuration: StudioConfiguration(voice: Voice(settings: settings)))
        try await studio.seedIfEmpty()
        return studio
    }

    static func percentile(_ values: [Double], _ p: Double) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        return sorted[min(sorted.count - 1, Int((Double(sorted.count - 1) * p).rounded()))]
    }

    @Test func restylesFiftyOneFilmCardsAcrossProfilesAndServesOnlyGroundedText() async throws {
        let studio = try await studio()
        // Cards for a child, a casual adult and a scholar, film by film, until 51 drafts went to
        // the model; cards that lead with the visitor's own taste are never sent (counted apart).
        let films = try await studio.catalog.searchFilms(FilmQuery(page: 1, pageSize: 100)).items.map(\.id)
        var results: [(draft: Draft, voiced: VoicedText)] = []
        var personal = 0
        search: for filmId in films {
            for userId in ["emma", "ben", "ada"] {
                let restyled = try await studio.filmText.restyledFilmCard(filmId: filmId, userId: userId)
                if restyled.voice.fallbackReason?.hasPrefix("personal") == true {
                    #expect(restyled.voice.text == restyled.card.text && restyled.voice.modelMilliseconds == nil)
                    personal += 1
                    continue
                }
                let profile = try await studio.catalog.user(id: userId)
                let draft = Draft(
                    text: restyled.card.text, facts: restyled.card.facts.map(\.text), audience: restyled.card.audience, depth: profile.depth,
                    language: restyled.card.language.used)
                results.append((draft, restyled.voice))
                if results.count == 51 { break search }
            }
        }
        #expect(results.count == 51)
        for (draft, voiced) in results {
            if voiced.source == .model {
                // Every accepted text passes the grounding, length and audience checks.
                #expect(VoiceCheck(maxLength: Voice.maxTextLength).problem(text: voiced.text, draft: draft.text, facts: draft.facts, audience: draft.audience) == nil)
                if draft.audience == .child { #expect(!ContentAdvisory.isMature(voiced.text)) }
            } else {
                #expect(voiced.text == draft.text && voiced.fallbackReason != nil)
            }
        }
        let accepted = results.filter { $0.voiced.source == .model }.count
        var reasons: [String: Int] = [:]
        for (_, voiced) in results { if let reason = voiced.fallbackReason { reasons[reason.split(separator: ":").first.map(String.init) ?? reason, default: 0] += 1 } }
        let latencies = results.compactMap(\.voiced.modelMilliseconds)
        let parsed = results.filter { $0.voiced.source == .model || $0.voiced.rejectedText != nil }.count
        #expect(parsed > 0, "no structured reply parsed at all")
        print(
            "live restyle: \(results.count) drafts sent (\(personal) personal cards kept without asking), \(accepted) accepted, \(results.count - accepted) fell back "
                + reasons.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", ")
                + String(format: "; model latency median %.0f ms, p95 %.0f ms", Self.percentile(latencies, 0.5), Self.percentile(latencies, 0.95)))

        // The same request again is served from the store: same result, no model call.
        let start = ContinuousClock.now
        let first = results[0]
        let again = await studio.voice.restyle(first.draft, sources: [])
        #expect(again == first.voiced)
        #expect(ContinuousClock.now - start < .milliseconds(500))
    }

    @Test func twentyChatMessagesAreGroundedOrHonestAndChildSafe() async throws {
        let studio = try await studio()
        let conversations: [(film: String, character: String, user: String?)] = [
            ("toy-story-1995", "Woody", "emma"), ("the-wizard-of-oz-1939", "Dorothy Gale", "felix"),
            ("fargo-1996", "Marge Gunderson", "ada"), ("star-wars-1977", "Luke Skywalker", "dev"),
        ]
        let messages = [
            "Who directed this film?", "When was the film made?", "Who plays you?", "What was the budget of the film?",
            "What's your favourite food?",
        ]
        var served: [String: Int] = [:]
        var latencies: [Double] = []
        for conversation in conversations {
            let summary = try await studio.dialogues.createDialogue(DialogueRequest(filmId: conversation.film, character: conversation.character, userId: conversation.user, seed: 1))
            let film = try await studio.catalog.film(id: conversation.film)
            var child = false
            if let userId = conversation.user { child = try await studio.catalog.user(id: userId).audience == .child }
            var history: [ChatTurn] = []
            for message in messages {
                let reply = try await studio.chat.chat(dialogueId: summary.id, message: message, history: history)
                let text = reply.reply.text
                #expect(!text.isEmpty)
                if reply.reply.source == .model {
                    let facts = Array(GroundingCheck.sourceWords(film: film, profile: nil))
                    #expect(VoiceCheck(maxLength: Voice.maxTextLength).problem(text: text, draft: reply.catalogAnswer, facts: facts, audience: child ? .child : .adult) == nil, "\(text)")
                } else {
                    // The catalog's own answer, or an honest "it does not say".
                    let honest = ["can't say", "not in the catalog", "does not say", "older"].contains { text.contains($0) }
                    #expect(reply.answeredFromCatalog || honest, "\(text)")
                }
                if child { #expect(!ContentAdvisory.isMature(text), "\(text)") }
                served[reply.reply.source.rawValue, default: 0] += 1
                if let ms = reply.reply.modelMilliseconds { latencies.append(ms) }
                history += [ChatTurn(speaker: .visitor, text: message), ChatTurn(speaker: .character, text: String(text.prefix(300)))]
            }
        }
        #expect(served.values.reduce(0, +) == 20)
        print(
            "live chat: 20 messages, \(served["model"] ?? 0) voiced by the model, \(served["draft"] ?? 0) from the catalog"
                + String(format: "; model latency median %.0f ms, p95 %.0f ms", Self.percentile(latencies, 0.5), Self.percentile(latencies, 0.95)))
    }
}

extension LiveModelTests {
    @Test func restyledSceneCardsAndTourNarrationStayGroundedAndOnSchedule() async throws {
        let studio = try await studio()
        let checker = VoiceCheck(maxLength: Voice.maxTextLength)
        // A scene's hotspot cards: the document and the GLB extras carry the same served text.
        // (A child's scene, so a film staged for children: Casablanca is refused for Emma.)
        func hotspots(restyle: Bool) async throws -> [[String: Any]] {
            let scene = try await studio.scenes.stage(StageRequest(filmId: "toy-story-1995", userId: "emma", seed: 2, restyle: restyle))
            let artifact = try await studio.scenes.scene(id: scene.id, format: .json)
            let document = try #require(try JSONSerialization.jsonObject(with: artifact.bytes) as? [String: Any])
            return try #require(document["hotspots"] as? [[String: Any]])
        }
        let drafts = Dictionary(uniqueKeysWithValues: try await hotspots(restyle: false).map { ($0["id"] as! String, $0["text"] as! String) })
        let hotspots = try await hotspots(restyle: true)
        let film = try await studio.catalog.film(id: "toy-story-1995")
        let facts = Array(GroundingCheck.sourceWords(film: film, profile: nil))
        var fromModel = 0
        for hotspot in hotspots {
            let voice = try #require(hotspot["textVoice"] as? [String: Any])
            if voice["source"] as? String == "model" {
                fromModel += 1
                let text = try #require(hotspot["text"] as? String)
                let draft = try #require(drafts[hotspot["id"] as! String])
                #expect(checker.problem(text: text, draft: draft, facts: facts, audience: .child) == nil, "\(text)")
            }
        }
        // A tour's narration: never longer than the timed draft, so the schedule still holds.
        let request = TourPlanRequest(museumId: "film-history-wing", userId: "ben", budgetMinutes: 30, seed: 3)
        var restyledRequest = request
        restyledRequest.restyle = true
        let plain = try await studio.tours.planTour(request).tour
        let restyled = try await studio.tours.planTour(restyledRequest).tour
        #expect(plain.id != restyled.id && plain.totalMinutes == restyled.totalMinutes)
        var narrationsFromModel = 0
        for (draft, stop) in zip(plain.stops, restyled.stops) {
            let origin = try #require(stop.narrationVoice)
            #expect(stop.narration.count <= draft.narration.count)
            #expect(Sentences.words(stop.narration).count <= Sentences.words(draft.narration).count)
            if origin.source == "model" { narrationsFromModel += 1 } else { #expect(stop.narration == draft.narration) }
        }
        print("live scene and tour: \(fromModel) of \(hotspots.count) hotspot cards and \(narrationsFromModel) of \(restyled.stops.count) stop narrations from the model")
    }
}

enum LiveModel {
    static let url = ProcessInfo.processInfo.environment["SCENEWRIGHT_LLM_URL"].flatMap { $0.isEmpty ? nil : $0 }
    /// `SCENEWRIGHT_REQUIRE_LLM=1` (set by `.ci/run`): the suite runs, and fails without a model.
    static let required = ProcessInfo.processInfo.environment["SCENEWRIGHT_REQUIRE_LLM"] == "1"
}
