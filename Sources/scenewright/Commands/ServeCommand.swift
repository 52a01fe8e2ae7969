import ArgumentParser
import ContentServer
import Foundation
import Logging
import Recommender
import Studio

/// `scenewright serve`: runs the HTTP API.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the HTTP API.",
        discussion: "On an empty database the server first loads the sample catalog from Assets/catalog and says so. Stop it with Ctrl-C or SIGTERM; in-flight requests finish first.")

    @OptionGroup var data: DataOptions

    @Option(help: "Address to listen on.")
    var host: String = "127.0.0.1"

    @Option(help: "Port to listen on (0 picks a free port).")
    var port: Int = 8080

    @Option(help: ArgumentHelp("Ranking model for recommendations: \(AlgorithmCatalog.names.joined(separator: ", ")).", valueName: "name"))
    var recommender: String = "default"

    @Option(help: "Refit the recommender in the background after this many new feedback events.")
    var refitAfter: Int = 200

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
        guard AlgorithmCatalog.names.contains(recommender) else {
            throw ValidationError("unknown --recommender '\(recommender)'; expected one of \(AlgorithmCatalog.names.joined(separator: ", "))")
        }
        guard refitAfter >= 1 else { throw ValidationError("--refit-after must be at least 1") }
    }

    func run() async throws {
        let studio = try data.openStudio(recommender: .init(algorithm: recommender, refitAfterEvents: refitAfter))
        let seed = try await studio.seedIfEmpty()
        if seed.seeded {
            note("seeded the empty database \(data.db) with \(seed.films) films and \(seed.users) users from \(studio.sampleCatalogDirectory.path)")
        }
        if let model = try await studio.refitRecommender() {
            note("recommender: \(model.algorithm) fitted on \(model.eventCount) events in \(String(format: "%.2f", model.fitSeconds)) s")
        } else {
            note("recommender: no feedback yet; recommendations use profiles and film metadata until events arrive")
        }
        try await ContentServer.run(
            studio: studio, configuration: ServerConfiguration(host: host, port: port), logger: studio.logger,
            onServerRunning: { port in note("Scenewright listening on http://\(host):\(port)") })
    }
}
