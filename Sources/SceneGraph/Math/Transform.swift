/// Translation, rotation and scale, applied as T·R·S (glTF's order).
public struct Transform: Sendable, Hashable {
    public var translation: Vec3
    public var rotation: Quaternion
    public var scale: Vec3

    public init(translation: Vec3 = .zero, rotation: Quaternion = .identity, scale: Vec3 = .one) {
        self.translation = translation
        self.rotation = rotation
        self.scale = scale
    }

    public static let identity = Transform()

    public var isIdentity: Bool { translation == .zero && rotation == .identity && scale == .one }

    /// Applies the transform to a point.
    public func apply(_ point: Vec3) -> Vec3 { translation + rotation.rotate(point * scale) }

    /// The 4×4 matrix, column-major.
    public var matrix: Matrix4 {
        let q = rotation
        let (x, y, z, w) = (q.x, q.y, q.z, q.w)
        let c0 = Vec3(1 - 2 * (y * y + z * z), 2 * (x * y + z * w), 2 * (x * z - y * w)) * scale.x
        let c1 = Vec3(2 * (x * y - z * w), 1 - 2 * (x * x + z * z), 2 * (y * z + x * w)) * scale.y
        let c2 = Vec3(2 * (x * z + y * w), 2 * (y * z - x * w), 1 - 2 * (x * x + y * y)) * scale.z
        return Matrix4(columns: (SIMD4(c0, 0), SIMD4(c1, 0), SIMD4(c2, 0), SIMD4(translation, 1)))
    }
}

/// A 4×4 matrix (column-major), for composing node transforms.
public struct Matrix4: Sendable, Hashable {
    public var columns: (SIMD4<Float>, SIMD4<Float>, SIMD4<Float>, SIMD4<Float>)

    public init(columns: (SIMD4<Float>, SIMD4<Float>, SIMD4<Float>, SIMD4<Float>)) {
        self.columns = columns
    }

    public static let identity = Matrix4(columns: (SIMD4(1, 0, 0, 0), SIMD4(0, 1, 0, 0), SIMD4(0, 0, 1, 0), SIMD4(0, 0, 0, 1)))

    public static func * (a: Matrix4, b: Matrix4) -> Matrix4 {
        Matrix4(columns: (a * b.columns.0, a * b.columns.1, a * b.columns.2, a * b.columns.3))
    }

    public static func * (m: Matrix4, v: SIMD4<Float>) -> SIMD4<Float> {
        m.columns.0 * v.x + m.columns.1 * v.y + m.columns.2 * v.z + m.columns.3 * v.w
    }

    /// Transforms a point (w = 1).
    public func point(_ p: Vec3) -> Vec3 {
        let r = self * SIMD4(p, 1)
        return Vec3(r.x, r.y, r.z)
    }

    /// Transforms a direction (w = 0).
    public func direction(_ d: Vec3) -> Vec3 {
        let r = self * SIMD4(d, 0)
        return Vec3(r.x, r.y, r.z)
    }

    public static func == (a: Matrix4, b: Matrix4) -> Bool {
        a.columns.0 == b.columns.0 && a.columns.1 == b.columns.1 && a.columns.2 == b.columns.2 && a.columns.3 == b.columns.3
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(columns.0)
        hasher.combine(columns.1)
        hasher.combine(columns.2)
        hasher.combine(columns.3)
    }
}
