import Foundation
import SceneGraph

/// What a plan view shows on top of the rendered floor: markers for the scene's hotspots,
/// characters, spawn point and seats (distinct shapes and colours, with a legend), labels,
/// routes with arrowheads, numbered stops, and a scale bar in metres.
public struct PlanOverlay: Sendable {
    /// A path drawn on the plan, such as a tour route (world points; y is ignored).
    public struct Route: Sendable {
        public var points: [Vec3]
        public var color: SIMD4<UInt8>
        public init(points: [Vec3], color: SIMD4<UInt8> = Palette.route) {
            self.points = points
            self.color = color
        }
    }

    /// A numbered stop (tour stops).
    public struct Stop: Sendable {
        public var position: Vec3
        public var number: Int
        public var label: String?
        public init(position: Vec3, number: Int, label: String? = nil) {
            self.position = position
            self.number = number
            self.label = label
        }
    }

    public var markers: Bool
    public var labels: Bool
    public var routes: [Route]
    public var stops: [Stop]
    /// Optional heading in the top-left corner.
    public var title: String?

    public init(markers: Bool = true, labels: Bool = true, routes: [Route] = [], stops: [Stop] = [], title: String? = nil) {
        self.markers = markers
        self.labels = labels
        self.routes = routes
        self.stops = stops
        self.title = title
    }

    /// Marker colours, also used by tests to find what was drawn.
    public enum Palette {
        public static let hotspot = SIMD4<UInt8>(255, 196, 0, 255)
        public static let character = SIMD4<UInt8>(230, 60, 60, 255)
        public static let spawn = SIMD4<UInt8>(40, 200, 90, 255)
        public static let seat = SIMD4<UInt8>(70, 140, 255, 255)
        public static let route = SIMD4<UInt8>(255, 0, 200, 255)
        public static let stop = SIMD4<UInt8>(255, 255, 255, 255)
        static let outline = SIMD4<UInt8>(0, 0, 0, 255)
        static let text = SIMD4<UInt8>(255, 255, 255, 255)
        static let plate = SIMD4<UInt8>(0, 0, 0, 170)
    }

