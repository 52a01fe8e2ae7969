import ArgumentParser
import Catalog
import Foundation
import Recommender
import Studio

/// `scenewright recommend --user ID -k 10 [--algo NAME] [--explain]`.
struct RecommendCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recommend",
        abstract: "Recommend films for a user from the database's feedback.",
        discussion: "Fits the chosen model on every stored event, then ranks films for the user (collaborative scores blended with the profile's tastes and film metadata).")

    @OptionGroup var data: DataOptions

    @Option(help: "The user id.")
    var user: String

    @Option(name: .short, help: "How many films (1–100).")
    var k: Int = 10

    @Option(help: ArgumentHelp("Ranking model: \(AlgorithmCatalog.names.joined(separator: ", ")).", valueName: "name"))
    var algo: String = "default"

    @Flag(help: "Say why each film is recommended.")
    var explain = false

    @Flag(help: "Print JSON.")
    var json = false

    func validate() throws {
        guard (1...RecommendationLimits.maxK).contains(k) else { throw ValidationError("-k must be between 1 and \(RecommendationLimits.maxK)") }
        guard AlgorithmCatalog.names.contains(algo) else { throw ValidationError("unknown --algo '\(algo)'; expected one of \(AlgorithmCatalog.names.joined(separator: ", "))") }
    }

    func run() async throws {
        let studio = try await data.openStudio(configuration: StudioConfiguration(recommender: .init(algorithm: algo)))
        try await studio.seedIfEmpty()
        try await studio.recommendations.fitLocally()
        let list = try await studio.recommendations.recommendations(userId: user, k: k, explain: explain)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(list), as: UTF8.self))
            return
        }
        for (rank, item) in list.items.enumerated() {
            let year = item.year.map { " (\($0))" } ?? ""
            print("\(rank + 1).\t\(item.filmId)\t\(item.title)\(year)\t\(String(format: "%.3f", item.score))")
            if let why = item.explanation {
                var reasons: [String] = []
                if !why.because.isEmpty { reasons.append("because of " + why.because.prefix(3).map(\.title).joined(separator: ", ")) }
                if let users = why.similarUsers { reasons.append("\(users) similar users") }
                if !why.likedGenres.isEmpty { reasons.append("you like " + why.likedGenres.map(\.spokenName).joined(separator: " and ")) }
                if reasons.isEmpty, let popularity = why.popularity { reasons.append("popular with \(popularity) users") }
                print("\t[\(why.basis)] " + (reasons.isEmpty ? "no specific reason" : reasons.joined(separator: "; ")))
            }
        }
        note("model: \(list.algorithm ?? "none (cold start)"); evidence: \(list.evidence) films; collaborative weight \(String(format: "%.2f", list.collaborativeWeight))")
    }
}
