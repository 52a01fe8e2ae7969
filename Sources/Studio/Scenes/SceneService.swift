import Catalog
import Foundation
import Logging
import Narrative
import SceneGraph
import Staging
import Store

/// Stages films as scenes — the scene document, GLB, glTF and USDZ of one generation — and serves
/// them by id. Each character mark links to its dialogue, written and stored before the scene.
public final class SceneService: Sendable {
    let stager: Stager
    let grammars: GrammarLibrary
    let catalog: CatalogService
    let dialogues: DialogueService
    let voice: VoiceService
    let recommendations: RecommendationService
    let artifacts: ArtifactService
    let work: WorkQueue
    let logger: Logger
    /// How scenes are generated, for the memoized path and for regeneration.
    let recipe: RecipeKind<SceneInputs>

    init(
        stager: Stager, grammars: GrammarLibrary, catalog: CatalogService, dialogues: DialogueService, voice: VoiceService,
        recommendations: RecommendationService, artifacts: ArtifactService, work: WorkQueue, logger: Logger
    ) {
        self.stager = stager
        self.grammars = grammars
        self.catalog = catalog
        self.dialogues = dialogues
        self.voice = voice
        self.recommendations = recommendations
        self.artifacts = artifacts
        self.work = work
        self.logger = logger
        recipe = RecipeKind(name: "scene", owner: { $0.owner }) { [stager, dialogues, voice, work] inputs in
            try await Self.generate(inputs, stager: stager, dialogues: dialogues, voice: voice, work: work)
        }
        artifacts.register(recipe)
    }

    /// Stages a film for a visitor (or an anonymous adult). The same film, profile and seed give
    /// the same id; a second request serves what the first stored.
    /// - Throws: ``StudioError`` `.notFound` for an unknown film or user, `.invalidInput` for a bad seed.
    public func stage(_ request: StageRequest) async throws -> StagedSceneSummary {
        try await studioErrors {
            try request.validate()
            let film = try await catalog.film(id: request.filmId)
            let profile = try await request.userId.asyncMap { try await catalog.user(id: $0) }
            return try await stage(film: film, profile: profile, seed: request.seed, restyle: request.restyle)
        }
    }

    func inputs(film: Film, profile visitor: UserProfile?, seed: UInt64, restyle: Bool) -> SceneInputs {
        let profile = visitor ?? .anonymous
        return SceneInputs(
            data: stager.library.dataDigest, grammars: grammars.digest, film: film,
            profile: .init(
                audience: profile.audience, depth: profile.depth, language: profile.language, accessibility: profile.accessibility.sorted(),
                displayName: visitor?.displayName),
            seed: seed, voice: restyle ? voice.fingerprint : nil, owner: visitor?.id)
    }

    func stage(film: Film, profile: UserProfile?, seed: UInt64, restyle: Bool = false) async throws -> StagedSceneSummary {
        if let profile, ContentAdvisory.isUnsuitable(film, for: profile.audience) {
            throw StudioError(.unprocessable, "\(film.title) is not staged for a \(profile.audience.rawValue) audience", parameter: "filmId")
        }
        let (artifact, created) = try await artifacts.obtain(recipe, inputs(film: film, profile: profile, seed: seed, restyle: restyle))
        let header = try JSONDecoder().decode(StoredSceneHeader.self, from: artifact.bytes)
        if created { logger.info("scene staged", metadata: ["scene": "\(artifact.id)", "film": "\(film.id)", "archetype": "\(header.archetype.id)"]) }
        return StagedSceneSummary(id: artifact.id, filmId: film.id, title: film.title, archetype: header.archetype.id, created: created, owner: artifact.owner)
    }

    /// A stored scene in one format.
    /// - Throws: ``StudioError`` `.notFound` when no scene has that id.
    public func scene(id: String, format: SceneFormat) async throws -> ServedArtifact {
        try await studioErrors {
            guard ArtifactID.isWellFormed(id),
                  let artifact = try await artifacts.artifact(id: format.suffix.map { "\(id).\($0)" } ?? id, kinds: [format.kind])
            else { throw StudioError(.notFound, "no scene with id '\(id.prefix(80))'") }
            return artifact
        }
    }

