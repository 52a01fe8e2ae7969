/// An axis-aligned rectangle on the floor (x, z) in metres.
public struct Footprint: Sendable, Hashable, Encodable {
    public var minX: Float
    public var minZ: Float
    public var maxX: Float
    public var maxZ: Float

    public init(minX: Float, minZ: Float, maxX: Float, maxZ: Float) {
        self.minX = minX
        self.minZ = minZ
        self.maxX = maxX
        self.maxZ = maxZ
    }

    /// A rectangle of `width` × `depth` centred on (x, z), turned by `quarterTurns` × 90°.
    public init(centerX x: Float, z: Float, width: Float, depth: Float, quarterTurns: Int) {
        let (w, d) = quarterTurns % 2 == 0 ? (width, depth) : (depth, width)
        self.init(minX: x - w / 2, minZ: z - d / 2, maxX: x + w / 2, maxZ: z + d / 2)
    }

    public var width: Float { maxX - minX }
    public var depth: Float { maxZ - minZ }
    public var centerX: Float { (minX + maxX) / 2 }
    public var centerZ: Float { (minZ + maxZ) / 2 }

    public func expanded(by margin: Float) -> Footprint {
        Footprint(minX: minX - margin, minZ: minZ - margin, maxX: maxX + margin, maxZ: maxZ + margin)
    }

    /// True when the rectangles are closer than `clearance` (touching counts when clearance > 0).
    public func conflicts(with other: Footprint, clearance: Float) -> Bool {
        minX < other.maxX + clearance && other.minX < maxX + clearance && minZ < other.maxZ + clearance && other.minZ < maxZ + clearance
    }

    public func contains(_ other: Footprint, tolerance: Float) -> Bool {
        other.minX >= minX - tolerance && other.maxX <= maxX + tolerance && other.minZ >= minZ - tolerance && other.maxZ <= maxZ + tolerance
    }

    public func contains(x: Float, z: Float) -> Bool { x >= minX && x <= maxX && z >= minZ && z <= maxZ }

    /// Distance from a point to the rectangle (0 inside).
    public func distance(x: Float, z: Float) -> Float {
        let dx = max(minX - x, 0, x - maxX)
        let dz = max(minZ - z, 0, z - maxZ)
        return (dx * dx + dz * dz).squareRoot()
    }
}

/// Quarter turns about +Y, as a yaw angle: 0 faces +Z, 1 faces +X, 2 faces −Z, 3 faces −X.
func yaw(quarterTurns: Int) -> Float { Float(quarterTurns) * .pi / 2 }
