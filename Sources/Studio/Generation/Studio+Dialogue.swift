import Catalog
import Foundation
import Logging
import Narrative
import Store
import Voice

/// The formats a dialogue is served in.
public enum DialogueFormat: String, Sendable, CaseIterable {
    /// Our dialogue graph (`scenewright.dialogue/1`).
    case json
    /// Yarn Spinner 2 script.
    case yarn
    /// Compiled ink JSON (runtime format, inkVersion 21).
    case ink
    /// For a restyled dialogue: per line, whether the model's text or the draft was served, and why.
    case voice

    public var contentType: String {
        switch self {
        case .json, .ink, .voice: "application/json"
        case .yarn: "text/plain; charset=utf-8"
        }
    }

    /// The artifact id of this format of a dialogue.
    func artifactId(dialogue: String) -> String { self == .json ? dialogue : "\(dialogue).\(rawValue)" }
}

/// What creating a dialogue produced.
public struct DialogueSummary: Sendable, Encodable {
    public var id: String
    public var filmId: String
    public var character: String
    public var language: LanguageChoice
    /// False when an identical request had already generated it.
    public var created: Bool
    public var urls: URLs
    /// The structural checks and shape metrics of the tree.
    public var report: StructuralCheck.Report
    /// When restyling was asked for: how many lines the model voiced and why others fell back
    /// (per line at `?format=voice`).
    public var voice: DialogueVoiceReport?

    public struct URLs: Sendable, Encodable {
        public var json: String
        public var yarn: String
        public var ink: String
    }
}

/// Every input that shapes a dialogue; its SHA-256 is the dialogue id.
struct DialogueInputs: Encodable {
    struct Profile: Encodable {
        var audience: Audience
        var depth: InterestDepth
        var language: String
        /// The name the character greets the visitor by (nil: anonymous).
        var displayName: String?
    }

    var kind = "dialogue"
    var generator = DialogueGenerator.version
    var grammars: String
    var film: Film
    var character: String
    var profile: Profile
    var seed: UInt64
    /// The language model's fingerprint for a restyled dialogue (absent otherwise, so plain
    /// dialogues keep their ids).
    var voice: String?

    init(grammars: String, film: Film, character: String, profile: UserProfile?, seed: UInt64, voice: String? = nil) {
        self.grammars = grammars
        self.film = film
        self.character = character
        let visitor = profile ?? .anonymous
        self.profile = Profile(
            audience: visitor.audience, depth: visitor.depth, language: visitor.language,
            displayName: profile == nil || visitor.id == UserProfile.anonymous.id ? nil : visitor.displayName)
        self.seed = seed
        self.voice = voice
    }
}

/// Limits on dialogue requests.
public enum DialogueLimits {
    public static let maxCharacterLength = 200
}

extension Studio {
    /// Writes the conversation with `character` of a film for a visitor and stores it in every
    /// format. The same inputs give the same id; a second request serves what the first stored.
    /// - Throws: ``StudioError`` `.notFound` for an unknown film, user or character,
    ///   `.invalidInput` for an empty or oversized character name or seed.
    ///   With `restyle`, the language model (if configured) rewrites each character line; a line
    ///   it gets wrong keeps the grammar's text, and the summary says how many and why.
    public func createDialogue(filmId: String, character: String, userId: String?, seed: UInt64?, restyle: Bool = false) async throws -> DialogueSummary {
        let trimmed = character.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty, trimmed.count <= DialogueLimits.maxCharacterLength else {
            throw StudioError(.invalidInput, "character must be 1 to \(DialogueLimits.maxCharacterLength) characters", parameter: "character")
        }
        let film = try await film(id: filmId)
        let profile = try await userId.asyncMap { try await user(id: $0) }
        return try await dialogue(film: film, character: trimmed, profile: profile, seed: seed ?? StagingLimits.defaultSeed, restyle: restyle)
    }

    /// The id a dialogue with these inputs has (whether or not it is stored yet).
    func dialogueID(film: Film, character: String, profile requested: UserProfile?, seed: UInt64) throws -> String {
        let profile = requested?.id == UserProfile.anonymous.id ? nil : requested
        return try ArtifactID.make(DialogueInputs(grammars: grammars.digest, film: film, character: character, profile: profile, seed: seed)).id
    }

