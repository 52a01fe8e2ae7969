import Catalog
import Foundation
import Narrative
import SceneGraph
import Staging
import Tours
import Voice

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

/// The optional language model as Studio uses it: restyles grounded drafts (cards, dialogue
/// lines, narration) where the result passes every check, caches each result, and never sends
/// the visitor's own data.
public final class VoiceService: Sendable {
    /// The model client (``Voice/off`` unless `serve --llm-url` configures one).
    public let voice: Voice
    let artifacts: ArtifactService

    init(voice: Voice, artifacts: ArtifactService) {
        self.voice = voice
        self.artifacts = artifacts
    }

    /// The model's fingerprint, part of the id of anything it restyled; nil without a model.
    var fingerprint: String? { voice.settings?.fingerprint }

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
        if let stored = try? await artifacts.artifact(id: id, kinds: ["voice.restyle"]), let cached = try? JSONDecoder().decode(VoicedText.self, from: stored.bytes) {
            StudioMetrics.cache("restyle", hit: true)
            return cached
        }
        StudioMetrics.cache("restyle", hit: false)
        let result = await voice.restyle(draft)
        if result.source == .model || result.rejectedText != nil, let bytes = try? JSONEncoder().encode(result) {
            try? await artifacts.storeDurable(
                kind: "voice.restyle", canonical: canonical, files: [GeneratedFile(suffix: nil, kind: "voice.restyle", contentType: "application/json", bytes: bytes)])
        }
        return result
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
}
