import Foundation

/// An image a material samples: 8-bit sRGB RGBA pixels (for renderers that read them, such as
/// the preview rasterizer) and the same image as PNG bytes (what glTF embeds). Texture
/// coordinates follow glTF: (0, 0) is the image's top-left corner.
public struct Texture: Sendable, Hashable {
    public var name: String
    public var width: Int
    public var height: Int
    /// Row-major, top row first, 4 bytes per pixel.
    public var pixels: [UInt8]
    public var png: Data

    public init(name: String, width: Int, height: Int, pixels: [UInt8], png: Data) {
        precondition(pixels.count == width * height * 4, "a texture needs width × height × 4 bytes")
        self.name = name
        self.width = width
        self.height = height
        self.pixels = pixels
        self.png = png
    }
}

extension Scene {
    /// The texture stored under `key`, made with `make` the first time (one image per distinct
    /// text, however many materials use it).
    public mutating func texture(key: String, _ make: () throws -> Texture) rethrows -> SceneIndex<Texture> {
        if let index = textureKeys[key] { return index }
        let index = SceneIndex<Texture>(textures.count)
        textures.append(try make())
        textureKeys[key] = index
        return index
    }

    public subscript(index: SceneIndex<Texture>) -> Texture { textures[index.rawValue] }
}
