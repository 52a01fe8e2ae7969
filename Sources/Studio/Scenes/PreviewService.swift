import Foundation
import Logging
import Preview
import SceneGraph
import Staging
import Store

/// Preview settings and limits.
public enum PreviewSettings {
    /// Changes whenever rendering changes, so cached previews are not served for new output.
    public static let version = "scenewright-preview/2"
    public static let defaultWidth = 960
    public static let defaultHeight = 540
    /// Samples per pixel along each axis for images within ``sampleBudget``.
    public static let supersampling = 2
    /// Most samples one preview may take (2048 × 2048 × 1): larger sizes render without
    /// supersampling, so a 2048 × 2048 preview costs what a 1024 × 1024 one at 2×2 does, about
    /// 100 MB of working memory.
    public static let sampleBudget = 2048 * 2048

    /// The supersampling for a `width` × `height` image: 2×2 within the sample budget, else 1×1.
    public static func supersampling(width: Int, height: Int) -> Int {
        width * height * supersampling * supersampling <= sampleBudget ? supersampling : 1
    }
}

/// A request for a scene's preview image, checked once.
public struct PreviewRequest: Sendable {
    public var sceneId: String
    public var view: PreviewRenderer.View
    public var width: Int
    public var height: Int

    public init(sceneId: String, view: PreviewRenderer.View = .perspective, width: Int = PreviewSettings.defaultWidth, height: Int = PreviewSettings.defaultHeight) {
        self.sceneId = sceneId
        self.view = view
        self.width = width
        self.height = height
    }

    /// - Throws: ``StudioError`` `.invalidInput` for a size outside 16–2048.
    func validate() throws {
        for (name, value) in [("width", width), ("height", height)] where !PreviewRenderer.sizeRange.contains(value) {
            throw StudioError(
                .invalidInput, "\(name) must be between \(PreviewRenderer.sizeRange.lowerBound) and \(PreviewRenderer.sizeRange.upperBound) (got \(value))",
                parameter: name)
        }
    }
}

/// Every input that shapes a preview image; its SHA-256 is the image's artifact id.
struct PreviewInputs: Codable, Sendable {
    var kind = "preview"
    var renderer = PreviewSettings.version
    var scene: String
    var view: String
    var width: Int
    var height: Int
    var supersampling: Int
    /// The scene's owner: a personal scene's previews are personal too.
    var owner: String?
}

/// Renders a stored scene to PNG with our rasterizer, from the staged scene value (re-staged
/// from the scene's recorded inputs), and stores each size as its own artifact.
public final class PreviewService: Sendable {
    let scenes: SceneService
    let renderer: PreviewRenderer
    let artifacts: ArtifactService
    let work: WorkQueue
    let logger: Logger
    let recipe: RecipeKind<PreviewInputs>

    init(scenes: SceneService, renderer: PreviewRenderer, artifacts: ArtifactService, work: WorkQueue, logger: Logger) {
        self.scenes = scenes
        self.renderer = renderer
        self.artifacts = artifacts
        self.work = work
        self.logger = logger
        recipe = RecipeKind(name: "preview", owner: { $0.owner }) { [scenes, renderer, artifacts, work] inputs in
            try await Self.render(inputs, scenes: scenes, renderer: renderer, artifacts: artifacts, work: work)
        }
        artifacts.register(recipe)
    }

    /// The preview PNG of a stored scene, rendered once and then served from the artifact store.
    /// - Throws: ``StudioError`` `.notFound` for an unknown scene, `.invalidInput` for a size outside 16–2048.
    public func preview(_ request: PreviewRequest) async throws -> ServedArtifact {
        try await studioErrors {
            try request.validate()
            let scene = try await scenes.scene(id: request.sceneId, format: .json)
            let inputs = PreviewInputs(
                scene: request.sceneId, view: request.view.rawValue, width: request.width, height: request.height,
                supersampling: PreviewSettings.supersampling(width: request.width, height: request.height), owner: scene.owner)
            let (artifact, created) = try await artifacts.obtain(recipe, inputs)
            if created {
                logger.info("preview rendered", metadata: ["scene": "\(request.sceneId)", "view": "\(request.view.rawValue)", "size": "\(request.width)x\(request.height)"])
            }
            return artifact
        }
    }

    private static func render(
        _ inputs: PreviewInputs, scenes: SceneService, renderer: PreviewRenderer, artifacts: ArtifactService, work: WorkQueue
    ) async throws -> [GeneratedFile] {
        guard inputs.renderer == PreviewSettings.version, let view = PreviewRenderer.View(rawValue: inputs.view) else {
            throw StudioError(.notFound, "this preview was rendered by an earlier version of Scenewright; request it again")
        }
        guard let recipe = try await artifacts.storage.artifacts.recipe(id: inputs.scene), recipe.kind == scenes.recipe.name else {
            throw StudioError(.notFound, "no scene with id '\(inputs.scene.prefix(80))'")
        }
        let staged = try await scenes.stagedScene(try JSONDecoder().decode(SceneInputs.self, from: Data(recipe.inputs.utf8)))
        let room = staged.document.room
        // Plans of closed rooms are cut below the ceiling; open rooms are seen whole.
        let cut: Float = room.enclosure == "walls" ? min(2.2, Float(room.height) - 0.3) : 50
        // One thread per job: the work queue runs jobs side by side on its own (lower-priority)
        // threads; the image is the same whatever the thread count.
        let options = PreviewRenderer.Options(width: inputs.width, height: inputs.height, supersampling: inputs.supersampling, threads: 1, cutHeight: cut)
        let overlay = PlanOverlay(title: staged.document.film.title)
        let png = try await work.run("preview") { try PNG.encode(try renderer.render(staged.scene, view: view, options: options, overlay: overlay)) }
        return [GeneratedFile(suffix: nil, kind: "preview.png", contentType: "image/png", bytes: png)]
    }
}
