import Foundation

/// Builders for the primitive shapes props are made of. All are centred on the origin
/// (planes lie in y = 0), counter-clockwise, with outward normals and UVs.
public enum MeshBuilder {
    /// An axis-aligned box of the given size.
    public static func box(_ size: Vec3) -> Geometry {
        var g = Geometry()
        let h = size / 2
        // (normal, tangent u, tangent v): each face's corners are n·h ± u·h ± v·h.
        let faces: [(Vec3, Vec3, Vec3)] = [
            (Vec3(1, 0, 0), Vec3(0, 0, -1), Vec3(0, 1, 0)), (Vec3(-1, 0, 0), Vec3(0, 0, 1), Vec3(0, 1, 0)),
            (Vec3(0, 1, 0), Vec3(1, 0, 0), Vec3(0, 0, -1)), (Vec3(0, -1, 0), Vec3(1, 0, 0), Vec3(0, 0, 1)),
            (Vec3(0, 0, 1), Vec3(1, 0, 0), Vec3(0, 1, 0)), (Vec3(0, 0, -1), Vec3(-1, 0, 0), Vec3(0, 1, 0)),
        ]
        for (n, u, v) in faces {
            let base = UInt32(g.positions.count)
            for (su, sv) in [(Float(-1), Float(-1)), (1, -1), (1, 1), (-1, 1)] {
                g.positions.append((n + u * su + v * sv) * h)
                g.normals.append(n)
                g.uvs.append(SIMD2((su + 1) / 2, (1 - sv) / 2))
            }
            g.indices += [base, base + 1, base + 2, base, base + 2, base + 3]
        }
        return g
    }

    /// A plane of `width` (x) by `depth` (z) facing +Y.
    public static func plane(width: Float, depth: Float) -> Geometry {
        var g = Geometry()
        let (w, d) = (width / 2, depth / 2)
        g.positions = [Vec3(-w, 0, d), Vec3(w, 0, d), Vec3(w, 0, -d), Vec3(-w, 0, -d)]
        g.normals = Array(repeating: Vec3(0, 1, 0), count: 4)
        g.uvs = [SIMD2(0, 1), SIMD2(1, 1), SIMD2(1, 0), SIMD2(0, 0)]
        g.indices = [0, 1, 2, 0, 2, 3]
        return g
    }

    /// A capped cylinder along Y.
    public static func cylinder(radius: Float, height: Float, segments: Int = 24) -> Geometry {
        frustum(bottomRadius: radius, topRadius: radius, height: height, segments: segments)
    }

    /// A capped cone along Y, apex up.
    public static func cone(radius: Float, height: Float, segments: Int = 24) -> Geometry {
        frustum(bottomRadius: radius, topRadius: 0, height: height, segments: segments)
    }

    public static func frustum(bottomRadius: Float, topRadius: Float, height: Float, segments: Int) -> Geometry {
        var g = Geometry()
        let h = height / 2
        let slope = (bottomRadius - topRadius) / height
        // Side: two rings of vertices (the seam vertex repeated for UVs).
        for ring in 0...1 {
            let y = ring == 0 ? -h : h
            let r = ring == 0 ? bottomRadius : topRadius
            for s in 0...segments {
                let angle = Float(s) / Float(segments) * 2 * .pi
                let (c, sn) = (cos(angle), sin(angle))
                g.positions.append(Vec3(r * c, y, -r * sn))
                g.normals.append(simd_normalize_safe(Vec3(c, slope, -sn)))
                g.uvs.append(SIMD2(Float(s) / Float(segments), Float(1 - ring)))
            }
        }
        let stride = UInt32(segments + 1)
        for s in 0..<UInt32(segments) {
            let (a, b, c, d) = (s, s + 1, s + 1 + stride, s + stride)
            if topRadius > 0 { g.indices += [a, b, c, a, c, d] } else { g.indices += [a, b, c] }
        }
        // Caps.
        for (y, r, normal) in [(-h, bottomRadius, Vec3(0, -1, 0)), (h, topRadius, Vec3(0, 1, 0))] where r > 0 {
            let center = UInt32(g.positions.count)
            g.positions.append(Vec3(0, y, 0))
            g.normals.append(normal)
            g.uvs.append(SIMD2(0.5, 0.5))
            for s in 0..<segments {
                let angle = Float(s) / Float(segments) * 2 * .pi
                g.positions.append(Vec3(r * cos(angle), y, -r * sin(angle)))
                g.normals.append(normal)
                g.uvs.append(SIMD2(0.5 + 0.5 * cos(angle), 0.5 + 0.5 * sin(angle)))
            }
            for s in 0..<UInt32(segments) {
                let (a, b) = (center + 1 + s, center + 1 + (s + 1) % UInt32(segments))
                g.indices += normal.y > 0 ? [center, a, b] : [center, b, a]
            }
        }
        return g
    }

    /// A UV sphere.
    public static func sphere(radius: Float, segments: Int = 24, rings: Int = 12) -> Geometry {
        var g = Geometry()
        for ring in 0...rings {
            let phi = Float(ring) / Float(rings) * .pi
            for s in 0...segments {
                let theta = Float(s) / Float(segments) * 2 * .pi
                let n = Vec3(sin(phi) * cos(theta), cos(phi), -sin(phi) * sin(theta))
                g.positions.append(n * radius)
                g.normals.append(n)
                g.uvs.append(SIMD2(Float(s) / Float(segments), Float(ring) / Float(rings)))
            }
        }
        let stride = UInt32(segments + 1)
        for ring in 0..<UInt32(rings) {
            for s in 0..<UInt32(segments) {
                let a = ring * stride + s, b = a + stride
                if ring != 0 { g.indices += [a, b, a + 1] }
                if ring != UInt32(rings) - 1 { g.indices += [a + 1, b, b + 1] }
            }
        }
        return g
    }

    /// A rectangular hole in a wall: `x` from the wall's left end, `y` from the floor.
    public struct Opening: Sendable, Hashable {
        public var x: Float
        public var y: Float
        public var width: Float
        public var height: Float

        public init(x: Float, y: Float, width: Float, height: Float) {
            self.x = x
            self.y = y
            self.width = width
            self.height = height
        }
    }

    /// A wall from x = 0 to `width`, y = 0 to `height`, z = ±thickness/2, with rectangular
    /// openings (doors reach the floor; windows have a sill). Openings are clipped to the wall
    /// and must not overlap each other. Built from boxes: full-height piers between openings,
    /// and a sill and a lintel at each opening.
    public static func wall(width: Float, height: Float, thickness: Float, openings: [Opening]) -> Geometry {
        var g = Geometry()
        func piece(_ x0: Float, _ x1: Float, _ y0: Float, _ y1: Float) {
            guard x1 - x0 > 1e-4, y1 - y0 > 1e-4 else { return }
            g.append(box(Vec3(x1 - x0, y1 - y0, thickness)), transform: Transform(translation: Vec3((x0 + x1) / 2, (y0 + y1) / 2, 0)))
        }
        var cursor: Float = 0
        for opening in openings.sorted(by: { $0.x < $1.x }) {
            let x0 = max(opening.x, cursor), x1 = min(opening.x + opening.width, width)
            guard x1 > x0 else { continue }
            piece(cursor, x0, 0, height)
            piece(x0, x1, 0, max(0, opening.y))
            piece(x0, x1, min(height, opening.y + opening.height), height)
            cursor = x1
        }
        piece(cursor, width, 0, height)
        return g
    }
}
