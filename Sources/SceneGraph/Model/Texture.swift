import Foundation

/// An image a material samples, as the PNG bytes glTF embeds (a renderer that needs pixels
/// decodes them). Texture coordinates follow glTF: (0, 0) is the image's top-left corner.
public struct Texture: Sendable, Hashable {
    public var name: String
    public var width: Int
    public var height: Int
    public var png: Data

    public init(name: String, width: Int, height: Int, png: Data) {
        self.name = name
        self.width = width
        self.height = height
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
