import SceneGraph

/// A character's figure: an articulated standing person built from primitives (feet, legs,
/// hips, torso, arms, hands, neck, head), facing +Z with its feet on the origin.
///
/// Its build comes from the record and nothing else: a character the record calls a child is
/// shorter, one it calls large or slight is broader or narrower. Otherwise every figure has
/// the same adult proportions, varied by at most ±2 % in height by a hash of the name, so two
/// figures side by side do not look cloned. Skin is one neutral tone for everyone: the record
/// says nothing about it.
struct HumanFigure: Equatable {
    var height: Float
    var breadth: Float

    static let childWords = ["child", "boy", "girl", "kid", "little sister", "little brother", "young son", "young daughter"]
    static let broadWords = ["large", "big", "burly", "giant", "stocky", "heavy", "hulking", "muscular"]
    static let slightWords = ["slight", "slender", "thin", "wiry", "frail", "skinny"]

    /// The build for a character from its name, traits and description.
    init(name: String, traits: [String], description: String?) {
        let text = " " + String(([description ?? ""] + traits).joined(separator: " ").lowercased().map { $0.isLetter ? $0 : " " }) + " "
        func mentions(_ list: [String]) -> Bool { list.contains { text.contains(" \($0) ") } }
        var hash: UInt32 = 2_166_136_261
        for byte in name.utf8 { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
        let variation = 1 + (Float(hash % 41) - 20) / 1000
        height = (mentions(Self.childWords) ? 1.3 : 1.74) * variation
        breadth = mentions(Self.broadWords) ? 1.18 : mentions(Self.slightWords) ? 0.88 : 1
    }

    /// The figure's geometry, by material: clothing, legwear, skin.
    func geometry() -> (clothing: Geometry, legwear: Geometry, skin: Geometry) {
        let k = height / 1.74, b = breadth
        var clothing = Geometry(), legwear = Geometry(), skin = Geometry()
        func put(_ geometry: Geometry, _ x: Float, _ y: Float, _ z: Float = 0, into target: inout Geometry) {
            target.append(geometry, transform: Transform(translation: Vec3(x, y, z)))
        }
        let legLength = 0.8 * k, hipY = 0.06 + legLength
        for side: Float in [-1, 1] {
            put(MeshBuilder.box(Vec3(0.1 * b, 0.06, 0.25 * k)), side * 0.09 * b, 0.03, 0.04, into: &legwear)
            put(MeshBuilder.cylinder(radius: 0.062 * b, height: legLength, segments: 12), side * 0.09 * b, 0.06 + legLength / 2, into: &legwear)
        }
        put(MeshBuilder.box(Vec3(0.32 * b, 0.14 * k, 0.2 * b)), 0, hipY, into: &legwear)
        let torsoHeight = 0.52 * k, torsoY = hipY + 0.07 * k + torsoHeight / 2
        put(MeshBuilder.frustum(bottomRadius: 0.15 * b, topRadius: 0.19 * b, height: torsoHeight, segments: 16), 0, torsoY, into: &clothing)
        let shoulderY = torsoY + torsoHeight / 2 - 0.04 * k
        let armLength = 0.56 * k, armX = 0.19 * b + 0.055
        for side: Float in [-1, 1] {
            put(MeshBuilder.sphere(radius: 0.06 * b, segments: 10, rings: 6), side * (armX - 0.01), shoulderY, into: &clothing)
            put(MeshBuilder.cylinder(radius: 0.045 * b, height: armLength, segments: 10), side * armX, shoulderY - armLength / 2, into: &clothing)
            put(MeshBuilder.sphere(radius: 0.05 * k, segments: 10, rings: 6), side * armX, shoulderY - armLength - 0.04 * k, into: &skin)
        }
        let neckY = torsoY + torsoHeight / 2 + 0.04 * k
        put(MeshBuilder.cylinder(radius: 0.05 * k, height: 0.08 * k, segments: 10), 0, neckY, into: &skin)
        let headRadius = 0.11 * k
        put(MeshBuilder.sphere(radius: headRadius, segments: 16, rings: 10), 0, height - headRadius, into: &skin)
        // A nose, so the figure's facing reads from any angle.
        put(MeshBuilder.box(Vec3(0.03, 0.04, 0.04)), 0, height - headRadius, headRadius, into: &skin)
        return (clothing, legwear, skin)
    }
}
