import SceneGraph

/// Turns an archetype's material specs into scene materials, and replaces them with a
/// high-contrast palette for visitors who need one: light walls, dark floor and furniture,
/// yellow interactive surfaces.
struct MaterialPalette {
    let highContrast: Bool

    /// Relative luminance of a linear colour.
    static func luminance(_ c: Vec3) -> Float { 0.2126 * c.x + 0.7152 * c.y + 0.0722 * c.z }

    static let highContrastSurfaces: [String: Archetype.MaterialSpec] = [
        "floor": .init(color: [0.06, 0.06, 0.06], roughness: 0.9), "walls": .init(color: [0.92, 0.92, 0.9], roughness: 0.9),
        "ceiling": .init(color: [0.8, 0.8, 0.8], roughness: 0.9),
    ]

    static let highContrastSlots: [String: Archetype.MaterialSpec] = [
        "accent": .init(color: [1, 0.78, 0], roughness: 0.5), "brass": .init(color: [1, 0.78, 0], roughness: 0.5),
        "paper": .init(color: [1, 1, 1], roughness: 0.8), "glass": .init(color: [0.55, 0.8, 1], roughness: 0.2),
        "light": .init(color: [1, 1, 1], roughness: 0.5, emissive: [1, 1, 1]), "screen": .init(color: [1, 1, 1], roughness: 0.5, emissive: [0.9, 0.9, 0.9]),
    ]

    static let highContrastDefault = Archetype.MaterialSpec(color: [0.08, 0.08, 0.08], roughness: 0.7)

    func surface(_ name: String, _ spec: Archetype.MaterialSpec, archetype: String) -> Material {
        highContrast ? material(name: "\(archetype)/\(name)/high-contrast", spec: Self.highContrastSurfaces[name]!) : material(name: "\(archetype)/\(name)", spec: spec)
    }

    func slot(_ name: String, in archetype: Archetype) -> Material {
        let spec: Archetype.MaterialSpec
        if highContrast {
            spec = Self.highContrastSlots[name] ?? Self.highContrastDefault
        } else {
            spec = archetype.palette[name] ?? Archetype.MaterialSpec(color: [0.5, 0.5, 0.5], roughness: 0.8)
        }
        return material(name: "\(archetype.id)/\(name)\(highContrast ? "/high-contrast" : "")", spec: spec)
    }

    func material(name: String, spec: Archetype.MaterialSpec) -> Material {
        Material(
            name: name, baseColor: SIMD4(spec.color[0], spec.color[1], spec.color[2], 1), metallic: spec.metallic ?? 0, roughness: spec.roughness,
            emissive: spec.emissive.map { Vec3($0[0], $0[1], $0[2]) } ?? .zero)
    }

    /// Distinct colours for character figures, in order.
    static let characterColors: [Vec3] = [
        Vec3(0.85, 0.25, 0.2), Vec3(0.2, 0.45, 0.85), Vec3(0.95, 0.75, 0.15), Vec3(0.3, 0.7, 0.35),
        Vec3(0.65, 0.35, 0.8), Vec3(0.95, 0.5, 0.2),
    ]
}
