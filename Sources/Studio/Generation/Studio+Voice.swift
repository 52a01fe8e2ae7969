import Catalog
import Foundation
import Narrative
import SceneGraph
import Staging
import Store
import Tours
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

/// What never leaves the server: text resting on the visitor's own data (their name, their
/// ratings, their liked genres) is not sent to the model; only catalog facts and the profile's
/// audience, depth and language are.
enum PersonalData {
    static let reason = "personal: the draft rests on the visitor's own data, which is never sent to the model"

    /// True for a fact taken from the visitor rather than the catalog.
    static func isPersonal(source: String) -> Bool {
        source.hasPrefix("profile.") || source.hasPrefix("ratings[")
    }
}

extension Studio {
    /// The model's version of `draft` when it passes the checks, else the draft. `sources` are
    /// the catalog paths of the draft's facts: a draft resting on the visitor's own data is kept
    /// as written and never sent. Results that depend only on the model's reply (accepted, or
    /// refused by a check) are stored like any artifact, so the same request never calls the
    /// model twice; backend failures are not.
    public func restyle(_ draft: Draft, sources: [String]) async -> VoicedText {
        if sources.contains(where: PersonalData.isPersonal(source:)) { return .kept(draft.text, reason: PersonalData.reason) }
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
        // A card that leads with the visitor's taste (a genre they like rests on catalog facts
        // but says they like it) is about them: it stays as written.
        guard card.lead == .general else { return RestyledFilmCard(card: card, voice: .kept(card.text, reason: PersonalData.reason)) }
        let profile = try await userId.asyncMap { try await user(id: $0) } ?? .anonymous
        let draft = Draft(text: card.text, facts: card.facts.map(\.text), audience: card.audience, depth: profile.depth, language: card.language.used)
        return RestyledFilmCard(card: card, voice: await restyle(draft, sources: card.facts.map(\.source)))
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
                let voiced = await restyle(
                    Draft(text: line.text, facts: facts, audience: tree.audience, depth: tree.depth, language: tree.language.used), sources: line.facts)
                copy.nodes[nodeIndex].lines[lineIndex].text = voiced.text
                report.lines += 1
                if voiced.source == .model { report.fromModel += 1 } else { report.fellBack += 1 }
                if let reason = voiced.fallbackReason { report.reasons[Self.reasonLabel(reason), default: 0] += 1 }
                report.byLine?[line.id] = voiced
            }
        }
        return (copy, report)
    }

    /// `tour` with each stop's narration restyled by the model where it passes the checks and
    /// is no longer than the timed draft (so every arrival time still holds); each stop records
    /// where its narration came from.
    func restyledNarration(of tour: Tour) async -> Tour {
        var copy = tour
        for index in copy.stops.indices {
            let stop = copy.stops[index]
            let voiced = await restyle(
                Draft(
                    text: stop.narration, facts: stop.facts.map(\.text) + [stop.title, stop.roomName, tour.museumName],
                    audience: tour.request.audience, depth: tour.request.depth, language: tour.language.used, notLongerThanDraft: true),
                sources: stop.facts.map(\.source))
            if voiced.source == .model {
                copy.stops[index].transcript = stop.transcript.replacingOccurrences(of: stop.narration, with: voiced.text)
                copy.stops[index].narration = voiced.text
            }
            copy.stops[index].narrationVoice = voiced.origin
        }
        return copy
    }

    /// `staged` with each hotspot card restyled by the model where it passes the checks, in the
    /// scene document and in the glTF extras alike; each card records where its text came from.
    func restyledCards(of staged: StagedScene, film: Film, profile: UserProfile) async -> StagedScene {
        var copy = staged
        for index in copy.document.hotspots.indices {
            let hotspot = copy.document.hotspots[index]
            let facts = hotspot.facts.map { FactSource.text(of: $0, in: film) }
            let voiced =
                facts.contains(where: { $0 == nil })
                ? .kept(hotspot.text, reason: "facts: a source of this card cannot be read back, so it is not sent")
                : await restyle(
                    Draft(
                        text: hotspot.text, facts: facts.compactMap { $0 } + [film.title], audience: profile.audience, depth: profile.depth,
                        language: profile.language),
                    sources: hotspot.facts)
            if voiced.source == .model {
                copy.document.hotspots[index].text = voiced.text
                copy.scene.updateAnnotations(role: .hotspot, id: hotspot.id) { annotation in
                    annotation.properties["action"] = .object(["type": .string("info"), "text": .string(voiced.text)])
                }
            }
            copy.document.hotspots[index].textVoice = voiced.origin
        }
        return copy
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
        // The visitor's own data (the name the character greets them by) is never sent.
        var shared = tree
        shared.facts.removeAll { PersonalData.isPersonal(source: $0.source) }
        return await CharacterChat(answerer: answerer, voice: voice).reply(
            dialogueId: dialogueId, tree: shared, film: film, titles: titles, message: trimmed, history: history, other: other)
    }
}
