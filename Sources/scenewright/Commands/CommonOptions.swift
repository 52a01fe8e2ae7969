import ArgumentParser
import Foundation
import Logging
import PostgresStore
import SQLiteStore
import Store
import Studio
import Voice

/// Options every data command shares: the database and the data folders.
struct DataOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "SQLite database file (created if missing), or postgres://user@host:port/database?sslmode=disable|require (password from $SCENEWRIGHT_DB_PASSWORD).",
            valueName: "path|url"))
    var db: String = "./scenewright.sqlite"

    @Option(name: .long, help: ArgumentHelp("Assets folder (sample catalog, grammars, props…). Default: $SCENEWRIGHT_ASSETS, ./Assets, or the repository's.", valueName: "dir"))
    var assets: String?

    @Option(name: .long, help: ArgumentHelp("Scene archetypes folder. Default: $SCENEWRIGHT_SCENES, ./Scenes, or the repository's.", valueName: "dir"))
    var scenes: String?

    @Option(name: .long, help: "Log level: trace, debug, info, notice, warning, error, critical.")
    var logLevel: Logger.Level = .info

    func validate() throws {
        if PostgresLocation.isPostgresURL(db) {
            do { _ = try PostgresLocation(url: db) } catch let error as StoreError { throw ValidationError("--db: \(error.message)") }
        }
    }

    /// The logger every command writes to standard error with.
    func logger(label: String = "scenewright") -> Logger {
        var logger = Logger(label: label)
        logger.logLevel = logLevel
        return logger
    }

    /// Opens the storage `--db` names: a PostgreSQL URL or a SQLite file.
    func openStorage(logger: Logger) async throws -> any StorageEngine {
        if PostgresLocation.isPostgresURL(db) {
            return try await PostgresStorage(
                try PostgresLocation(url: db), password: ProcessInfo.processInfo.environment["SCENEWRIGHT_DB_PASSWORD"], logger: logger)
        }
        return try SQLiteStorage(path: db)
    }

    /// Opens the studio: storage, data folders and logger.
    func openStudio(label: String = "scenewright", configuration: StudioConfiguration = .init()) async throws -> Studio {
        let logger = logger(label: label)
        let directories = try DataDirectories.resolve(assets: assets, scenes: scenes)
        let storage = try await openStorage(logger: logger)
        return try Studio(storage: storage, directories: directories, configuration: configuration, logger: logger)
    }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}

/// Prints to standard error (progress and notes), keeping standard output for results.
func note(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}
