import Catalog
import Foundation
import Narrative
import Studio
import TestSupport
import Testing
@testable import Voice

/// Against a real local model (llama.cpp's llama-server with SmolLM2-135M, started by
/// `.ci/run`; `SCENEWRIGHT_LLM_URL` points at it). A 135M model writes weakly and invents
/// things: these tests hold the contract — structured replies parse, nothing ungrounded is
/// served, fallbacks say why, children never get mature terms — and report the figures.
@Suite(.enabled(if: LiveModel.url != nil, "no local model: set SCENEWRIGHT_LLM_URL (.ci/run starts llama-server)"), .serialized)
struct LiveModelTests {
    let directory = TemporaryDirectory()

    func studio() async throws -> Studio {
        let settings = LanguageModelSettings(url: LiveModel.url!, model: "smollm2", timeoutSeconds: 20, failuresBeforeOpening: 1_000)
        let studio = try Studio(
            databasePath: directory.path("live.sqlite"), directories: DataDirectories.repository, logger: TestLogger.quiet, voice: Voice(settings: settings))
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
        let films = [
            "toy-story-1995", "star-wars-1977", "the-empire-strikes-back-1980", "raiders-of-the-lost-ark-1981", "fargo-1996", "the-godfather-1972",
            "casablanca-1942", "the-wizard-of-oz-1939", "alien-1979", "blade-runner-1982", "jaws-1975", "vertigo-1958", "rear-window-1954",
            "north-by-northwest-1959", "the-maltese-falcon-1941", "the-big-sleep-1946", "chinatown-1974",
        ]
        var results: [(draft: Draft, voiced: VoicedText)] = []
        for filmId in films {
            for userId in ["emma", "ben", "ada"] {  // child casual, adult casual, adult scholar
                let restyled = try await studio.restyledFilmCard(filmId: filmId, userId: userId)
                let profile = try await studio.user(id: userId)
                let draft = Draft(
                    text: restyled.card.text, facts: restyled.card.facts.map(\.text), audience: restyled.card.audience, depth: profile.depth,
                    language: restyled.card.language.used)
                results.append((draft, restyled.voice))
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
            "live restyle: \(results.count) drafts, \(accepted) accepted, \(results.count - accepted) fell back "
                + reasons.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", ")
                + String(format: "; model latency median %.0f ms, p95 %.0f ms", Self.percentile(latencies, 0.5), Self.percentile(latencies, 0.95)))

        // The same request again is served from the store: same result, no model call.
        let start = ContinuousClock.now
        let again = try await studio.restyledFilmCard(filmId: films.first!, userId: "emma")
        #expect(again.voice == results[0].voiced)
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
            let summary = try await studio.createDialogue(filmId: conversation.film, character: conversation.character, userId: conversation.user, seed: 1)
            let film = try await studio.film(id: conversation.film)
            var child = false
            if let userId = conversation.user { child = try await studio.user(id: userId).audience == .child }
            var history: [ChatTurn] = []
            for message in messages {
                let reply = try await studio.chat(dialogueId: summary.id, message: message, history: history)
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

enum LiveModel {
    static let url = ProcessInfo.processInfo.environment["SCENEWRIGHT_LLM_URL"].flatMap { $0.isEmpty ? nil : $0 }
}
