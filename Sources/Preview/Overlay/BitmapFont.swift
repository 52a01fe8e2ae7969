import Foundation

/// A fixed-width bitmap font loaded from `Assets/fonts/*.json` (glyph rows as hex, one byte per
/// row, most significant bit leftmost). Characters it lacks draw as a box.
public struct BitmapFont: Sendable {
    public let name: String
    public let width: Int
    public let height: Int
    private let glyphs: [Character: [UInt8]]

    private struct File: Decodable {
        var name: String
        var width: Int
        var height: Int
        var glyphs: [String: String]
    }

    /// - Throws: ``PreviewError`` naming the file when it is missing or malformed.
    public static func load(_ url: URL) throws -> BitmapFont {
        let data: Data
        do { data = try Data(contentsOf: url) } catch { throw PreviewError("cannot read font \(url.path): \(error.localizedDescription)") }
        let file: File
        do { file = try JSONDecoder().decode(File.self, from: data) } catch { throw PreviewError("malformed font \(url.path): \(error)") }
        guard (1...8).contains(file.width), (1...64).contains(file.height) else { throw PreviewError("font \(url.path): width must be 1–8 and height 1–64") }
        var glyphs: [Character: [UInt8]] = [:]
        for (key, hex) in file.glyphs {
            guard key.count == 1, let bytes = Self.bytes(hex), bytes.count == file.height else {
                throw PreviewError("font \(url.path): glyph '\(key)' must be \(file.height) hex bytes")
            }
            glyphs[Character(key)] = bytes
        }
        return BitmapFont(name: file.name, width: file.width, height: file.height, glyphs: glyphs)
    }

    private static func bytes(_ hex: String) -> [UInt8]? {
        let digits = Array(hex.utf8)
        guard digits.count % 2 == 0 else { return nil }
        return stride(from: 0, to: digits.count, by: 2).map { i -> UInt8? in UInt8(String(decoding: digits[i..<(i + 2)], as: UTF8.self), radix: 16) }
            .reduce(into: [UInt8]?([])) { result, byte in
                if let byte, result != nil { result!.append(byte) } else { result = nil }
            }
    }

    /// True when the font has a glyph for `character`.
    public func has(_ character: Character) -> Bool { glyphs[character] != nil }

    /// Rows of the glyph, or a hollow box for characters the font lacks.
    func rows(_ character: Character) -> [UInt8] {
        if let rows = glyphs[character] { return rows }
        let full = UInt8(truncatingIfNeeded: (0xFF << (8 - width)) & 0xFE)
        let sides = UInt8(0x80 | (0x80 >> (width - 2)))
        return (0..<height).map { row in row == 1 || row == height - 2 ? full : (row > 1 && row < height - 2 ? sides : 0) }
    }

    /// Width in pixels of `text` at `scale`.
    public func measure(_ text: String, scale: Int = 1) -> Int { text.count * width * scale }
}
