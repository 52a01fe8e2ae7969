import Catalog
import Foundation
import Narrative
import Store
import Voice

/// A film card, and what the language model made of it.
public struct RestyledFilmCard: Sendable, Encodable {
    /// The grounded card exactly as without a model.
    public var card: FilmCard
    /// The text to show: the model's when it passed every check, else the card's.
    public var voice: VoicedText
}

/// What restyling did to a dialogue's lines: the counts in a ``DialogueSummary``, and per line
/// in the stored `?format=voice` document.
public struct DialogueVoiceReport: Sendable, Codable {
    public var model: String?
    public var lines: Int
    public var fromModel: Int
    public var fellBack: Int
    /// Fallback reasons and how often each occurred.
    public var reasons: [String: Int]
    /// Per line id: what was served and why (in the stored document, not in summaries).
    public var byLine: [String: VoicedText]?
    /// Where the per-line document is (in summaries of dialogues a model restyled).
    public var url: String?
}

/// Every input of one restyle; its SHA-256 keys the cached result.
struct RestyleInputs: Encodable {
    var kind = "voice.restyle"
    var model: String
    var draft: Draft
}

extension Studio {
    /// The model's version of `draft` when it passes the checks, else the draft. Results that
    /// depend only on the model's reply (accepted, or refused by a check) are stored like any
    /// artifact, so the same request never calls the model twice; backend failures are not.
    public func restyle(_ draft: Draft) async -> VoicedText {
        guard let settings = voice.settings, let (id, canonical) = try? ArtifactID.make(RestyleInputs(model: settings.fingerprint, draft: draft)) else {
            return await voice.restyle(draft)
        }
        if let stored = try? await store.artifacts.artifact(id: id), let cached = try? JSONDecoder().decode(VoicedText.self, from: stored.bytes) {
            StudioMetrics.cache("restyle", hit: true)
            return cached
        }
        StudioMetrics.cache("restyle", hit: false)
        let result = await voice.restyle(draft)
        if result.source == .model || result.rejectedText != nil, let bytes = try? JSONEncoder().encode(result) {
            try? await store.artifacts.put(
                Artifact(id: id, kind: "voice.restyle", contentType: "application/json", bytes: bytes, inputs: String(decoding: canonical, as: UTF8.self)))
        }
        return result
    }

    /// The film card, restyled for the visitor by the language model where it passes the checks.
    public func restyledFilmCard(filmId: String, userId: String?) async throws -> RestyledFilmCard {
        let card = try await filmCard(filmId: filmId, userId: userId)
        let profile = try await userId.asyncMap { try await user(id: $0) } ?? .anonymous
        let draft = Draft(text: card.text, facts: card.facts.map(\.text), audience: card.audience, depth: profile.depth, language: card.language.used)
        return RestyledFilmCard(card: card, voice: await restyle(draft))
    }

    /// `tree` with every character line the model restyled acceptably replaced, and the report.
    func restyledLines(of tree: DialogueTree) async -> (DialogueTree, DialogueVoiceReport) {
        var copy = tree
        var report = DialogueVoiceReport(model: voice.settings?.fingerprint, lines: 0, fromModel: 0, fellBack: 0, reasons: [:], byLine: [:], url: nil)
        let factsBySource = Dictionary(tree.facts.map { ($0.source, $0.text) }, uniquingKeysWith: { first, _ in first })
        for nodeIndex in copy.nodes.indices {
            for lineIndex in copy.nodes[nodeIndex].lines.indices where copy.nodes[nodeIndex].lines[lineIndex].speaker == .character {
                let line = copy.nodes[nodeIndex].lines[lineIndex]
                let facts = line.facts.compactMap { factsBySource[$0] } + [tree.character, tree.film.title]
                let voiced = await restyle(Draft(text: line.text, facts: facts, audience: tree.audience, depth: tree.depth, language: tree.language.used))
                copy.nodes[nodeIndex].lines[lineIndex].text = voiced.text
                report.lines += 1
                if voiced.source == .model { report.fromModel += 1 } else { report.fellBack += 1 }
                if let reason = voiced.fallbackReason { report.reasons[Self.reasonLabel(reason), default: 0] += 1 }
                report.byLine?[line.id] = voiced
            }
        }
        return (copy, report)
    }

    /// A reason without its particulars ("ungrounded: Pixar" → "ungrounded"), for counting.
    static func reasonLabel(_ reason: String) -> String {
        reason.split(separator: ":").first.map(String.init) ?? reason
    }

    /// A visitor's free message to the character of a stored dialogue, answered in character
    /// from the catalog (and by the model, if one is configured and its reply passes the checks).
    /// - Throws: ``StudioError`` `.notFound` for an unknown dialogue, `.invalidInput` for an
    ///   empty or oversized message or history.
    public func chat(dialogueId: String, message: String, history: [ChatTurn]) async throws -> ChatReply {
        let trimmed = message.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty, trimmed.count <= CharacterChat.maxMessageLength else {
            throw StudioError(.invalidInput, "message must be 1 to \(CharacterChat.maxMessageLength) characters", parameter: "message")
        }
        guard history.count <= CharacterChat.maxHistoryTurns, history.allSatisfy({ $0.text.count <= CharacterChat.maxMessageLength }) else {
            throw StudioError(
                .invalidInput, "history holds at most \(CharacterChat.maxHistoryTurns) turns of at most \(CharacterChat.maxMessageLength) characters",
                parameter: "history")
        }
        let artifact = try await dialogueArtifact(id: dialogueId, format: .json)
        guard let tree = try? DialogueJSON.decode(artifact.bytes) else { throw StudioError(.notFound, "no dialogue with id '\(dialogueId.prefix(80))'") }
        let film = try await film(id: tree.film.id)
        let titles = FilmTitleIndex(titles: try await store.films.titles())
        let parsed = answerer.parse(trimmed, film: film, titles: titles)
        let other = try await parsed.otherFilmId.asyncMap { try await store.films.film(id: $0) } ?? nil
        return await CharacterChat(answerer: answerer, voice: voice).reply(
            dialogueId: dialogueId, tree: tree, film: film, titles: titles, message: trimmed, history: history, other: other)
    }
}
