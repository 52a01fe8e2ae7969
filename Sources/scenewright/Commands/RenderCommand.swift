import ArgumentParser
import Foundation
import Preview
import Studio

/// `scenewright render --scene ID|--film ID [--view plan] [--size 1280x720] --out FILE.png`.
struct RenderCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Render a preview PNG of a staged scene (or of a film, staged first).")

    @OptionGroup var data: DataOptions

    @Option(help: "A stored scene id.")
    var scene: String?

    @Option(help: "A film id or title to stage (anonymous adult, seed 1) and render.")
    var film: String?

    @Option(help: "perspective or plan.")
    var view: String = "perspective"

    @Option(help: "Image size WIDTHxHEIGHT, each 16–2048.")
    var size: String = "960x540"

    @Option(help: "The PNG file to write.")
    var out: String

    var dimensions: (Int, Int)? {
        let parts = size.lowercased().split(separator: "x").compactMap { Int($0) }
        return parts.count == 2 ? (parts[0], parts[1]) : nil
    }

    func validate() throws {
        guard (scene == nil) != (film == nil) else { throw ValidationError("give exactly one of --scene and --film") }
        guard PreviewRenderer.View(rawValue: view) != nil else { throw ValidationError("--view must be perspective or plan") }
        guard let (w, h) = dimensions, PreviewRenderer.sizeRange.contains(w), PreviewRenderer.sizeRange.contains(h) else {
            throw ValidationError("--size must be WIDTHxHEIGHT with each between 16 and 2048 (got '\(size)')")
        }
    }

    func run() async throws {
        let studio = try await data.openStudio()
        try await studio.seedIfEmpty()
        var sceneId = scene ?? ""
        if let film {
            sceneId = try await studio.scenes.stage(StageRequest(filmId: try await resolveFilm(film, in: studio))).id
        }
        let (w, h) = dimensions!
        let artifact = try await studio.previews.preview(PreviewRequest(sceneId: sceneId, view: PreviewRenderer.View(rawValue: view)!, width: w, height: h))
        try artifact.bytes.write(to: URL(fileURLWithPath: out))
        print("wrote \(out) (\(w)x\(h) \(view), \(artifact.bytes.count) bytes) for scene \(sceneId)")
    }
}
