import Foundation

/// Writes a ``Scene`` as OpenUSD for Apple devices (AR Quick Look, RealityKit, Reality
/// Composer) and any other USD client: a `.usdz` package whose root layer `scene.usda` is
/// followed by the scene's textures as PNG files. Deterministic: the same scene gives the same
/// bytes. What the stage contains is described on ``USDAWriter``.
public enum USDExporter {
    /// The name of the root layer inside the package.
    public static let rootLayer = "scene.usda"

    /// The USDZ package.
    public static func usdz(_ scene: Scene) -> Data {
        let paths = texturePaths(scene)
        var entries = [StoredZip.Entry(path: rootLayer, data: Data(USDAWriter.layer(scene, texturePaths: paths).utf8))]
        for (texture, path) in zip(scene.textures, paths) { entries.append(.init(path: path, data: texture.png)) }
        return StoredZip.pack(entries, alignment: StoredZip.usdzAlignment)
    }

    /// The root layer alone, for reading (its texture paths point into the package).
    public static func usda(_ scene: Scene) -> String {
        USDAWriter.layer(scene, texturePaths: texturePaths(scene))
    }

    /// `textures/0-name.png`, … : the index keeps paths unique whatever the names are.
    static func texturePaths(_ scene: Scene) -> [String] {
        scene.textures.enumerated().map { index, texture in "textures/\(index)-\(USDAText.identifier(texture.name)).png" }
    }
}
