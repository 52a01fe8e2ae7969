import Catalog
import Foundation
import SceneGraph

/// A kind of room a film can be staged in (`Scenes/*.json`): its shape, surfaces, material
/// palette, lighting rigs per mood, the props it may hold and how to place them, its ambience,
/// and its affinities to genres, keywords and settings.
public struct Archetype: Sendable, Decodable {
    public struct Room: Sendable, Decodable {
        /// `walls` (a closed room with a ceiling), `parapet` (low walls, open sky) or `open`.
        public enum Enclosure: String, Sendable, Decodable { case walls, parapet, open }
        public var width: Float
        public var depth: Float
        public var height: Float
        public var enclosure: Enclosure

        /// How high the walls reach: the room's height, a parapet's 1.1 m, or nothing outdoors.
        public var wallHeight: Float {
            switch enclosure {
            case .walls: return height
            case .parapet: return 1.1
            case .open: return 0
            }
        }
    }

    /// A material as data: linear RGB colour, roughness, metallic, emissive.
    public struct MaterialSpec: Sendable, Decodable, Hashable {
        public var color: [Float]
        public var roughness: Float
        public var metallic: Float?
        public var emissive: [Float]?
    }

    public struct Surfaces: Sendable, Decodable {
        public var floor: MaterialSpec
        public var walls: MaterialSpec
        public var ceiling: MaterialSpec
    }

    /// A light of a rig. `at` is (x, y, z) with x and z as fractions of the room's width and
    /// depth (−0.5…0.5) and y in metres. `aim` is a target point in the same units for spot
    /// lights and a direction for directional lights.
    public struct LightSpec: Sendable, Decodable {
        public var type: Light.Kind
        public var at: [Float]
        public var color: [Float]
        public var intensity: Float
        public var range: Float?
        public var aim: [Float]?
    }

    /// A window in a wall: `at` is the centre as a fraction of the wall's length.
    public struct WindowSpec: Sendable, Decodable {
        public var wall: Wall
        public var at: Float
        public var width: Float
        public var height: Float
        public var sill: Float
    }

    /// How one prop of the palette is placed.
    public struct PropRule: Sendable, Decodable {
        public init(prop: String, placement: Placement, count: Int) {
            self.prop = prop
            self.placement = placement
            self.count = count
        }

        public var prop: String
        public var placement: Placement
        public var count: Int
        public var required: Bool?
        /// `againstWall`: which wall, when it matters.
        public var wall: Wall?
        /// `onSurface`: the prop to stand on; `facing`, `around`, `nextTo`: the prop to relate to.
        public var surfaceOf: String?
        public var facing: String?
        public var around: String?
        public var nextTo: String?

        public var isRequired: Bool { required ?? false }
        /// The prop this rule places relative to, if any.
        public var anchor: String? { surfaceOf ?? facing ?? around ?? nextTo }
    }

    /// Placement rules the layout solver understands.
    public enum Placement: String, Sendable, Decodable, CaseIterable {
        case againstWall, corner, center, perimeter, onSurface, facing, around, nextTo
    }

    /// The four walls: `front` holds the entrance (at +Z), `back` faces it.
    public enum Wall: String, Sendable, Decodable, CaseIterable { case back, left, right, front }

    public struct Ambience: Sendable, Decodable {
        public var tag: String
        /// What the ambience sounds like, in words: the caption for visitors who need captions.
        public var caption: String
    }

    public struct Affinities: Sendable, Decodable {
        public var genres: [String: Float]
        public var keywords: [String: Float]
        public var settings: [String: Float]
    }

    public var id: String
    public var name: String
    public var room: Room
    public var surfaces: Surfaces
    /// Material slots props refer to ("wood", "metal"…).
    public var palette: [String: MaterialSpec]
    /// Lighting rigs by mood: `bright`, `warm`, `dim`, `dark`.
    public var lighting: [String: [LightSpec]]
    public var windows: [WindowSpec]?
    public var props: [PropRule]
    /// The prop hotspots are mounted on (`wall-panel`, or `sign-stand` outdoors).
    public var hotspotProp: String
    public var ambience: Ambience
    public var affinities: Affinities

    /// Every problem with the definition; empty when it is valid.
    func problems(props library: PropLibrary) -> [String] {
        var found: [String] = []
        if !(room.width >= 5 && room.depth >= 5 && room.height >= 2.4) { found.append("room must be at least 5 × 5 × 2.4 m") }
        for (name, spec) in [("floor", surfaces.floor), ("walls", surfaces.walls), ("ceiling", surfaces.ceiling)] + palette.sorted(by: { $0.key < $1.key }).map({ ("palette.\($0.key)", $0.value) }) {
            if spec.color.count != 3 || spec.emissive.map({ $0.count != 3 }) == true { found.append("\(name): colour and emissive need 3 numbers") }
        }
        for mood in ["bright", "warm", "dim", "dark"] where lighting[mood]?.isEmpty ?? true { found.append("lighting.\(mood) needs at least one light") }
        for (mood, rig) in lighting { for light in rig where light.at.count != 3 || light.color.count != 3 { found.append("lighting.\(mood): at and color need 3 numbers") } }
        let ids = Set(props.map(\.prop))
        var placedBefore: Set<String> = []
        for rule in props {
            defer { placedBefore.insert(rule.prop) }
            if library.props[rule.prop] == nil { found.append("props: unknown prop '\(rule.prop)'") }
            // Rules are placed in order: a rule relating to another prop must come after it.
            if let anchor = rule.anchor, ids.contains(anchor), !placedBefore.contains(anchor) {
                found.append("props: '\(rule.prop)' refers to '\(anchor)', whose rule comes later; list '\(anchor)' first")
            }
            if rule.placement == .onSurface, let host = rule.surfaceOf.flatMap({ library.props[$0] }), host.surfaceHeight == nil {
                found.append("props: '\(rule.prop)' is placed on '\(host.id)', which has no surfaceHeight")
            }
            if rule.count < 1 || rule.count > 12 { found.append("props: '\(rule.prop)' count must be 1–12") }
            if let anchor = rule.anchor, !ids.contains(anchor) { found.append("props: '\(rule.prop)' refers to '\(anchor)', which the palette lacks") }
            let needsAnchor: Set<Placement> = [.onSurface, .facing, .around, .nextTo]
            if needsAnchor.contains(rule.placement) && rule.anchor == nil { found.append("props: '\(rule.prop)' (\(rule.placement.rawValue)) names no prop to relate to") }
        }
        if library.props[hotspotProp] == nil { found.append("unknown hotspotProp '\(hotspotProp)'") }
        if affinities.genres.keys.contains(where: { Genre(label: $0) == nil }) { found.append("affinities.genres names an unknown genre") }
        return found
    }
}
