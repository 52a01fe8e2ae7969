import ArgumentParser
import Foundation
import Logging
import Store
import Studio
import Voice

/// Options every data command shares: the database and the data folders.
struct DataOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("SQLite database file (created if missing).", valueName: "path"))
    var db: String = "./scenewright.sqlite"

    @Option(name: .long, help: ArgumentHelp("Assets folder (sample catalog, grammars, props…). Default: $SCENEWRIGHT_ASSETS, ./Assets, or the repository's.", valueName: "dir"))
    var assets: String?

    @Option(name: .long, help: ArgumentHelp("Scene archetypes folder. Default: $SCENEWRIGHT_SCENES, ./Scenes, or the repository's.", valueName: "dir"))
    var scenes: String?

    @Option(name: .long, help: "Log level: trace, debug, info, notice, warning, error, critical.")
    var logLevel: Logger.Level = .info

    /// Opens the studio: database, data folders and logger.
    func openStudio(
        label: String = "scenewright", recommender: RecommendationService.Configuration = .init(), artifactCacheBytes: Int = Store.defaultArtifactCacheBytes,
        voice: Voice = .off
    ) throws -> Studio {
        var logger = Logger(label: label)
        logger.logLevel = logLevel
        let directories = try DataDirectories.resolve(assets: assets, scenes: scenes)
        return try Studio(databasePath: db, directories: directories, recommender: recommender, logger: logger, artifactCacheBytes: artifactCacheBytes, voice: voice)
    }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}

/// Prints to standard error (progress and notes), keeping standard output for results.
func note(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}
