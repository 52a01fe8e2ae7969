import SceneGraph

/// The room's general lighting, in the file: what a physically based client needs to see the
/// room lit, and what the preview's shading uses instead of an ambient term.
///
/// Walled rooms get a grid of ceiling fixtures, one per 3 × 3 m, each a high-output
/// luminaire of about 12,500 lm under a 3 m ceiling (1,000 cd: a lit set or venue, several
/// hundred lux on the floor), more in taller rooms so the floor gets the same light, behind a
/// small emissive diffuser; rooms open to the sky get a sky fill, a directional light straight
/// down (1,000 lux, an overcast day). Both scale with the mood: bright 1, warm 0.8, dim 0.6,
/// dark 0.4, but a fixture is never so weak that it stops short of the floor of its cell:
/// Blender's EEVEE cuts every light off where its contribution falls below a fixed level, so a
/// dark mood shows in the rig's colours and the diffusers' glow, not in a black floor. Every point
/// light declares that cut-off as its glTF `range`, so all clients agree.
extension SceneAssembler {
    static let fixtureCandela: Float = 1000
    static let skyLux: Float = 1000

    /// The intensity of a white point light that Blender's EEVEE lets reach `distance` metres.
    static func candela(reaching distance: Float) -> Float { distance * distance * 683 / (4 * .pi) }

    static func fillFactor(mood: String) -> Float {
        switch mood {
        case "bright": return 1
        case "warm": return 0.8
        case "dim": return 0.6
        default: return 0.4
        }
    }

    mutating func addFill(mood: String, brightness: Float, group: SceneIndex<Node>) -> [SceneDocument.LightEntry] {
        let room = archetype.room
        let factor = Self.fillFactor(mood: mood) * brightness
        let warmWhite = Vec3(1, 0.94, 0.86)
        guard room.enclosure == .walls else {
            let sky = scene.light(Light(name: "\(archetype.id) sky fill", kind: .directional, color: Vec3(0.8, 0.87, 1), intensity: Self.skyLux * factor))
            scene.add(Node(name: "fill-sky", transform: Transform(translation: Vec3(0, room.height, 0), rotation: .looking(along: Vec3(0, -1, 0))), light: sky), parent: group)
            return [SceneDocument.LightEntry(
                name: "fill-sky", type: "directional", position: SceneDocument.point(0, room.height, 0), color: [0.8, 0.87, 1],
                intensity: Double(Self.skyLux * factor), range: nil)]
        }
        let columns = max(1, Int((room.width / 3).rounded(.up))), rows = max(1, Int((room.depth / 3).rounded(.up)))
        let diffuser = scene.material(Material(name: "fixture \(mood)\(palette.highContrast ? "/high-contrast" : "")", baseColor: SIMD4(1, 1, 1, 1), emissive: warmWhite * min(1, factor)))
        let disc = scene.mesh(key: "fixture \(diffuser.rawValue)") {
            Mesh(name: "ceiling fixture", primitives: [Primitive(geometry: MeshBuilder.cylinder(radius: 0.22, height: 0.04, segments: 16).withoutUVs, material: diffuser)])
        }
        // Each fixture reaches the farthest floor point of its cell with margin, however dark the
        // mood: Blender's EEVEE cuts a light off at a distance set by its power (see
        // `Light.thresholdReach`), and a fill that stops short of the floor leaves it black.
        let farthest = ((room.height - 0.1) * (room.height - 0.1) + (room.width / Float(columns) / 2) * (room.width / Float(columns) / 2)
            + (room.depth / Float(rows) / 2) * (room.depth / Float(rows) / 2)).squareRoot()
        let reaching = Self.candela(reaching: 1.25 * farthest)
        let candela = max(reaching, Self.fixtureCandela * factor * max(1, (room.height / 3) * (room.height / 3)))
        let fixture = Light(name: "\(archetype.id) ceiling fixture", kind: .point, color: warmWhite, intensity: candela).reachingAsClientsDo
        let light = scene.light(fixture)
        var entries: [SceneDocument.LightEntry] = []
        for row in 0..<rows {
            for column in 0..<columns {
                let x = (Float(column) + 0.5) / Float(columns) * room.width - room.width / 2
                let z = (Float(row) + 0.5) / Float(rows) * room.depth - room.depth / 2
                let name = "fill-\(entries.count + 1)"
                scene.add(Node(name: "\(name) fixture", transform: Transform(translation: Vec3(x, room.height - 0.02, z)), mesh: disc), parent: group)
                scene.add(Node(name: name, transform: Transform(translation: Vec3(x, room.height - 0.1, z)), light: light), parent: group)
                entries.append(SceneDocument.LightEntry(
                    name: name, type: "point", position: SceneDocument.point(x, room.height - 0.1, z), color: [1, 0.94, 0.86],
                    intensity: Double(candela), range: fixture.range.map(Double.init)))
            }
        }
        return entries
    }
}
