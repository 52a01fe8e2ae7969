/// The exact extent of a prop's geometry, and the footprint that bounds it.
extension CompositeProp {
    /// Props tagged so are terrain set into the ground (a half-buried boulder): the only props
    /// whose parts may reach below the floor.
    public static let embeddedTag = "embedded"

    /// The axis-aligned box around every vertex of every part, in the prop's own frame; nil for
    /// a prop without parts.
    public func geometryBounds() -> (min: Vec3, max: Vec3)? {
        if let measured { return measured.bounds }
        var low: Vec3?, high: Vec3?
        for part in parts {
            let transform = Self.transform(of: part)
            for point in Self.geometry(of: part).geometry.positions {
                let p = transform.apply(point)
                low = low.map { pointwiseMin($0, p) } ?? p
                high = high.map { pointwiseMax($0, p) } ?? p
            }
        }
        guard let low, let high else { return nil }
        return (low, high)
    }

    /// The prop with its footprint widened and its height raised until they bound the geometry
    /// (the footprint stays centred on the origin, so it is twice the farthest reach on each
    /// axis). A wall piece (tagged `wall`) is first moved back until it touches the wall: the
    /// back of its geometry on the back edge of its footprint. Definitions that already do all
    /// this come back unchanged.
    public func fittedToGeometry() -> CompositeProp {
        guard var bounds = geometryBounds(), footprint.count == 2 else { return self }
        var fitted = self
        if tags.contains("wall") {
            let depth = max(footprint[1], Self.snapped(bounds.max.z - bounds.min.z))
            fitted.footprint[1] = depth
            let shift = -depth / 2 - bounds.min.z
            if abs(shift) > 0.0005 {
                for index in fitted.parts.indices { fitted.parts[index].at[2] += shift }
                fitted.lightAt = lightAt.map { [$0[0], $0[1], $0[2] + shift] }
                bounds.min.z += shift
                bounds.max.z += shift
            }
        }
        let reachX = max(-bounds.min.x, bounds.max.x), reachZ = max(-bounds.min.z, bounds.max.z)
        fitted.footprint = [max(footprint[0], Self.snapped(2 * reachX)), max(footprint[1], Self.snapped(2 * reachZ))]
        fitted.height = max(height, Self.snapped(bounds.max.y))
        fitted.measured = PropMeasurements(of: fitted)
        return fitted
    }

    /// Rounded up to the millimetre, so float noise in vertices does not show in footprints.
    private static func snapped(_ value: Float) -> Float { (value * 1000 - 0.01).rounded(.up) / 1000 }
}

extension CompositeProp {
    /// The rectangle, in the prop's own frame, that something standing at `level` rests on:
    /// the top of every box whose top is at that height, and the square inscribed in every
    /// round top there (a card table's cloth). Nil when no part's top is at that height.
    public func surfaceRect(atHeight level: Float) -> (min: SIMD2<Float>, max: SIMD2<Float>)? {
        if let measured, let known = measured.surfaces.first(where: { abs($0.level - level) < 0.0005 }) { return known.rect }
        var low: SIMD2<Float>?, high: SIMD2<Float>?
        func add(_ a: SIMD2<Float>, _ b: SIMD2<Float>) {
            low = low.map { pointwiseMin($0, a) } ?? a
            high = high.map { pointwiseMax($0, b) } ?? b
        }
        for part in parts where (part.pitch ?? 0) == 0 {
            let transform = Self.transform(of: part)
            switch part.shape {
            case .box:
                let points = Self.geometry(of: part).geometry.positions.map { transform.apply($0) }
                guard let top = points.map(\.y).max(), abs(top - level) <= 0.01 else { continue }
                let xs = points.map(\.x), zs = points.map(\.z)
                add(SIMD2(xs.min()!, zs.min()!), SIMD2(xs.max()!, zs.max()!))
            case .cylinder:
                let scale = transform.scale
                guard let height = part.height, let radius = part.radius, abs(part.at[1] + height * scale.y / 2 - level) <= 0.01 else { continue }
                let half = SIMD2(radius * scale.x, radius * scale.z) * 0.7071
                let centre = SIMD2(part.at[0], part.at[2])
                add(centre - half, centre + half)
            default:
                continue
            }
        }
        guard let low, let high else { return nil }
        return (low, high)
    }
}

/// What a prop's parts add up to, computed once: its bounds, the rectangles its surfaces offer,
/// and its geometry merged per material slot (what every instance's mesh is made of).
public final class PropMeasurements: Sendable, Hashable {
    public let bounds: (min: Vec3, max: Vec3)?
    public let surfaces: [(level: Float, rect: (min: SIMD2<Float>, max: SIMD2<Float>))]
    public let slotGeometry: [String: Geometry]

    public init(of prop: CompositeProp) {
        var unmeasured = prop
        unmeasured.measured = nil
        bounds = unmeasured.geometryBounds()
        surfaces = ((prop.shelves ?? []) + (prop.surfaceHeight.map { [$0] } ?? [])).compactMap { level in
            unmeasured.surfaceRect(atHeight: level).map { (level, $0) }
        }
        var slots: [String: Geometry] = [:]
        for part in prop.parts {
            slots[part.material, default: Geometry()].append(CompositeProp.geometry(of: part).geometry, transform: CompositeProp.transform(of: part))
        }
        slotGeometry = slots.mapValues(\.withoutUVs)
    }

    /// Derived data: any two are equal, so a prop's equality is its definition's.
    public static func == (a: PropMeasurements, b: PropMeasurements) -> Bool { true }
    public func hash(into hasher: inout Hasher) {}
}
