import Catalog
import Foundation
import Logging
import Narrative
import Preview
import ServiceLifecycle
import Staging
import Store
import Voice

/// How Studio is put together: the recommender, memory, the work queue and the language model.
public struct StudioConfiguration: Sendable {
    public var recommender: RecommendationService.Configuration
    /// Memory for recently served public artifacts, per replica (0 turns the cache off).
    public var memoryCacheBytes: Int
    public var work: WorkQueue.Configuration
    /// Bytes stored artifacts may take before the least recently used are evicted.
    public var storageBudget: StorageBudget
    /// The optional language model (``Voice/off`` unless `serve --llm-url` configures one).
    public var voice: Voice
    /// The optional speech server (nil unless `serve --tts-url` configures one): espeak-ng speaks
    /// whatever it cannot.
    public var speechServer: SpeechServerSettings?

    /// Default memory for cached artifacts: 64 MiB.
    public static let defaultMemoryCacheBytes = 64 << 20

    public init(
        recommender: RecommendationService.Configuration = .init(), memoryCacheBytes: Int = StudioConfiguration.defaultMemoryCacheBytes,
        storageBudget: StorageBudget = .standard, work: WorkQueue.Configuration = .init(), voice: Voice = .off,
        speechServer: SpeechServerSettings? = nil
    ) {
        self.speechServer = speechServer
        self.recommender = recommender
        self.memoryCacheBytes = memoryCacheBytes
        self.storageBudget = storageBudget
        self.work = work
        self.voice = voice
    }
}

/// The composition root every front end (HTTP server, CLI) starts from: it checks the data
/// folders, builds one service per use case over a storage engine, and holds nothing else.
public final class Studio: Sendable {
    /// The storage engine (SQLite or PostgreSQL). Front ends go through the services; this is
    /// for maintenance commands and tests.
    public let storage: any StorageEngine
    public let directories: DataDirectories
    public let logger: Logger
    /// The bounded queue every CPU-heavy job goes through.
    public let work: WorkQueue

    public let catalog: CatalogService
    public let imports: ImportService
    public let users: UserService
    public let keys: KeyService
    public let recommendations: RecommendationService
    public let scenes: SceneService
    public let previews: PreviewService
    public let dialogues: DialogueService
    public let filmText: FilmTextService
    public let chat: ChatService
    public let voice: VoiceService
    public let museums: MuseumService
    public let tours: TourService
    public let ambience: AmbienceService

    /// Builds every service over `storage` and the data folders.
    /// - Throws: ``StudioError`` `.configuration` naming a missing or malformed data file.
    public init(storage: any StorageEngine, directories: DataDirectories, configuration: StudioConfiguration = .init(), logger: Logger = Logger(label: "scenewright")) throws {
        self.storage = storage
        self.directories = directories
        self.logger = logger
        let grammars: GrammarLibrary
        let answerer: FilmQuestionAnswerer
        let stager: Stager
        let renderer: PreviewRenderer
        do {
            grammars = try GrammarLibrary(directory: directories.assets.appendingPathComponent("grammars"))
            answerer = try FilmQuestionAnswerer(library: grammars)
        } catch {
            throw StudioError(.configuration, "cannot load the grammars: \(error)")
        }
        do {
            stager = try Stager.load(scenes: directories.scenes, props: directories.assets.appendingPathComponent("props"), grammars: grammars)
        } catch {
            throw StudioError(.configuration, "cannot load scene data: \(error)")
        }
        do {
            renderer = try PreviewRenderer.load(fonts: directories.assets.appendingPathComponent("fonts"))
        } catch {
            throw StudioError(.configuration, "cannot load the preview font: \(error)")
        }
        let work = WorkQueue(configuration.work)
        self.work = work
        let artifacts = ArtifactService(
            storage: storage, memoryBudget: configuration.memoryCacheBytes,
            budget: ArtifactBudget(storage: storage, budget: configuration.storageBudget, logger: logger), logger: logger)
        catalog = CatalogService(storage: storage)
        recommendations = RecommendationService(configuration: configuration.recommender, storage: storage, work: work, logger: logger)
        imports = ImportService(storage: storage, recommendations: recommendations, directories: directories, logger: logger)
        users = UserService(storage: storage, recommendations: recommendations, logger: logger)
        keys = KeyService(storage: storage, logger: logger)
        voice = VoiceService(voice: configuration.voice, artifacts: artifacts)
        let speech = SpeechService(
            artifacts: artifacts, work: work, remote: configuration.speechServer.map { OpenAICompatibleSpeech(settings: $0) }, logger: logger)
        ambience = AmbienceService(artifacts: artifacts, work: work)
        dialogues = DialogueService(grammars: grammars, catalog: catalog, voice: voice, speech: speech, artifacts: artifacts, work: work, logger: logger)
        scenes = SceneService(
            stager: stager, grammars: grammars, catalog: catalog, dialogues: dialogues, voice: voice, recommendations: recommendations,
            artifacts: artifacts, work: work, logger: logger)
        previews = PreviewService(scenes: scenes, renderer: renderer, artifacts: artifacts, work: work, logger: logger)
        filmText = FilmTextService(catalog: catalog, storage: storage, grammars: grammars, answerer: answerer, voice: voice)
        chat = ChatService(dialogues: dialogues, catalog: catalog, storage: storage, answerer: answerer, voice: voice)
        museums = MuseumService(storage: storage, catalog: catalog, artifacts: artifacts, work: work, directories: directories, logger: logger)
        tours = TourService(
            storage: storage, catalog: catalog, museums: museums, recommendations: recommendations, voice: voice,
            speech: speech, grammars: grammars,
            renderer: renderer, artifacts: artifacts, work: work, logger: logger)
    }

    /// Loads the sample catalog into an empty store, and the sample museums it lacks.
    @discardableResult
    public func seedIfEmpty() async throws -> SeedReport {
        let report = try await imports.seedSampleCatalog()
        try await museums.seedSampleMuseums()
        return report
    }

    /// Makes the recommender ready to serve: installs the newest published model, or fits one
    /// when none covers the stored events (waiting for another replica fitting the same).
    @discardableResult
    public func prepareRecommender() async throws -> ModelSnapshot? {
        try await studioErrors {
            try await recommendations.fitter.installLatest()
            guard try await storage.events.count() > 0 else { return await recommendations.currentSnapshot() }
            return try await recommendations.fitter.refit(wait: .seconds(300), reuseCurrent: true).snapshot
        }
    }

    /// The background work that runs beside a server: refits and notices from other replicas.
    public var services: [any Service] { [RefitService(recommendations: recommendations)] }

    /// How many films, users, events and artifacts the store holds (for summaries).
    public func counts() async throws -> StoreCounts { try await studioErrors { try await storage.counts() } }

    /// What `/healthz` reports: the store answers and which model serves.
    public func health() async throws -> StudioHealth {
        try await studioErrors {
            StudioHealth(
                status: "ok", storage: storage.engineName, films: try await storage.films.count(), modelVersion: await recommendations.currentSnapshot()?.version)
        }
    }
}

/// The state `/healthz` reports. No personal data: no user counts.
public struct StudioHealth: Sendable, Encodable {
    public var status: String
    /// `sqlite` or `postgresql`.
    public var storage: String
    public var films: Int
    /// The installed recommender version (nil before the first fit).
    public var modelVersion: Int?
}