    /// The user's top `k` recommended films, each staged for them.
    public func stageRecommendations(userId: String, k: Int, seed: UInt64?) async throws -> (recommendations: RecommendationList, scenes: [StagedSceneSummary]) {
        try await studioErrors {
            guard (1...StagingLimits.maxStageK).contains(k) else {
                throw StudioError(.invalidInput, "k must be between 1 and \(StagingLimits.maxStageK)", parameter: "k")
            }
            let request = StageRequest(filmId: "", userId: userId, seed: seed)
            try request.validate()
            let profile = try await catalog.user(id: userId)
            let list = try await recommendations.recommendations(userId: userId, k: k, explain: true)
            var scenes: [StagedSceneSummary] = []
            for item in list.items {
                scenes.append(try await stage(film: try await catalog.film(id: item.filmId), profile: profile, seed: request.seed))
            }
            return (list, scenes)
        }
    }

    /// The staged scene value of recorded inputs (for previews, which render it directly).
    /// - Throws: ``StudioError`` `.notFound` when the inputs were made by another generator version.
    func stagedScene(_ inputs: SceneInputs) async throws -> StagedScene {
        try await Self.staged(inputs, stager: stager, dialogues: dialogues, voice: voice, work: work).staged
    }

    private static func staged(
        _ inputs: SceneInputs, stager: Stager, dialogues: DialogueService, voice: VoiceService, work: WorkQueue
    ) async throws -> (staged: StagedScene, linked: [String]) {
        guard inputs.generator == Stager.generatorVersion, inputs.data == stager.library.dataDigest, inputs.grammars == dialogues.grammars.digest else {
            throw StudioError(.notFound, "this scene was staged by an earlier version of Scenewright; stage it again")
        }
        let id = try ArtifactID.make(inputs).id
        let visitor = inputs.visitor
        let dialogueIds = Dictionary(
            uniqueKeysWithValues: inputs.film.principalCharacterNames.compactMap { name in
                (try? dialogues.address(film: inputs.film, character: name, profile: visitor, seed: inputs.seed)).map { (name, $0) }
            })
        var (staged, linked) = try await work.run("scene") { [inputs] in
            var linked: [String] = []
            let staged = try stager.stage(film: inputs.film, profile: inputs.stagingProfile, seed: inputs.seed, id: id) { name in
                guard let dialogue = dialogueIds[name] else { return nil }
                linked.append(name)
                return dialogue
            }
            return (staged, linked)
        }
        if inputs.voice != nil { staged = await voice.restyledCards(of: staged, film: inputs.film, profile: inputs.stagingProfile) }
        return (staged, linked)
    }

    private static func generate(_ inputs: SceneInputs, stager: Stager, dialogues: DialogueService, voice: VoiceService, work: WorkQueue) async throws -> [GeneratedFile] {
        let (staged, linked) = try await staged(inputs, stager: stager, dialogues: dialogues, voice: voice, work: work)
        // The dialogues first, so every link in the scene resolves.
        for name in linked {
            _ = try await dialogues.dialogue(film: inputs.film, character: name, profile: inputs.visitor, seed: inputs.seed)
        }
        let durable = inputs.voice != nil
        return try await work.run("scene.export") {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            return [
                GeneratedFile(suffix: nil, kind: SceneFormat.json.kind, contentType: SceneFormat.json.contentType, bytes: try encoder.encode(staged.document), durable: durable),
                GeneratedFile(suffix: "glb", kind: SceneFormat.glb.kind, contentType: SceneFormat.glb.contentType, bytes: try GLTFExporter.glb(staged.scene), durable: durable),
                GeneratedFile(suffix: "gltf", kind: SceneFormat.gltf.kind, contentType: SceneFormat.gltf.contentType, bytes: try GLTFExporter.gltf(staged.scene), durable: durable),
                GeneratedFile(suffix: "usdz", kind: SceneFormat.usdz.kind, contentType: SceneFormat.usdz.contentType, bytes: USDExporter.usdz(staged.scene), durable: durable),
            ]
        }
    }
}

/// The part of a stored scene document read back to summarise it.
private struct StoredSceneHeader: Decodable {
    struct ArchetypeRef: Decodable { var id: String }
    var archetype: ArchetypeRef
}

extension Optional {
    /// `map` for async transforms.
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
