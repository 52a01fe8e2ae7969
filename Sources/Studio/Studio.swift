import Catalog
import Foundation
import Logging
import Narrative
import Preview
import Staging
import Store
import Voice

/// The application services every front end (HTTP server, CLI) calls: catalog queries,
/// imports, and later recommendation and generation with caching.
public final class Studio: Sendable {
    public let store: Store
    public let directories: DataDirectories
    public let logger: Logger
    /// The fitted recommender and its background refits.
    public let recommendations: RecommendationService
    /// The grammars of `Assets/grammars/`, checked when loaded.
    public let grammars: GrammarLibrary
    /// Stages films as scenes, with the archetypes and props of the data folders.
    public let stager: Stager
    /// Writes conversations with film characters.
    public let dialogues: DialogueGenerator
    /// Answers questions about a film from its record.
    public let answerer: FilmQuestionAnswerer
    /// Renders scenes and maps to images, with the label font of the data folders.
    public let renderer: PreviewRenderer
    /// The optional language model (``Voice/off`` unless `serve --llm-url` configures one).
    public let voice: Voice

    /// Opens the database at `databasePath` and checks the data folders. `artifactCacheBytes`
    /// bounds the memory kept for recently served public artifacts.
    /// - Throws: ``StoreError`` or ``StudioError`` when either is unusable.
    public init(
        databasePath: String, directories: DataDirectories, recommender: RecommendationService.Configuration = .init(),
        logger: Logger = Logger(label: "scenewright"), artifactCacheBytes: Int = Store.defaultArtifactCacheBytes, voice: Voice = .off
    ) throws {
        self.voice = voice
        self.store = try Store(path: databasePath, artifactCacheBytes: artifactCacheBytes)
        self.directories = directories
        do {
            self.grammars = try GrammarLibrary(directory: directories.assets.appendingPathComponent("grammars"))
            self.dialogues = DialogueGenerator(library: grammars)
            self.answerer = try FilmQuestionAnswerer(library: grammars)
        } catch {
            throw StudioError(.configuration, "cannot load the grammars: \(error)")
        }
        do {
            self.stager = try Stager.load(scenes: directories.scenes, props: directories.assets.appendingPathComponent("props"), grammars: grammars)
        } catch {
            throw StudioError(.configuration, "cannot load scene data: \(error)")
        }
        do {
            self.renderer = try PreviewRenderer.load(fonts: directories.assets.appendingPathComponent("fonts"))
        } catch {
            throw StudioError(.configuration, "cannot load the preview font: \(error)")
        }
        self.recommendations = RecommendationService(configuration: recommender)
        self.logger = logger
    }

    /// Where the sample catalog lives.
    public var sampleCatalogDirectory: URL { directories.assets.appendingPathComponent("catalog") }
}