    func dialogue(film: Film, character: String, profile requested: UserProfile?, seed: UInt64, restyle: Bool = false) async throws -> DialogueSummary {
        let profile = requested?.id == UserProfile.anonymous.id ? nil : requested
        guard seed <= StagingLimits.maxSeed else { throw StudioError(.invalidInput, "seed must be between 0 and \(StagingLimits.maxSeed)", parameter: "seed") }
        guard let name = film.principalCharacterNames.first(where: { $0.caseInsensitiveCompare(character) == .orderedSame }) else {
            let known = film.principalCharacterNames
            throw StudioError(
                .notFound,
                known.isEmpty
                    ? "film \(film.id) has no character data, so there is no character to talk to"
                    : "film \(film.id) has no character '\(character.prefix(80))'; its characters are: \(known.joined(separator: ", "))",
                parameter: "character")
        }
        let voiceModel = restyle ? voice.settings?.fingerprint : nil
        let inputs = DialogueInputs(grammars: grammars.digest, film: film, character: name, profile: profile, seed: seed, voice: voiceModel)
        let (id, canonical) = try ArtifactID.make(inputs)
        let urls = DialogueSummary.URLs(json: "/v1/dialogues/\(id)", yarn: "/v1/dialogues/\(id)?format=yarn", ink: "/v1/dialogues/\(id)?format=ink")
        let created: Bool
        var tree: DialogueTree
        var voiceReport: DialogueVoiceReport?
        if let existing = try await store.artifacts.artifact(id: id), let stored = try? DialogueJSON.decode(existing.bytes) {
            tree = stored
            created = false
            StudioMetrics.cache("dialogue", hit: true)
            if voiceModel != nil, let report = try await store.artifacts.artifact(id: DialogueFormat.voice.artifactId(dialogue: id)) {
                voiceReport = try? JSONDecoder().decode(DialogueVoiceReport.self, from: report.bytes)
            } else if restyle {
                voiceReport = await restyledLines(of: tree).1  // no model: every line reports why
            }
        } else {
            StudioMetrics.cache("dialogue", hit: false)
            let started = ContinuousClock.now
            let generator = dialogues
            do {
                tree = try generator.generate(film: film, character: name, profile: profile, seed: seed)
            } catch {
                throw StudioError(.unprocessable, "cannot write this dialogue: \(error)")
            }
            if restyle { (tree, voiceReport) = await restyledLines(of: tree) }
            let inputsJSON = String(decoding: canonical, as: UTF8.self)
            var artifacts = [
                Artifact(id: id, kind: "dialogue.json", contentType: DialogueFormat.json.contentType, bytes: DialogueJSON.encode(tree), inputs: inputsJSON, userId: profile?.id),
                Artifact(
                    id: DialogueFormat.yarn.artifactId(dialogue: id), kind: "dialogue.yarn", contentType: DialogueFormat.yarn.contentType,
                    bytes: Data(YarnExporter.export(tree).utf8), inputs: inputsJSON, userId: profile?.id),
                Artifact(
                    id: DialogueFormat.ink.artifactId(dialogue: id), kind: "dialogue.ink", contentType: DialogueFormat.ink.contentType,
                    bytes: Data(InkExporter.export(tree).utf8), inputs: inputsJSON, userId: profile?.id),
            ]
            if voiceModel != nil, let report = voiceReport {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
                artifacts.append(
                    Artifact(
                        id: DialogueFormat.voice.artifactId(dialogue: id), kind: "dialogue.voice", contentType: DialogueFormat.voice.contentType,
                        bytes: try encoder.encode(report), inputs: inputsJSON, userId: profile?.id))
            }
            // The exports first, the JSON (which marks the dialogue as present) last.
            for artifact in artifacts.reversed() { try await store.artifacts.put(artifact) }
            StudioMetrics.generated("dialogue", since: started)
            logger.info("dialogue written", metadata: ["dialogue": "\(id)", "film": "\(film.id)", "character": "\(name)"])
            created = true
        }
        let voiceSummary = voiceReport.map { report in
            var summary = report
            summary.byLine = nil
            summary.url = voiceModel == nil ? nil : "/v1/dialogues/\(id)?format=voice"
            return summary
        }
        return DialogueSummary(
            id: id, filmId: film.id, character: name, language: tree.language, created: created, urls: urls, report: StructuralCheck.check(tree),
            voice: voiceSummary)
    }

    /// A stored dialogue in one format.
    /// - Throws: ``StudioError`` `.notFound` when no dialogue has that id.
    public func dialogueArtifact(id: String, format: DialogueFormat) async throws -> Artifact {
        guard ArtifactID.isWellFormed(id), let artifact = try await store.artifacts.artifact(id: format.artifactId(dialogue: id)) else {
            throw StudioError(.notFound, "no dialogue with id '\(id.prefix(80))'")
        }
        return artifact
    }
}

extension Optional {
    /// `map` for async transforms.
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
