import Catalog
import Foundation
import Logging
import Narrative
import Store

/// Writes conversations with film characters — our JSON, Yarn and ink of one generation, plus
/// the per-line voice report of a restyled one — and serves them by id.
public final class DialogueService: Sendable {
    let generator: DialogueGenerator
    let grammars: GrammarLibrary
    let catalog: CatalogService
    let voice: VoiceService
    let artifacts: ArtifactService
    let work: WorkQueue
    let logger: Logger
    let recipe: RecipeKind<DialogueInputs>
    let speech: SpeechService
    let voiceoverRecipe: RecipeKind<VoiceoverInputs>

    init(
        grammars: GrammarLibrary, catalog: CatalogService, voice: VoiceService, speech: SpeechService, artifacts: ArtifactService, work: WorkQueue,
        logger: Logger
    ) {
        let generator = DialogueGenerator(library: grammars)
        self.generator = generator
        self.grammars = grammars
        self.catalog = catalog
        self.voice = voice
        self.artifacts = artifacts
        self.work = work
        self.logger = logger
        recipe = RecipeKind(name: "dialogue", owner: { $0.owner }) { [voice, work] inputs in
            try await Self.generate(inputs, generator: generator, grammars: grammars, voice: voice, work: work)
        }
        artifacts.register(recipe)
        self.speech = speech
        voiceoverRecipe = RecipeKind(name: "dialogue.voiceover", owner: { $0.owner }) { [artifacts, speech] inputs in
            try await Self.buildVoiceover(inputs, artifacts: artifacts, speech: speech)
        }
        artifacts.register(voiceoverRecipe)
    }

    /// Writes the conversation with a film's character for a visitor and stores it in every
    /// format. The same inputs give the same id; a second request serves what the first stored.
    /// With `restyle`, the language model (if configured) rewrites each character line; a line
    /// it gets wrong keeps the grammar's text, and the summary says how many and why.
    /// - Throws: ``StudioError`` `.notFound` for an unknown film, user or character,
    ///   `.invalidInput` for an empty or oversized character name or seed.
    public func createDialogue(_ request: DialogueRequest) async throws -> DialogueSummary {
        try await studioErrors {
            try request.validate()
            let film = try await catalog.film(id: request.filmId)
            let profile = try await request.userId.asyncMap { try await catalog.user(id: $0) }
            return try await dialogue(film: film, character: request.character, profile: profile, seed: request.seed, restyle: request.restyle)
        }
    }

    /// The id a dialogue with these inputs has (whether or not it is stored yet).
    func address(film: Film, character: String, profile: UserProfile?, seed: UInt64) throws -> String {
        try ArtifactID.make(DialogueInputs(grammars: grammars.digest, film: film, character: character, profile: profile, seed: seed)).id
    }

    func dialogue(film: Film, character: String, profile: UserProfile?, seed: UInt64, restyle: Bool = false) async throws -> DialogueSummary {
        guard let name = film.principalCharacterNames.first(where: { $0.caseInsensitiveCompare(character) == .orderedSame }) else {
            let known = film.principalCharacterNames
            throw StudioError(
                .notFound,
                known.isEmpty
                    ? "film \(film.id) has no character data, so there is no character to talk to"
                    : "film \(film.id) has no character '\(character.prefix(80))'; its characters are: \(known.joined(separator: ", "))",
                parameter: "character")
        }
        let fingerprint = restyle ? voice.fingerprint : nil
        let inputs = DialogueInputs(grammars: grammars.digest, film: film, character: name, profile: profile, seed: seed, voice: fingerprint)
        let (artifact, created) = try await artifacts.obtain(recipe, inputs)
        let tree: DialogueTree
        do { tree = try DialogueJSON.decode(artifact.bytes) } catch { throw StudioError(.internal, "stored dialogue \(artifact.id) is unreadable: \(error)") }
        var report: DialogueVoiceReport?
        if fingerprint != nil, let stored = try await artifacts.artifact(id: "\(artifact.id).voice", kinds: [DialogueFormat.voice.kind]) {
            report = try? JSONDecoder().decode(DialogueVoiceReport.self, from: stored.bytes)
        } else if restyle {
            report = await voice.restyledLines(of: tree).1  // no model: every line reports why
        }
        if created { logger.info("dialogue written", metadata: ["dialogue": "\(artifact.id)", "film": "\(film.id)", "character": "\(name)"]) }
        return DialogueSummary(
            id: artifact.id, filmId: film.id, character: name, language: tree.language, created: created, report: StructuralCheck.check(tree),
            voice: report.map { var summary = $0; summary.byLine = nil; return summary }, owner: artifact.owner)
    }

    /// A stored dialogue in one format.
    /// - Throws: ``StudioError`` `.notFound` when no dialogue has that id.
    public func dialogue(id: String, format: DialogueFormat) async throws -> ServedArtifact {
        try await studioErrors {
            guard ArtifactID.isWellFormed(id), let artifact = try await artifacts.artifact(id: format.suffix.map { "\(id).\($0)" } ?? id, kinds: [format.kind])
            else { throw StudioError(.notFound, "no dialogue with id '\(id.prefix(80))'") }
            return artifact
        }
    }

    private static func generate(
        _ inputs: DialogueInputs, generator: DialogueGenerator, grammars: GrammarLibrary, voice: VoiceService, work: WorkQueue
    ) async throws -> [GeneratedFile] {
        guard inputs.generator == DialogueGenerator.version, inputs.grammars == grammars.digest else {
            throw StudioError(.notFound, "this dialogue was written by an earlier version of Scenewright; request it again")
        }
        var tree = try await work.run("dialogue") {
            do { return try generator.generate(film: inputs.film, character: inputs.character, profile: inputs.visitor, seed: inputs.seed) } catch {
                throw StudioError(.unprocessable, "cannot write this dialogue: \(error)")
            }
        }
        var report: DialogueVoiceReport?
        if inputs.voice != nil { (tree, report) = await voice.restyledLines(of: tree) }
        let restyled = tree
        // Restyled text rests on the model's replies: kept, never evicted.
        let durable = inputs.voice != nil
        var files = try await work.run("dialogue.export") {
            [
                GeneratedFile(suffix: nil, kind: DialogueFormat.json.kind, contentType: DialogueFormat.json.contentType, bytes: DialogueJSON.encode(restyled), durable: durable),
                GeneratedFile(suffix: "yarn", kind: DialogueFormat.yarn.kind, contentType: DialogueFormat.yarn.contentType, bytes: Data(YarnExporter.export(restyled).utf8), durable: durable),
                GeneratedFile(suffix: "ink", kind: DialogueFormat.ink.kind, contentType: DialogueFormat.ink.contentType, bytes: Data(InkExporter.export(restyled).utf8), durable: durable),
            ]
        }
        if let report {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
            files.append(GeneratedFile(suffix: "voice", kind: DialogueFormat.voice.kind, contentType: DialogueFormat.voice.contentType, bytes: try encoder.encode(report), durable: true))
        }
        return files
    }
}
