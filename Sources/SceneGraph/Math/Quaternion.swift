import Foundation

/// A 3-component vector in metres (+Y up, right-handed, as glTF).
public typealias Vec3 = SIMD3<Float>

/// A unit quaternion (x, y, z, w), as glTF stores rotations.
public struct Quaternion: Sendable, Hashable, Codable {
    public var x: Float
    public var y: Float
    public var z: Float
    public var w: Float

    public init(x: Float, y: Float, z: Float, w: Float) {
        self.x = x
        self.y = y
        self.z = z
        self.w = w
    }

    public static let identity = Quaternion(x: 0, y: 0, z: 0, w: 1)

    /// Rotation by `angle` radians about a unit `axis`.
    public init(axis: Vec3, angle: Float) {
        let half = angle / 2
        let s = sin(half)
        self.init(x: axis.x * s, y: axis.y * s, z: axis.z * s, w: cos(half))
    }

    /// Rotation about +Y by `radians` (counter-clockwise seen from above).
    public static func yaw(_ radians: Float) -> Quaternion { Quaternion(axis: Vec3(0, 1, 0), angle: radians) }

    /// Rotation about +X by `radians`.
    public static func pitch(_ radians: Float) -> Quaternion { Quaternion(axis: Vec3(1, 0, 0), angle: radians) }

    /// The rotation that turns a node's −Z (its forward in glTF for lights and cameras) toward `direction`.
    public static func looking(along direction: Vec3) -> Quaternion {
        let d = simd_normalize_safe(direction)
        let yawAngle = atan2(-d.x, -d.z)
        let pitchAngle = asin(max(-1, min(1, d.y)))
        return yaw(yawAngle) * pitch(pitchAngle)
    }

    public static func * (a: Quaternion, b: Quaternion) -> Quaternion {
        Quaternion(
            x: a.w * b.x + a.x * b.w + a.y * b.z - a.z * b.y,
            y: a.w * b.y - a.x * b.z + a.y * b.w + a.z * b.x,
            z: a.w * b.z + a.x * b.y - a.y * b.x + a.z * b.w,
            w: a.w * b.w - a.x * b.x - a.y * b.y - a.z * b.z)
    }

    /// Rotates a vector.
    public func rotate(_ v: Vec3) -> Vec3 {
        let u = Vec3(x, y, z)
        let t = 2 * cross(u, v)
        return v + w * t + cross(u, t)
    }

    /// The same rotation with length exactly 1 (within Float precision).
    public var normalized: Quaternion {
        let length = (x * x + y * y + z * z + w * w).squareRoot()
        return length > 0 ? Quaternion(x: x / length, y: y / length, z: z / length, w: w / length) : .identity
    }
}

@inline(__always) func cross(_ a: Vec3, _ b: Vec3) -> Vec3 {
    Vec3(a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x)
}

@inline(__always) func dot(_ a: Vec3, _ b: Vec3) -> Float { (a * b).sum() }

/// `v` scaled to length 1, or +Z when it has no length.
func simd_normalize_safe(_ v: Vec3) -> Vec3 {
    let length = (v * v).sum().squareRoot()
    return length > 1e-12 ? v / length : Vec3(0, 0, 1)
}
