import Foundation
import Preview
import SceneGraph
import Synchronization

/// Typography for the room: card text, titles, name plates and framed quotations rendered with
/// the label font into PNG textures (power-of-two sizes, through libpng), so a headset draws
/// the words instead of a blank board.
public struct TextPanelRenderer: Sendable {
    /// Width of every text texture in pixels; the height is the next power of two that holds
    /// the panel's proportions.
    static let textureWidth = 512
    static let margin = 16

    let font: BitmapFont
    private let cache = RenderedTextCache()

    public init(font: BitmapFont) { self.font = font }

    /// Loads the label font (`spleen-8x16.json`) from a fonts folder.
    public static func load(fonts: URL) throws -> TextPanelRenderer {
        do { return TextPanelRenderer(font: try BitmapFont.load(fonts.appendingPathComponent("spleen-8x16.json"))) } catch { throw SceneError("\(error)") }
    }

    /// Colours of a panel: ink on paper, or black on white for high contrast.
    public struct Style: Sendable, Hashable {
        public var ink: SIMD4<UInt8>
        public var paper: SIMD4<UInt8>
        static let standard = Style(ink: SIMD4(28, 26, 24, 255), paper: SIMD4(238, 230, 208, 255))
        static let highContrast = Style(ink: SIMD4(0, 0, 0, 255), paper: SIMD4(255, 255, 255, 255))
    }

    /// A texture showing `title` (larger, when there is one) above `body`, wrapped to a panel of
    /// `aspect` (width ÷ height). Returns the texture and the share of its height the panel uses
    /// (the texture is padded to a power of two below the panel).
    func render(title: String?, body: String, aspect: Float, style: Style, name: String) throws -> (texture: Texture, usedHeight: Float) {
        let key = RenderedTextCache.Key(title: title, body: body, aspect: aspect, style: style)
        if var known = cache[key] {
            known.texture.name = name
            return known
        }
        let rendered = try draw(title: title, body: body, aspect: aspect, style: style, name: name)
        cache[key] = rendered
        return rendered
    }

    private func draw(title: String?, body: String, aspect: Float, style: Style, name: String) throws -> (texture: Texture, usedHeight: Float) {
        let width = Self.textureWidth
        let panelHeight = max(32, min(width, Int((Float(width) / aspect).rounded())))
        var height = 32
        while height < panelHeight { height *= 2 }
        var canvas = Canvas(RGBAImage(width: width, height: height, fill: style.paper))
        let title = title.map(Self.printable), body = Self.printable(body)
        // The largest scale at which everything fits the panel.
        for scale in [3, 2, 1] {
            let titleScale = title == nil ? 0 : scale + 1
            let titleLines = title.map { wrap($0, scale: titleScale) } ?? []
            let bodyLines = wrap(body, scale: scale)
            let lineHeight = font.height * scale + scale * 2, titleLineHeight = font.height * titleScale + titleScale * 2
            let needed = titleLines.count * titleLineHeight + (titleLines.isEmpty ? 0 : lineHeight / 2) + bodyLines.count * lineHeight
            guard needed <= panelHeight - 2 * Self.margin || scale == 1 else { continue }
            var y = Self.margin
            for line in titleLines {
                canvas.text(line, x: Self.margin, y: y, font: font, scale: titleScale, color: style.ink)
                y += titleLineHeight
            }
            if !titleLines.isEmpty { y += lineHeight / 2 }
            for line in bodyLines where y + font.height * scale <= panelHeight - Self.margin / 2 {
                canvas.text(line, x: Self.margin, y: y, font: font, scale: scale, color: style.ink)
                y += lineHeight
            }
            break
        }
        let png: Data
        do { png = try PNG.encode(canvas.image, options: .init(channels: .rgb, compressionLevel: 6, paletteWhenFewColours: true)) } catch { throw SceneError("cannot encode a text texture: \(error)") }
        return (Texture(name: name, width: width, height: height, png: png), Float(panelHeight) / Float(height))
    }

    /// Lines of at most as many characters as fit the width at `scale`, broken at spaces
    /// (a word longer than a line is cut).
    func wrap(_ text: String, scale: Int) -> [String] {
        let columns = max(4, (Self.textureWidth - 2 * Self.margin) / (font.width * scale))
        var lines: [String] = [], line = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            var word = Substring(word)
            while word.count > columns {
                if !line.isEmpty { lines.append(line); line = "" }
                lines.append(String(word.prefix(columns)))
                word = word.dropFirst(columns)
            }
            if line.isEmpty { line = String(word) } else if line.count + 1 + word.count <= columns { line += " " + word } else { lines.append(line); line = String(word) }
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }

    /// The text in the characters the font draws: typographic quotes and dashes as ASCII,
    /// accents dropped (é → e); anything else stays and draws as a box.
    static func printable(_ text: String) -> String {
        let replaced = text.replacingOccurrences(of: "\u{2019}", with: "'").replacingOccurrences(of: "\u{2018}", with: "'")
            .replacingOccurrences(of: "\u{201C}", with: "\"").replacingOccurrences(of: "\u{201D}", with: "\"")
            .replacingOccurrences(of: "\u{2014}", with: "-").replacingOccurrences(of: "\u{2013}", with: "-").replacingOccurrences(of: "\u{2026}", with: "...")
            .replacingOccurrences(of: "\u{00AB}", with: "\"").replacingOccurrences(of: "\u{00BB}", with: "\"").replacingOccurrences(of: "\n", with: " ")
        return replaced.folding(options: [.diacriticInsensitive], locale: nil)
    }
}

/// Text textures already drawn, so the same card in the next seed's room (or the next request)
/// costs a lookup. Bounded: past `capacity` entries the oldest half is forgotten.
final class RenderedTextCache: Sendable {
    struct Key: Hashable, Sendable {
        var title: String?
        var body: String
        var aspect: Float
        var style: TextPanelRenderer.Style
    }

    static let capacity = 2048
    private let entries = Mutex<(map: [Key: (texture: Texture, usedHeight: Float)], order: [Key])>(([:], []))

    subscript(key: Key) -> (texture: Texture, usedHeight: Float)? {
        get { entries.withLock { $0.map[key] } }
        set {
            guard let newValue else { return }
            entries.withLock { state in
                if state.map.updateValue(newValue, forKey: key) == nil { state.order.append(key) }
                if state.order.count > Self.capacity {
                    for old in state.order.prefix(Self.capacity / 2) { state.map[old] = nil }
                    state.order.removeFirst(Self.capacity / 2)
                }
            }
        }
    }
}
