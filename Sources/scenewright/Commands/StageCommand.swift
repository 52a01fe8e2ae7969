import ArgumentParser
import Catalog
import Foundation
import Store
import Studio

/// `scenewright stage --film ID|TITLE [--user ID] [--seed N] [--format json|glb|gltf|usdz …] --out DIR`.
struct StageCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stage",
        abstract: "Stage a film as an interactive scene and write scene.json, scene.glb, scene.gltf and scene.usdz.",
        discussion: "The same film, profile and seed always give the same scene (and the same id).")

    @OptionGroup var data: DataOptions

    @Option(help: "Film id or title.")
    var film: String

    @Option(help: "Stage for this user's profile (default: an anonymous adult).")
    var user: String?

    @Option(help: "Seed for the choices the stager makes.")
    var seed: UInt64 = 1

    @Option(help: "Write only these formats (json, glb, gltf, usdz; repeatable). Default: all of them.")
    var format: [SceneFormat] = []

    @Option(help: "Directory to write the files to (created if missing).")
    var out: String

    func run() async throws {
        let studio = try await data.openStudio()
        try await studio.seedIfEmpty()
        let filmId = try await resolveFilm(film, in: studio)
        let summary = try await studio.scenes.stage(StageRequest(filmId: filmId, userId: user, seed: seed))
        let directory = URL(fileURLWithPath: out)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let formats = format.isEmpty ? SceneFormat.allCases : format
        var written: [String] = []
        for format in SceneFormat.allCases where formats.contains(format) {
            let artifact = try await studio.scenes.scene(id: summary.id, format: format)
            try artifact.bytes.write(to: directory.appendingPathComponent("scene.\(format.rawValue)"))
            written.append("scene.\(format.rawValue)")
        }
        print("staged \(summary.title) in \(summary.archetype): scene \(summary.id)")
        note("wrote \(written.joined(separator: ", ")) to \(directory.path)")
    }
}

/// A film id, or the film whose title matches `text` (exactly, else uniquely by substring).
func resolveFilm(_ text: String, in studio: Studio) async throws -> String {
    if Identifier.isValid(text), (try? await studio.catalog.film(id: text)) != nil { return text }
    let page = try await studio.catalog.searchFilms(FilmQuery(text: text, pageSize: 20))
    if let exact = page.items.first(where: { $0.title.caseInsensitiveCompare(text) == .orderedSame }) { return exact.id }
    guard page.items.count == 1 else {
        let choices = page.items.prefix(8).map { "\($0.id) (\($0.title))" }.joined(separator: ", ")
        throw ValidationError(page.items.isEmpty ? "no film matches '\(text)'" : "'\(text)' matches several films: \(choices)")
    }
    return page.items[0].id
}

extension SceneFormat: ExpressibleByArgument {}
