/// The glTF 2.0 JSON document, as plain structs shaped like the specification. Optional
/// fields are omitted when nil; cross-references are plain integers at this level.
struct GLTFDocument: Encodable {
    struct Asset: Encodable { var version = "2.0"; var generator: String }
    struct SceneEntry: Encodable { var name: String; var nodes: [Int] }
    struct NodeEntry: Encodable {
        var name: String
        var children: [Int]?
        var mesh: Int?
        var camera: Int?
        var translation: [Float]?
        var rotation: [Float]?
        var scale: [Float]?
        var extensions: NodeExtensions?
        var extras: [String: [String: AnnotationValue]]?
    }
    /// A node's extensions: a punctual light, and the open metaverse interaction extensions.
    struct NodeExtensions: Encodable {
        struct LightReference: Encodable { var light: Int }
        /// `OMI_spawn_point`: where a visitor appears.
        struct SpawnPoint: Encodable { var title: String }
        /// `OMI_seat`: the seated pose, in the seat node's local space.
        struct Seat: Encodable {
            var back: [Float]
            var foot: [Float]
            var knee: [Float]
            var angle: Float
        }
        struct EmitterReference: Encodable { var emitters: [Int] }

        var KHR_audio_emitter: EmitterReference?
        var KHR_lights_punctual: LightReference?
        var OMI_spawn_point: SpawnPoint?
        var OMI_seat: Seat?

        var isEmpty: Bool { KHR_audio_emitter == nil && KHR_lights_punctual == nil && OMI_spawn_point == nil && OMI_seat == nil }
    }
    struct MeshEntry: Encodable {
        struct PrimitiveEntry: Encodable {
            var attributes: [String: Int]
            var indices: Int
            var material: Int
            var mode = 4
        }
        var name: String
        var primitives: [PrimitiveEntry]
    }
    struct MaterialEntry: Encodable {
        struct TextureReference: Encodable { var index: Int }
        struct PBR: Encodable {
            var baseColorFactor: [Float]
            var baseColorTexture: TextureReference?
            var metallicFactor: Float
            var roughnessFactor: Float
        }
        var name: String
        var pbrMetallicRoughness: PBR
        var emissiveFactor: [Float]?
        var doubleSided: Bool?
        var alphaMode: String?
    }
    struct Accessor: Encodable {
        var bufferView: Int
        var componentType: Int
        var count: Int
        var type: String
        /// Exact bounds: Doubles holding the Float32 values bit for bit.
        var min: [Double]?
        var max: [Double]?
    }
    struct BufferView: Encodable {
        var buffer = 0
        var byteOffset: Int
        var byteLength: Int
        var target: Int?
    }
    struct Image: Encodable { var name: String; var bufferView: Int; var mimeType = "image/png" }
    /// Bilinear with mipmaps when minified, clamped at the edges (text must not wrap round).
    struct Sampler: Encodable { var magFilter = 9729; var minFilter = 9987; var wrapS = 33071; var wrapT = 33071 }
    struct TextureEntry: Encodable { var sampler: Int; var source: Int }
    struct Buffer: Encodable {
        var byteLength: Int
        var uri: String?
    }
    struct CameraEntry: Encodable {
        struct Perspective: Encodable { var yfov: Float; var aspectRatio: Float?; var znear: Float; var zfar: Float? }
        struct Orthographic: Encodable { var xmag: Float; var ymag: Float; var znear: Float; var zfar: Float }
        var name: String
        var type: String
        var perspective: Perspective?
        var orthographic: Orthographic?
    }
    struct LightEntry: Encodable {
        struct Spot: Encodable { var innerConeAngle: Float; var outerConeAngle: Float }
        var name: String
        var type: String
        var color: [Float]
        var intensity: Float
        var range: Float?
        var spot: Spot?
    }
    /// `KHR_audio_emitter` as in its current draft: audio data by URI, a source per clip, a
    /// positional emitter per source.
    struct AudioExtension: Encodable {
        struct AudioData: Encodable { var mimeType: String; var uri: String }
        struct Source: Encodable { var audio: Int; var autoplay: Bool; var gain: Float; var loop: Bool }
        struct Emitter: Encodable {
            struct Positional: Encodable {
                var distanceModel = "inverse"
                var maxDistance: Float
                var refDistance: Float
                var rolloffFactor: Float = 1
                var shapeType = "omnidirectional"
            }
            var gain: Float = 1
            var positional: Positional
            var sources: [Int]
            var type = "positional"
        }
        var audio: [AudioData]
        var emitters: [Emitter]
        var sources: [Source]
    }

    struct RootExtensions: Encodable {
        struct Lights: Encodable { var lights: [LightEntry] }
        var KHR_audio_emitter: AudioExtension?
        var KHR_lights_punctual: Lights?
    }

    var asset: Asset
    var scene = 0
    var scenes: [SceneEntry]
    var nodes: [NodeEntry]
    var meshes: [MeshEntry]?
    var materials: [MaterialEntry]?
    var accessors: [Accessor]?
    var bufferViews: [BufferView]?
    var buffers: [Buffer]?
    var cameras: [CameraEntry]?
    var images: [Image]?
    var samplers: [Sampler]?
    var textures: [TextureEntry]?
    var extensionsUsed: [String]?
    var extensions: RootExtensions?
}
