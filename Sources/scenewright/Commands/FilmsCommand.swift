import ArgumentParser
import Catalog
import Foundation
import Store
import Studio

/// `scenewright films search TEXT`.
struct FilmsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "films", abstract: "Look up films in the catalog.", subcommands: [Search.self])

    struct Search: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "search", abstract: "Search films by title (case- and accent-insensitive substring).")

        @OptionGroup var data: DataOptions

        @Argument(help: "Text to look for in titles.")
        var text: String

        @Option(help: "Only films of this genre.")
        var genre: String?

        @Option(help: "How many results to show (1–100).")
        var limit: Int = 20

        @Flag(help: "Print JSON instead of a table.")
        var json = false

        func validate() throws {
            guard (1...QueryLimits.maxPageSize).contains(limit) else { throw ValidationError("--limit must be between 1 and \(QueryLimits.maxPageSize)") }
            if let genre, Genre(label: genre) == nil {
                throw ValidationError("unknown genre '\(genre)'; expected one of \(Genre.allCases.map(\.rawValue).joined(separator: ", "))")
            }
        }

        func run() async throws {
            let studio = try await data.openStudio()
            try await studio.seedIfEmpty()
            let page = try await studio.catalog.searchFilms(FilmQuery(text: text, genre: genre.flatMap(Genre.init(label:)), pageSize: limit))
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
                print(String(decoding: try encoder.encode(page.items), as: UTF8.self))
                return
            }
            for film in page.items {
                let year = film.year.map { " (\($0))" } ?? ""
                print("\(film.id)\t\(film.title)\(year)\t\(film.genres.map(\.rawValue).joined(separator: "|"))")
            }
            note("\(page.items.count) of \(page.total) matching films")
        }
    }
}
