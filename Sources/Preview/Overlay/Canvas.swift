import Foundation

/// 2D drawing on an image: anti-aliased discs and lines, filled polygons, rectangles and text.
/// Everything is deterministic (no floating-point accumulation across calls).
public struct Canvas {
    public var image: RGBAImage

    public init(_ image: RGBAImage) {
        self.image = image
    }

    public mutating func fillRect(x: Int, y: Int, width: Int, height: Int, color: SIMD4<UInt8>) {
        let (x0, x1, y0, y1) = (max(0, x), min(image.width, x + width), max(0, y), min(image.height, y + height))
        guard x0 < x1, y0 < y1 else { return }
        for py in y0..<y1 {
            for px in x0..<x1 { image.blend(x: px, y: py, color: color) }
        }
    }

    public mutating func strokeRect(x: Int, y: Int, width: Int, height: Int, color: SIMD4<UInt8>) {
        fillRect(x: x, y: y, width: width, height: 1, color: color)
        fillRect(x: x, y: y + height - 1, width: width, height: 1, color: color)
        fillRect(x: x, y: y, width: 1, height: height, color: color)
        fillRect(x: x + width - 1, y: y, width: 1, height: height, color: color)
    }

    /// A disc with a one-pixel anti-aliased rim.
    public mutating func fillCircle(x cx: Float, y cy: Float, radius r: Float, color: SIMD4<UInt8>) {
        guard cx.isFinite, cy.isFinite, r.isFinite else { return }
        let (x0, x1) = (max(0, Int(cx - r - 1)), min(image.width - 1, Int(cx + r + 1)))
        let (y0, y1) = (max(0, Int(cy - r - 1)), min(image.height - 1, Int(cy + r + 1)))
        guard x0 <= x1, y0 <= y1 else { return }
        for py in y0...y1 {
            for px in x0...x1 {
                let d = ((Float(px) + 0.5 - cx) * (Float(px) + 0.5 - cx) + (Float(py) + 0.5 - cy) * (Float(py) + 0.5 - cy)).squareRoot()
                image.blend(x: px, y: py, color: color, alpha: max(0, min(1, r - d + 0.5)))
            }
        }
    }

    /// A convex or concave polygon (even-odd), sampled 4× per pixel for smooth edges.
    public mutating func fillPolygon(_ points: [(x: Float, y: Float)], color: SIMD4<UInt8>) {
        guard points.count >= 3, points.allSatisfy({ $0.x.isFinite && $0.y.isFinite }) else { return }
        let minY = max(0, Int(points.map(\.y).min()!)), maxY = min(image.height - 1, Int(points.map(\.y).max()!) + 1)
        let minX = max(0, Int(points.map(\.x).min()!)), maxX = min(image.width - 1, Int(points.map(\.x).max()!) + 1)
        guard minY <= maxY, minX <= maxX else { return }
        let offsets: [(Float, Float)] = [(0.25, 0.25), (0.75, 0.25), (0.25, 0.75), (0.75, 0.75)]
        for py in minY...maxY {
            for px in minX...maxX {
                var inside = 0
                for (ox, oy) in offsets where Self.contains(points, x: Float(px) + ox, y: Float(py) + oy) { inside += 1 }
                if inside > 0 { image.blend(x: px, y: py, color: color, alpha: Float(inside) / 4) }
            }
        }
    }

    static func contains(_ points: [(x: Float, y: Float)], x: Float, y: Float) -> Bool {
        var inside = false
        var j = points.count - 1
        for i in points.indices {
            let (a, b) = (points[i], points[j])
            if (a.y > y) != (b.y > y), x < (b.x - a.x) * (y - a.y) / (b.y - a.y) + a.x { inside.toggle() }
            j = i
        }
        return inside
    }

    /// A straight line of the given width with round ends.
    public mutating func strokeLine(from a: (x: Float, y: Float), to b: (x: Float, y: Float), width: Float, color: SIMD4<UInt8>) {
        let dx = b.x - a.x, dy = b.y - a.y
        let length = (dx * dx + dy * dy).squareRoot()
        guard length > 0.01 else { return fillCircle(x: a.x, y: a.y, radius: width / 2, color: color) }
        let nx = -dy / length * width / 2, ny = dx / length * width / 2
        fillPolygon([(a.x + nx, a.y + ny), (b.x + nx, b.y + ny), (b.x - nx, b.y - ny), (a.x - nx, a.y - ny)], color: color)
        fillCircle(x: a.x, y: a.y, radius: width / 2, color: color)
        fillCircle(x: b.x, y: b.y, radius: width / 2, color: color)
    }

    /// An arrowhead at `tip`, pointing along from → tip.
    public mutating func arrowhead(from: (x: Float, y: Float), tip: (x: Float, y: Float), size: Float, color: SIMD4<UInt8>) {
        let dx = tip.x - from.x, dy = tip.y - from.y
        let length = (dx * dx + dy * dy).squareRoot()
        guard length > 0.01 else { return }
        let ux = dx / length, uy = dy / length
        let back = (tip.x - ux * size, tip.y - uy * size)
        fillPolygon([tip, (back.0 - uy * size * 0.55, back.1 + ux * size * 0.55), (back.0 + uy * size * 0.55, back.1 - ux * size * 0.55)], color: color)
    }

    /// Draws text with its top-left corner at (x, y); characters the font lacks draw as boxes.
    public mutating func text(_ string: String, x: Int, y: Int, font: BitmapFont, scale: Int = 1, color: SIMD4<UInt8>) {
        var cursor = x
        for character in string {
            let rows = font.rows(character)
            for (row, bits) in rows.enumerated() where bits != 0 {
                for column in 0..<font.width where bits & (0x80 >> column) != 0 {
                    fillRect(x: cursor + column * scale, y: y + row * scale, width: scale, height: scale, color: color)
                }
            }
            cursor += font.width * scale
        }
    }

    /// Text on a translucent plate, for labels that must stay readable over any background.
    public mutating func label(_ string: String, x: Int, y: Int, font: BitmapFont, scale: Int = 1, color: SIMD4<UInt8>, plate: SIMD4<UInt8>) {
        fillRect(x: x - 3, y: y - 2, width: font.measure(string, scale: scale) + 6, height: font.height * scale + 3, color: plate)
        text(string, x: x, y: y, font: font, scale: scale, color: color)
    }
}
