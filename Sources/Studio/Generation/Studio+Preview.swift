import Foundation
import Logging
import Preview
import SceneGraph
import Store

/// Every input that shapes a preview image; its SHA-256 is the image's artifact id.
struct PreviewInputs: Encodable {
    var kind = "preview"
    var renderer = PreviewService.version
    var scene: String
    var view: String
    var width: Int
    var height: Int
    var supersampling: Int
}

/// Preview settings and limits.
public enum PreviewService {
    /// Changes whenever rendering changes, so cached previews are not served for new output.
    public static let version = "scenewright-preview/1"
    public static let defaultWidth = 960
    public static let defaultHeight = 540
    public static let supersampling = 2
}

/// The part of a stored scene document that shapes its plan view.
private struct SceneRoomHeader: Decodable {
    struct Room: Decodable {
        var height: Float
        var enclosure: String
    }
    var room: Room
    var film: Film
    struct Film: Decodable { var title: String }
}

extension Studio {
    /// The preview PNG of a stored scene, rendered once and then served from the artifact store.
    /// - Throws: ``StudioError`` `.notFound` for an unknown scene, `.invalidInput` for a size outside 16–2048.
    public func preview(sceneId: String, view: PreviewRenderer.View, width: Int, height: Int) async throws -> Artifact {
        for (name, value) in [("width", width), ("height", height)] where !PreviewRenderer.sizeRange.contains(value) {
            throw StudioError(.invalidInput, "\(name) must be between \(PreviewRenderer.sizeRange.lowerBound) and \(PreviewRenderer.sizeRange.upperBound) (got \(value))", parameter: name)
        }
        let glb = try await sceneArtifact(id: sceneId, format: .glb)
        let (id, canonical) = try ArtifactID.make(PreviewInputs(scene: sceneId, view: view.rawValue, width: width, height: height, supersampling: PreviewService.supersampling))
        if let cached = try await store.artifacts.artifact(id: id) {
            StudioMetrics.cache("preview", hit: true)
            return cached
        }
        StudioMetrics.cache("preview", hit: false)
        let started = ContinuousClock.now
        let header = try JSONDecoder().decode(SceneRoomHeader.self, from: try await sceneArtifact(id: sceneId, format: .json).bytes)
        // Plans of closed rooms are cut below the ceiling; open rooms are seen whole.
        let cut: Float = header.room.enclosure == "walls" ? min(2.2, header.room.height - 0.3) : 50
        let renderer = self.renderer
        let options = PreviewRenderer.Options(width: width, height: height, supersampling: PreviewService.supersampling, cutHeight: cut)
        let overlay = PlanOverlay(title: header.film.title)
        let png = try await offloaded {
            let scene = try GLTFImporter.read(glb.bytes)
            return try PNG.encode(try renderer.render(scene, view: view, options: options, overlay: overlay))
        }
        let artifact = Artifact(id: id, kind: "preview.png", contentType: "image/png", bytes: png, inputs: String(decoding: canonical, as: UTF8.self), userId: glb.userId)
        try await store.artifacts.put(artifact)
        StudioMetrics.generated("preview", since: started)
        logger.info("preview rendered", metadata: ["scene": "\(sceneId)", "view": "\(view.rawValue)", "size": "\(width)x\(height)", "bytes": "\(png.count)"])
        return artifact
    }

    /// Runs CPU-heavy work (rendering, fitting) on a utility queue, off the cooperative pool
    /// that serves requests.
    func offloaded<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global(qos: .utility).async { continuation.resume(with: Result { try work() }) }
        }
    }
}
