import ArgumentParser
import ContentServer
import Foundation
import Logging
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

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
    }

    func run() async throws {
        let studio = try data.openStudio()
        let seed = try await studio.seedIfEmpty()
        if seed.seeded {
            note("seeded the empty database \(data.db) with \(seed.films) films and \(seed.users) users from \(studio.sampleCatalogDirectory.path)")
        }
        try await ContentServer.run(
            studio: studio, configuration: ServerConfiguration(host: host, port: port), logger: studio.logger,
            onServerRunning: { port in note("Scenewright listening on http://\(host):\(port)") })
    }
}
