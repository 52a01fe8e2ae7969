import ArgumentParser
import Foundation
import Store
import Studio

/// `scenewright import movielens PATH` and `scenewright import catalog FILE`.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import films, users and ratings into the database.",
        subcommands: [MovieLens.self, JSONCatalog.self])

    struct MovieLens: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "movielens",
            abstract: "Import a MovieLens 100K or MovieLens latest directory (the layout is detected).",
            discussion: """
                Films that match catalog films (by MovieLens or IMDb id, or exact title and year) are merged into them,
                so imported ratings link to the curated records. Importing the same directory twice changes nothing.
                Malformed rows are reported with file and line number and skipped.
                """)

        @OptionGroup var data: DataOptions

        @Argument(help: ArgumentHelp("The MovieLens directory (u.item/u.data, or movies.csv/ratings.csv).", valueName: "path"))
        var path: String

        @Option(help: "How many skipped rows to list (0 lists none).")
        var showProblems: Int = 20

        func run() async throws {
            try await runImport(path: path, data: data, showProblems: showProblems)
        }
    }

    struct JSONCatalog: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "catalog",
            abstract: "Import a Scenewright JSON catalog file ({\"films\": [...], \"users\": [...]}).")

        @OptionGroup var data: DataOptions

        @Argument(help: ArgumentHelp("The JSON catalog file.", valueName: "file"))
        var path: String

        func run() async throws {
            try await runImport(path: path, data: data, showProblems: 20)
        }
    }
}

private func runImport(path: String, data: DataOptions, showProblems: Int) async throws {
    let studio = try await data.openStudio()
    let seed = try await studio.seedIfEmpty()
    if seed.seeded { note("seeded the empty database with \(seed.films) sample films and \(seed.users) sample users first") }
    let summary = try await studio.imports.importCatalog(at: path)
    for problem in summary.problems.prefix(max(0, showProblems)) { note("skipped \(problem)") }
    if summary.problems.count > showProblems { note("… and \(summary.problems.count - showProblems) more skipped rows") }
    print(summary.line)
    let counts = try await studio.counts()
    print("database users=\(counts.users) films=\(counts.films) events=\(counts.events) (new this run: users=\(summary.newUsers) films=\(summary.newFilms) events=\(summary.newEvents); merged into existing films: \(summary.mergedFilms))")
}
