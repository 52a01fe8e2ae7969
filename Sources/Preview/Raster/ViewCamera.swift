import Foundation
import SceneGraph

/// Where the preview looks from and how it projects: perspective (the visitor's eye) or
/// orthographic (a plan seen from above, cut at the eye's height).
public struct ViewCamera: Sendable {
    public enum Projection: Sendable {
        /// Vertical field of view in radians, and the near clipping distance.
        case perspective(yfov: Float, near: Float)
        /// Half the width of the view in metres (height follows the image's aspect), near distance.
        case orthographic(halfWidth: Float, near: Float)
    }

    public var eye: Vec3
    public let forward: Vec3
    public let up: Vec3
    public let right: Vec3
    public var projection: Projection {
        didSet { focal = Self.focal(of: projection) }
    }
    /// 1 / tan(yfov / 2) for a perspective view (0 for orthographic), kept so that projecting
    /// a point costs no trigonometry.
    private(set) var focal: Float

    private static func focal(of projection: Projection) -> Float {
        if case .perspective(let yfov, _) = projection { return 1 / tan(yfov / 2) }
        return 0
    }

    public init(eye: Vec3, forward: Vec3, up: Vec3 = Vec3(0, 1, 0), projection: Projection) {
        let f = normalize(forward)
        var r = crossProduct(f, up)
        if length(r) < 1e-6 { r = crossProduct(f, Vec3(0, 0, -1)) }
        r = normalize(r)
        self.eye = eye
        self.forward = f
        self.right = r
        self.up = crossProduct(r, f)
        self.projection = projection
        self.focal = Self.focal(of: projection)
    }

    /// View space: x right, y up, z toward the viewer (things in front have z < 0).
    @inline(__always)
    func view(_ p: Vec3) -> Vec3 {
        let d = p - eye
        return Vec3(dotProduct(d, right), dotProduct(d, up), -dotProduct(d, forward))
    }

    var near: Float {
        switch projection {
        case .perspective(_, let near), .orthographic(_, let near): return near
        }
    }

    /// Screen position (pixels, y down) and w (view depth for perspective, 1 for orthographic).
    @inline(__always)
    func project(_ v: Vec3, width: Float, height: Float) -> (x: Float, y: Float, w: Float) {
        let aspect = width / height
        switch projection {
        case .perspective:
            let f = focal
            let w = -v.z
            let nx = f / aspect * v.x / w, ny = f * v.y / w
            return ((nx + 1) / 2 * width, (1 - ny) / 2 * height, w)
        case .orthographic(let halfWidth, _):
            let halfHeight = halfWidth / aspect
            return ((v.x / halfWidth + 1) / 2 * width, (1 - v.y / halfHeight) / 2 * height, 1)
        }
    }

    /// Which sides of the view volume a view-space point lies beyond, one bit each (left, right,
    /// bottom, top, near). A triangle whose three corners share a bit covers nothing.
    @inline(__always)
    func outsideMask(_ v: Vec3, aspect: Float) -> UInt8 {
        var mask: UInt8 = 0
        switch projection {
        case .perspective(_, let near):
            let fy = focal, fx = fy / aspect, w = -v.z
            if fx * v.x < -w { mask |= 1 }
            if fx * v.x > w { mask |= 2 }
            if fy * v.y < -w { mask |= 4 }
            if fy * v.y > w { mask |= 8 }
            if w < near { mask |= 16 }
        case .orthographic(let halfWidth, let near):
            let halfHeight = halfWidth / aspect
            if v.x < -halfWidth { mask |= 1 }
            if v.x > halfWidth { mask |= 2 }
            if v.y < -halfHeight { mask |= 4 }
            if v.y > halfHeight { mask |= 8 }
            if -v.z < near { mask |= 16 }
        }
        return mask
    }

    /// Where a world point lands in an image of the given size (for overlays).
    public func pixel(of p: Vec3, width: Int, height: Int) -> (x: Float, y: Float) {
        let s = project(view(p), width: Float(width), height: Float(height))
        return (s.x, s.y)
    }

    /// Metres per pixel of an orthographic view at `width` pixels.
    public func metresPerPixel(width: Int) -> Float? {
        if case .orthographic(let halfWidth, _) = projection { return 2 * halfWidth / Float(width) }
        return nil
    }
}

@inline(__always) func dotProduct(_ a: Vec3, _ b: Vec3) -> Float { (a * b).sum() }
@inline(__always) func crossProduct(_ a: Vec3, _ b: Vec3) -> Vec3 {
    Vec3(a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x)
}
@inline(__always) func length(_ v: Vec3) -> Float { dotProduct(v, v).squareRoot() }
@inline(__always) func normalize(_ v: Vec3) -> Vec3 {
    let l = length(v)
    return l > 1e-12 ? v / l : Vec3(0, 0, 1)
}
