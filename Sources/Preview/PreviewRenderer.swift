import Determinism
import Foundation
import SceneGraph

/// Renders any scene graph to an image: a perspective view from the visitor's eye, or a plan
/// seen from above with markers, labels and routes. No GPU, no external renderer.
public struct PreviewRenderer: Sendable {
    /// The two kinds of preview.
    public enum View: String, Sendable, CaseIterable {
        case perspective, plan
    }

    /// Everything that shapes an image.
    public struct Options: Sendable, Equatable {
        public var width: Int
        public var height: Int
        /// Samples per pixel along each axis (2 means 2×2).
        public var supersampling: Int
        /// Threads for rasterizing and shading; the image is the same for any count.
        public var threads: Int
        public var shading: ShadingOptions
        /// Plan views show only what is below this height (the ceiling is left out).
        public var cutHeight: Float
        /// Shadow maps for spot, directional and the strongest point lights.
        public var shadows: Bool

        public init(width: Int = 960, height: Int = 540, supersampling: Int = 2, threads: Int = 0, shading: ShadingOptions = ShadingOptions(), cutHeight: Float = 2.2, shadows: Bool = true) {
            self.width = width
            self.height = height
            self.supersampling = supersampling
            self.threads = threads
            self.shading = shading
            self.cutHeight = cutHeight
            self.shadows = shadows
        }

        public static func == (a: Options, b: Options) -> Bool {
            a.width == b.width && a.height == b.height && a.supersampling == b.supersampling && a.threads == b.threads
                && a.shading == b.shading && a.cutHeight == b.cutHeight && a.shadows == b.shadows
        }
    }

    /// Limits on image size; requests outside them are errors.
    public static let sizeRange = 16...2048
    public static let supersamplingRange = 1...4

    public let font: BitmapFont

    public init(font: BitmapFont) {
        self.font = font
    }

    /// Loads the label font from `Assets/fonts/spleen-8x16.json`.
    public static func load(fonts directory: URL) throws -> PreviewRenderer {
        PreviewRenderer(font: try BitmapFont.load(directory.appendingPathComponent("spleen-8x16.json")))
    }

    /// Renders `scene`.
    /// - Throws: ``PreviewError`` for sizes outside ``sizeRange`` or supersampling outside ``supersamplingRange``.
    public func render(_ scene: Scene, view: View, options: Options = Options(), overlay: PlanOverlay? = nil, camera explicit: ViewCamera? = nil) throws -> RGBAImage {
        guard Self.sizeRange.contains(options.width), Self.sizeRange.contains(options.height) else {
            throw PreviewError("width and height must each be between \(Self.sizeRange.lowerBound) and \(Self.sizeRange.upperBound) pixels")
        }
        guard Self.supersamplingRange.contains(options.supersampling) else { throw PreviewError("supersampling must be 1–4") }
        let flat = FlatScene(scene)
        let camera = explicit ?? Self.defaultCamera(for: scene, flat: flat, view: view, options: options)
        let threads = options.threads == 0 ? Parallel.defaultThreads : options.threads
        let s = options.supersampling
        let (sw, sh) = (options.width * s, options.height * s)
        let triangles = Rasterizer.setup(flat, camera: camera, width: sw, height: sh)
        let visibility = Rasterizer.visibility(triangles, width: sw, height: sh, threads: threads)
        var shading = options.shading
        if view == .plan { shading.ambient = max(shading.ambient, 0.3) }
        let shadowMaps = options.shadows ? ShadowMaps.render(flat, threads: threads) : ShadowMaps.none(lights: flat.lights.count)
        var image = Shading.resolve(
            ids: visibility.ids, triangles: triangles, flat: flat, shadowMaps: shadowMaps, width: options.width, height: options.height, supersampling: s,
            camera: camera, options: shading, threads: threads)
        if view == .plan {
            image = (overlay ?? PlanOverlay()).draw(on: image, scene: scene, camera: camera, font: font)
        }
        return image
    }

    /// The default camera: from the spawn point at eye height (1.6 m) with a 60° vertical field
    /// of view looking into the room, or a plan from above fitted to the scene.
    public static func defaultCamera(for scene: Scene, view: View, options: Options = Options()) -> ViewCamera {
        defaultCamera(for: scene, flat: FlatScene(scene), view: view, options: options)
    }

    static func defaultCamera(for scene: Scene, flat: FlatScene, view: View, options: Options) -> ViewCamera {
        let (low, high) = flat.bounds
        let center = (low + high) / 2
        switch view {
        case .perspective:
            if let (node, world) = scene.annotated(.spawn).first {
                var eyeHeight: Float = 1.6
                if case .number(let value)? = node.annotation?.properties["eyeHeight"] { eyeHeight = Float(value) }
                var forward = Vec3(0, 0, -1)
                if case .array(let values)? = node.annotation?.properties["forward"], values.count == 3,
                   case .number(let x) = values[0], case .number(let y) = values[1], case .number(let z) = values[2] {
                    forward = Vec3(Float(x), Float(y), Float(z))
                }
                forward = normalize(world.direction(forward))
                let tilted = normalize(forward - Vec3(0, 0.12, 0))
                return ViewCamera(eye: world.point(.zero) + Vec3(0, eyeHeight, 0), forward: tilted, projection: .perspective(yfov: .pi / 3, near: 0.05))
            }
            let eye = Vec3(center.x, 1.6, high.z + max(high.x - low.x, high.z - low.z) * 0.6)
            return ViewCamera(eye: eye, forward: Vec3(center.x, 0.8, center.z) - eye, projection: .perspective(yfov: .pi / 3, near: 0.05))
        case .plan:
            let aspect = Float(options.width) / Float(options.height)
            let halfWidth = max((high.x - low.x) / 2, (high.z - low.z) / 2 * aspect) * 1.04 + 0.2
            return ViewCamera(eye: Vec3(center.x, options.cutHeight, center.z), forward: Vec3(0, -1, 0), up: Vec3(0, 0, -1),
                              projection: .orthographic(halfWidth: halfWidth, near: 0))
        }
    }

    /// Supersamples covered by each number of triangles (test mode for the fill rule).
    public static func coverageCounts(_ scene: Scene, camera: ViewCamera, width: Int, height: Int, cullBackFaces: Bool = true) -> [UInt8] {
        let triangles = Rasterizer.setup(FlatScene(scene), camera: camera, width: width, height: height, cullBackFaces: cullBackFaces)
        return Rasterizer.coverage(triangles, width: width, height: height)
    }
}