    /// Draws the overlay on `image`, whose plan `camera` maps world to pixels.
    func draw(on image: RGBAImage, scene: Scene, camera: ViewCamera, font: BitmapFont) -> RGBAImage {
        var canvas = Canvas(image)
        let (w, h) = (image.width, image.height)
        let scale = max(1, min(w, h) / 500)
        let markerSize = Float(6 * scale)
        func pixel(_ p: Vec3) -> (x: Float, y: Float) { camera.pixel(of: p, width: w, height: h) }
        var occupied: [(Int, Int, Int, Int)] = []
        func place(_ text: String, near p: (x: Float, y: Float)) {
            let tw = font.measure(text, scale: scale), th = font.height * scale
            let gap = Int(markerSize) + 4
            let candidates = [(Int(p.x) + gap, Int(p.y) - th / 2), (Int(p.x) - gap - tw, Int(p.y) - th / 2), (Int(p.x) - tw / 2, Int(p.y) - gap - th), (Int(p.x) - tw / 2, Int(p.y) + gap)]
            for (x, y) in candidates where x >= 2 && y >= 2 && x + tw < w - 2 && y + th < h - 2 {
                let box = (x - 3, y - 2, x + tw + 3, y + th + 1)
                if !occupied.contains(where: { $0.0 < box.2 && box.0 < $0.2 && $0.1 < box.3 && box.1 < $0.3 }) {
                    occupied.append(box)
                    canvas.label(text, x: x, y: y, font: font, scale: scale, color: Palette.text, plate: Palette.plate)
                    return
                }
            }
        }

        for route in routes where route.points.count >= 2 {
            let pts = route.points.map(pixel)
            for i in 1..<pts.count { canvas.strokeLine(from: pts[i - 1], to: pts[i], width: Float(3 * scale), color: route.color) }
            for i in 1..<pts.count {
                let mid = ((pts[i - 1].x + pts[i].x) / 2, (pts[i - 1].y + pts[i].y) / 2)
                canvas.arrowhead(from: pts[i - 1], tip: mid, size: Float(9 * scale), color: route.color)
            }
        }
        var legend: [(String, SIMD4<UInt8>, (inout Canvas, Float, Float, Float) -> Void)] = []
        if markers {
            let marks: [(Annotation.Role, String, SIMD4<UInt8>, (inout Canvas, Float, Float, Float, SIMD4<UInt8>) -> Void)] = [
                (.seat, "Seat", Palette.seat, { c, x, y, r, color in c.fillPolygon([(x - r * 0.8, y - r * 0.8), (x + r * 0.8, y - r * 0.8), (x + r * 0.8, y + r * 0.8), (x - r * 0.8, y + r * 0.8)], color: color) }),
                (.hotspot, "Hotspot", Palette.hotspot, { c, x, y, r, color in c.fillPolygon([(x, y - r * 1.2), (x + r * 1.2, y), (x, y + r * 1.2), (x - r * 1.2, y)], color: color) }),
                (.character, "Character", Palette.character, { c, x, y, r, color in c.fillCircle(x: x, y: y, radius: r, color: color) }),
                (.spawn, "Spawn", Palette.spawn, { c, x, y, r, color in c.fillPolygon([(x, y - r * 1.3), (x + r * 1.1, y + r * 0.9), (x - r * 1.1, y + r * 0.9)], color: color) }),
            ]
            for (role, name, color, shape) in marks {
                let nodes = scene.annotated(role)
                guard !nodes.isEmpty else { continue }
                legend.append((name, color, { c, x, y, r in shape(&c, x, y, r, color) }))
                for (node, world) in nodes {
                    let p = pixel(world.point(.zero))
                    shape(&canvas, p.x, p.y, markerSize + 1.5, Palette.outline)
                    shape(&canvas, p.x, p.y, markerSize, color)
                    if labels && (role == .character || role == .hotspot) { place(node.annotation!.label, near: p) }
                }
            }
        }
        for stop in stops {
            let p = pixel(stop.position)
            canvas.fillCircle(x: p.x, y: p.y, radius: markerSize * 1.6 + 1.5, color: Palette.outline)
            canvas.fillCircle(x: p.x, y: p.y, radius: markerSize * 1.6, color: Palette.stop)
            let number = String(stop.number)
            canvas.text(number, x: Int(p.x) - font.measure(number, scale: scale) / 2, y: Int(p.y) - font.height * scale / 2, font: font, scale: scale, color: Palette.outline)
            if labels, let label = stop.label { place(label, near: (p.x + markerSize, p.y)) }
        }
        if !routes.isEmpty { legend.append(("Route", Palette.route, { c, x, y, r in c.strokeLine(from: (x - r, y), to: (x + r, y), width: 3, color: Palette.route) })) }

        // Legend, bottom right.
        if !legend.isEmpty {
            let row = (font.height + 4) * scale
            let boxWidth = (font.measure("Character", scale: scale) + 34 * scale), boxHeight = row * legend.count + 8
            let x0 = w - boxWidth - 8, y0 = h - boxHeight - 8
            canvas.fillRect(x: x0, y: y0, width: boxWidth, height: boxHeight, color: Palette.plate)
            for (index, entry) in legend.enumerated() {
                let cy = Float(y0 + 4 + index * row + row / 2)
                entry.2(&canvas, Float(x0 + 12 * scale), cy, markerSize)
                canvas.text(entry.0, x: x0 + 24 * scale, y: Int(cy) - font.height * scale / 2, font: font, scale: scale, color: Palette.text)
            }
        }
        // Scale bar, bottom left: a round length about a sixth of the width.
        if let metresPerPixel = camera.metresPerPixel(width: w) {
            let target = Float(w) / 6 * metresPerPixel
            let nice = [0.5, 1, 2, 5, 10, 20, 50].map(Float.init).last { $0 <= max(target, 0.5) } ?? 1
            let pixels = nice / metresPerPixel
            let x0: Float = 12, y0 = Float(h - 16 * scale)
            canvas.fillRect(x: Int(x0) - 4, y: Int(y0) - font.height * scale - 8, width: Int(pixels) + 8 + font.measure("00 m", scale: scale), height: font.height * scale + 16, color: Palette.plate)
            canvas.fillRect(x: Int(x0), y: Int(y0), width: Int(pixels), height: 3 * scale, color: Palette.text)
            canvas.fillRect(x: Int(x0), y: Int(y0) - 4 * scale, width: 2, height: 7 * scale, color: Palette.text)
            canvas.fillRect(x: Int(x0 + pixels) - 2, y: Int(y0) - 4 * scale, width: 2, height: 7 * scale, color: Palette.text)
            let text = nice < 1 ? "0.5 m" : "\(Int(nice)) m"
            canvas.text(text, x: Int(x0 + pixels) + 6, y: Int(y0) - font.height * scale + 4, font: font, scale: scale, color: Palette.text)
        }
        if let title {
            canvas.label(title, x: 10, y: 8, font: font, scale: scale, color: Palette.text, plate: Palette.plate)
        }
        return canvas.image
    }
}
