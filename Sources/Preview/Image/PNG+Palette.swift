import CPNG
import Foundation

/// An opaque image of at most 256 colours as palette indices: a text texture (ink on paper)
/// packs to 1 bit per pixel, a 24th of its RGB bytes, so libpng and zlib have that much less
/// to do and the GLB that much less to carry.
struct IndexedImage {
    let width: Int
    let height: Int
    /// One palette index per pixel, rows top to bottom.
    var indices: [UInt8]
    /// RGB triples, in order of first appearance (so the same image always gets the same bytes).
    var palette: [UInt8]

    var colourCount: Int { palette.count / 3 }
    /// The smallest depth PNG allows that holds every index.
    var bitDepth: Int32 { colourCount <= 2 ? 1 : colourCount <= 4 ? 2 : colourCount <= 16 ? 4 : 8 }

    /// Nil when the image has a pixel that is not opaque or more than 256 colours.
    init?(_ image: RGBAImage) {
        width = image.width
        height = image.height
        indices = [UInt8](repeating: 0, count: image.width * image.height)
        palette = []
        var known: [UInt32: UInt8] = [:]
        var last: (colour: UInt32, index: UInt8)? = nil
        let failed: Bool = image.pixels.withUnsafeBufferPointer { pixels in
            for pixel in 0..<(image.width * image.height) {
                guard pixels[pixel * 4 + 3] == 255 else { return true }
                let colour = UInt32(pixels[pixel * 4]) << 16 | UInt32(pixels[pixel * 4 + 1]) << 8 | UInt32(pixels[pixel * 4 + 2])
                if let last, last.colour == colour { indices[pixel] = last.index; continue }
                let index: UInt8
                if let seen = known[colour] {
                    index = seen
                } else {
                    guard known.count < 256 else { return true }
                    index = UInt8(known.count)
                    known[colour] = index
                    palette += [pixels[pixel * 4], pixels[pixel * 4 + 1], pixels[pixel * 4 + 2]]
                }
                indices[pixel] = index
                last = (colour, index)
            }
            return false
        }
        if failed { return nil }
    }
}

extension PNG {
    static func encode(_ image: IndexedImage, compressionLevel: Int) throws -> Data {
        var buffer = scenewright_png_buffer()
        var error = scenewright_png_error()
        let status = image.indices.withUnsafeBufferPointer { indices in
            image.palette.withUnsafeBufferPointer { palette in
                scenewright_png_encode_indexed(
                    indices.baseAddress, UInt32(image.width), UInt32(image.height), palette.baseAddress, Int32(image.colourCount),
                    image.bitDepth, Int32(compressionLevel), &buffer, &error)
            }
        }
        guard status == 0 else { throw PreviewError("libpng could not encode the palette image: \(message(&error.message))") }
        defer { scenewright_png_free(buffer.data) }
        return Data(bytes: buffer.data, count: buffer.size)
    }
}
