import Catalog
import Foundation
import Logging
import Preview
import Staging
import Store

/// The application services every front end (HTTP server, CLI) calls: catalog queries,
/// imports, and later recommendation and generation with caching.
public final class Studio: Sendable {
    public let store: Store
    public let directories: DataDirectories
    public let logger: Logger
    /// The fitted recommender and its background refits.
    public let recommendations: RecommendationService
    /// Stages films as scenes, with the archetypes and props of the data folders.
    public let stager: Stager
    /// Renders scenes and maps to images, with the label font of the data folders.
    public let renderer: PreviewRenderer

    /// Opens the database at `databasePath` and checks the data folders.
    /// - Throws: ``StoreError`` or ``StudioError`` when either is unusable.
    public init(
        databasePath: String, directories: DataDirectories, recommender: RecommendationService.Configuration = .init(),
        logger: Logger = Logger(label: "scenewright")
    ) throws {
        self.store = try Store(path: databasePath)
        self.directories = directories
        do {
            self.stager = try Stager.load(scenes: directories.scenes, props: directories.assets.appendingPathComponent("props"))
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
