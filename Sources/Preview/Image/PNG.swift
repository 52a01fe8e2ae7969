import CPNG
import Foundation

/// PNG encoding and decoding through libpng.
public enum PNG {
    /// Which channels to write.
    public enum Channels: Sendable { case rgb, rgba }

    /// libpng's row filters; `all` lets libpng choose per row.
    public enum Filter: String, Sendable, CaseIterable {
        case none, sub, up, average, paeth, all

        var flags: Int32 {
            switch self {
            case .none: return scenewright_png_filter_none
            case .sub: return scenewright_png_filter_sub
            case .up: return scenewright_png_filter_up
            case .average: return scenewright_png_filter_avg
            case .paeth: return scenewright_png_filter_paeth
            case .all: return scenewright_png_all_filters
            }
        }
    }

    /// Encoding settings: zlib level 0–9, the row filter, and whether an opaque image of at most
    /// 256 colours is written as a palette image (1, 2, 4 or 8 bits per pixel, no row filter).
    public struct Options: Sendable, Equatable {
        public var channels: Channels
        public var compressionLevel: Int
        public var filter: Filter
        public var paletteWhenFewColours: Bool

        public init(channels: Channels = .rgb, compressionLevel: Int = 6, filter: Filter = .all, paletteWhenFewColours: Bool = false) {
            self.channels = channels
            self.compressionLevel = compressionLevel
            self.filter = filter
            self.paletteWhenFewColours = paletteWhenFewColours
        }
    }

    /// Encodes an image.
    /// - Throws: ``PreviewError`` with libpng's message when encoding fails or options are out of range.
    public static func encode(_ image: RGBAImage, options: Options = Options()) throws -> Data {
        guard (0...9).contains(options.compressionLevel) else { throw PreviewError("PNG compression level must be 0–9 (got \(options.compressionLevel))") }
        guard image.width > 0, image.height > 0 else { throw PreviewError("cannot encode an empty image") }
        if options.paletteWhenFewColours, let indexed = IndexedImage(image) { return try encode(indexed, compressionLevel: options.compressionLevel) }
        let bytes = options.channels == .rgb ? image.rgbBytes : image.pixels
        var buffer = scenewright_png_buffer()
        var error = scenewright_png_error()
        let status = bytes.withUnsafeBufferPointer { pixels in
            scenewright_png_encode(
                pixels.baseAddress, UInt32(image.width), UInt32(image.height), options.channels == .rgb ? 3 : 4,
                Int32(options.compressionLevel), options.filter.flags, &buffer, &error)
        }
        guard status == 0 else { throw PreviewError("libpng could not encode the image: \(message(&error.message))") }
        defer { scenewright_png_free(buffer.data) }
        return Data(bytes: buffer.data, count: buffer.size)
    }

    /// Decodes a PNG into RGBA.
    /// - Throws: ``PreviewError`` with libpng's message for anything that is not a readable PNG.
    public static func decode(_ data: Data) throws -> RGBAImage {
        var pixels: UnsafeMutablePointer<UInt8>?
        var width: UInt32 = 0
        var height: UInt32 = 0
        var text = [CChar](repeating: 0, count: 256)
        let status = data.withUnsafeBytes { raw in
            scenewright_png_decode_rgba(raw.bindMemory(to: UInt8.self).baseAddress, data.count, &pixels, &width, &height, &text, text.count)
        }
        guard status == 0, let pixels else {
            let message = text.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
            throw PreviewError("libpng could not decode the PNG: \(message)")
        }
        defer { scenewright_png_free(pixels) }
        let count = Int(width) * Int(height) * 4
        return RGBAImage(width: Int(width), height: Int(height), pixels: Array(UnsafeBufferPointer(start: pixels, count: count)))
    }

    static func message<T>(_ tuple: inout T) -> String {
        withUnsafeBytes(of: &tuple) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
    }
}

/// An error from rendering or PNG encoding.
public struct PreviewError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
