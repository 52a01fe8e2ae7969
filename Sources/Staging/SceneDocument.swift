import Catalog
import Foundation
import Narrative
import SceneGraph

/// A staged scene as a semantic document (`GET /v1/scenes/{id}`): what is where and why, for
/// clients that map prop kinds to their own assets. The same scene as the GLB, described.
public struct SceneDocument: Sendable, Encodable {
    public struct FilmRef: Sendable, Encodable { public var id: String; public var title: String; public var year: Int? }
    public struct ProfileRef: Sendable, Encodable {
        public var audience: Audience
        public var depth: InterestDepth
        public var language: String
        public var accessibility: [AccessibilityNeed]
    }
    public struct ArchetypeRef: Sendable, Encodable {
        public var id: String
        public var name: String
        public var score: Double
        /// Every archetype's affinity score for the film, best first (how the choice was made).
        public var candidates: [Candidate]
        public struct Candidate: Sendable, Encodable { public var id: String; public var score: Double }
    }
    public struct Room: Sendable, Encodable {
        public var width: Double
        public var depth: Double
        public var height: Double
        public var enclosure: String
        public var floor: String
        public var walls: String
        /// The entrance: a door centred in the front wall (+Z).
        public var entrance: Entrance
        public struct Entrance: Sendable, Encodable { public var position: [Double]; public var width: Double; public var height: Double }
    }
    public struct Transform: Sendable, Encodable {
        public var position: [Double]
        /// Rotation about +Y in degrees; 0 faces +Z (towards the entrance).
        public var yawDegrees: Double
    }
    public struct Prop: Sendable, Encodable {
        public var id: String
        public var kind: String
        public var propId: String
        public var name: String
        public var tags: [String]
        /// Floor rectangle: [minX, minZ, maxX, maxZ] in metres.
        public var footprint: [Double]
        public var height: Double
        public var transform: Transform
        /// The prop this one stands on.
        public var standsOn: String?
    }
    public struct CharacterMark: Sendable, Encodable {
        public var id: String
        public var name: String
        public var actors: [String]
        public var description: String?
        public var transform: Transform
        /// Where a visitor stands to talk.
        public var approach: [Double]
        public var dialogueRef: String?
    }
    public struct Hotspot: Sendable, Encodable {
        public var id: String
        public var label: String
        public var text: String
        /// Catalog fields the text uses (`film.settings[0]`).
        public var facts: [String]
        public var position: [Double]
        public var height: Double
        public var triggerRadius: Double
        public var approach: [Double]
        /// For a scene whose cards a language model was asked to restyle: where this text came
        /// from (absent otherwise).
        public var textVoice: TextOrigin?
    }
    public struct LightEntry: Sendable, Encodable {
        public var name: String
        public var type: String
        public var position: [Double]
        public var color: [Double]
        public var intensity: Double
        public var range: Double?
    }
    public struct Seat: Sendable, Encodable { public var id: String; public var position: [Double]; public var prop: String }
    public struct Audio: Sendable, Encodable {
        public var id: String
        public var ambience: String
        public var loop: Bool
        public var position: [Double]
        /// Where the loop is served (MP3; `.opus` and `.wav` beside it).
        public var url: String
        /// Present for visitors who need captions.
        public var caption: String?
    }

    public var id: String
    public var generator: String
    public var seed: UInt64
    public var film: FilmRef
    public var profile: ProfileRef
    public var archetype: ArchetypeRef
    /// The lighting rig used: `bright`, `warm`, `dim` or `dark`.
    public var lighting: String
    public var room: Room
    public var spawn: Transform
    public var props: [Prop]
    public var characters: [CharacterMark]
    public var hotspots: [Hotspot]
    public var lights: [LightEntry]
    public var seats: [Seat]
    public var audio: [Audio]
    public var layout: LayoutMetrics
}

extension SceneDocument {
    static func point(_ x: Float, _ y: Float, _ z: Float) -> [Double] {
        [x, y, z].map { (Double($0) * 1000).rounded() / 1000 }
    }

    static func degrees(_ radians: Float) -> Double {
        var value = (Double(radians) * 180 / .pi * 10).rounded() / 10
        if value <= -180 { value += 360 }
        if value > 180 { value -= 360 }
        return value == 0 ? 0 : value
    }
}

extension SceneDocument {
    /// The server route of an ambience loop: `/v1/ambience/<tag>.<format>`.
    public static func ambienceURL(_ tag: String, format: String) -> String { "/v1/ambience/\(tag).\(format)" }
}
