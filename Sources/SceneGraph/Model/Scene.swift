/// A typed index into one of a scene's lists: a `SceneIndex<Mesh>` cannot be used where a
/// `SceneIndex<Node>` belongs (gltf-rs's `Index<T>`).
public struct SceneIndex<Element>: Hashable, Sendable, Comparable {
    public let rawValue: Int
    public init(_ rawValue: Int) { self.rawValue = rawValue }
    public static func < (a: SceneIndex, b: SceneIndex) -> Bool { a.rawValue < b.rawValue }
}

/// A 3D scene: a forest of nodes with transforms, shared meshes and materials, punctual
/// lights, cameras, and semantic annotations. Knows nothing of films.
///
/// Meshes and materials are stored once and referenced: ``mesh(key:_:)`` returns the same
/// index for the same key, so a mesh used by twenty nodes is written to glTF once.
public struct Scene: Sendable {
    public var name: String
    public private(set) var nodes: [Node] = []
    public private(set) var roots: [SceneIndex<Node>] = []
    public private(set) var meshes: [Mesh] = []
    public private(set) var materials: [Material] = []
    public private(set) var lights: [Light] = []
    public private(set) var cameras: [Camera] = []
    public internal(set) var textures: [Texture] = []
    var textureKeys: [String: SceneIndex<Texture>] = [:]
    private var meshKeys: [String: SceneIndex<Mesh>] = [:]
    private var meshNames: Set<String> = []
    private var meshNameCounts: [String: Int] = [:]
    private var materialIndex: [Material: SceneIndex<Material>] = [:]

    public init(name: String) {
        self.name = name
    }

    /// The index of an equal material, adding it if new.
    public mutating func material(_ material: Material) -> SceneIndex<Material> {
        if let index = materialIndex[material] { return index }
        let index = SceneIndex<Material>(materials.count)
        materials.append(material)
        materialIndex[material] = index
        return index
    }

    /// The mesh stored under `key`, building it with `build` the first time. Mesh names are
    /// unique within a scene: a name already taken gets " 2", " 3", … in the order meshes are added.
    public mutating func mesh(key: String, _ build: () -> Mesh) -> SceneIndex<Mesh> {
        if let index = meshKeys[key] { return index }
        let index = SceneIndex<Mesh>(meshes.count)
        var mesh = build()
        let base = mesh.name
        var copy = meshNameCounts[base, default: 1]
        while meshNames.contains(mesh.name) {
            copy += 1
            mesh.name = "\(base) \(copy)"
        }
        meshNameCounts[base] = copy
        meshNames.insert(mesh.name)
        meshes.append(mesh)
        meshKeys[key] = index
        return index
    }

    public mutating func light(_ light: Light) -> SceneIndex<Light> {
        lights.append(light)
        return SceneIndex(lights.count - 1)
    }

    public mutating func camera(_ camera: Camera) -> SceneIndex<Camera> {
        cameras.append(camera)
        return SceneIndex(cameras.count - 1)
    }

    /// Adds a node under `parent`, or as a root.
    @discardableResult
    public mutating func add(_ node: Node, parent: SceneIndex<Node>? = nil) -> SceneIndex<Node> {
        let index = SceneIndex<Node>(nodes.count)
        nodes.append(node)
        if let parent { nodes[parent.rawValue].children.append(index) } else { roots.append(index) }
        return index
    }

    public subscript(index: SceneIndex<Node>) -> Node { nodes[index.rawValue] }
    public subscript(index: SceneIndex<Mesh>) -> Mesh { meshes[index.rawValue] }
    public subscript(index: SceneIndex<Material>) -> Material { materials[index.rawValue] }
    public subscript(index: SceneIndex<Light>) -> Light { lights[index.rawValue] }
    public subscript(index: SceneIndex<Camera>) -> Camera { cameras[index.rawValue] }

    /// Every node with its world matrix, parents before children, in a fixed order.
    public func worldTransforms() -> [(node: SceneIndex<Node>, world: Matrix4)] {
        var result: [(SceneIndex<Node>, Matrix4)] = []
        func visit(_ index: SceneIndex<Node>, _ parent: Matrix4) {
            let world = parent * nodes[index.rawValue].transform.matrix
            result.append((index, world))
            for child in nodes[index.rawValue].children { visit(child, world) }
        }
        for root in roots { visit(root, .identity) }
        return result
    }

    /// Rewrites the annotation of every node annotated with `role` and `id` (a hotspot's text
    /// after the scene was assembled, for instance).
    public mutating func updateAnnotations(role: Annotation.Role, id: String, _ update: (inout Annotation) -> Void) {
        for index in nodes.indices where nodes[index].annotation?.role == role && nodes[index].annotation?.id == id {
            update(&nodes[index].annotation!)
        }
    }

    /// Nodes carrying an annotation with `role`, with their world matrices.
    public func annotated(_ role: Annotation.Role) -> [(node: Node, world: Matrix4)] {
        worldTransforms().compactMap { entry in
            let node = nodes[entry.node.rawValue]
            return node.annotation?.role == role ? (node, entry.world) : nil
        }
    }
}

/// A node: a transform and, optionally, a mesh, a light, a camera and an annotation.
public struct Node: Sendable {
    public var name: String
    public var transform: Transform
    public var mesh: SceneIndex<Mesh>?
    public var light: SceneIndex<Light>?
    public var camera: SceneIndex<Camera>?
    public var annotation: Annotation?
    /// The seated pose, when the node is a seat (exported as `OMI_seat`).
    public var seat: SeatPose?
    /// The sound the node plays (exported as `KHR_audio_emitter`).
    public var audio: AudioEmitter?
    public fileprivate(set) var children: [SceneIndex<Node>] = []

    public init(
        name: String, transform: Transform = .identity, mesh: SceneIndex<Mesh>? = nil, light: SceneIndex<Light>? = nil,
        camera: SceneIndex<Camera>? = nil, annotation: Annotation? = nil, seat: SeatPose? = nil, audio: AudioEmitter? = nil
    ) {
        self.seat = seat
        self.audio = audio
        self.name = name
        self.transform = transform
        self.mesh = mesh
        self.light = light
        self.camera = camera
        self.annotation = annotation
    }
}

/// An indexed triangle mesh: one or more primitives, each with its own material.
public struct Mesh: Sendable {
    public var name: String
    public var primitives: [Primitive]

    public init(name: String, primitives: [Primitive]) {
        self.name = name
        self.primitives = primitives
    }
}

/// Triangles with per-vertex normals (and UVs where useful), drawn with one material.
public struct Primitive: Sendable {
    public var geometry: Geometry
    public var material: SceneIndex<Material>

    public init(geometry: Geometry, material: SceneIndex<Material>) {
        self.geometry = geometry
        self.material = material
    }
}

/// Vertex and index data of a triangle list, counter-clockwise front faces.
public struct Geometry: Sendable, Equatable {
    public var positions: [Vec3] = []
    public var normals: [Vec3] = []
    public var uvs: [SIMD2<Float>] = []
    public var indices: [UInt32] = []

    public init() {}

    public var triangleCount: Int { indices.count / 3 }

    /// Appends `other` transformed by `transform`. UVs are kept only while every part has them.
    public mutating func append(_ other: Geometry, transform: Transform = .identity) {
        let base = UInt32(positions.count)
        let keepUVs = uvs.count == positions.count && other.uvs.count == other.positions.count
        positions += other.positions.map { transform.apply($0) }
        normals += other.normals.map { simd_normalize_safe(transform.rotation.rotate($0 / transform.scale)) }
        uvs = keepUVs ? uvs + other.uvs : []
        indices += other.indices.map { $0 + base }
    }

    /// `geometry` with every vertex moved by `transform`.
    public static func transformed(_ geometry: Geometry, _ transform: Transform) -> Geometry {
        var result = Geometry()
        result.append(geometry, transform: transform)
        return result
    }

    /// The same triangles without texture coordinates (for untextured materials).
    public var withoutUVs: Geometry {
        var copy = self
        copy.uvs = []
        return copy
    }

    /// Axis-aligned bounds of the positions.
    public var bounds: (min: Vec3, max: Vec3) {
        guard var low = positions.first else { return (.zero, .zero) }
        var high = low
        for p in positions {
            low = pointwiseMin(low, p)
            high = pointwiseMax(high, p)
        }
        return (low, high)
    }
}

/// A physically based metallic-roughness material.
public struct Material: Sendable, Hashable {
    public var name: String
    /// Linear RGBA base colour.
    public var baseColor: SIMD4<Float>
    public var metallic: Float
    public var roughness: Float
    /// Linear RGB emitted light.
    public var emissive: Vec3
    public var doubleSided: Bool
    /// An image multiplying the base colour, read through the primitive's texture coordinates.
    public var baseColorTexture: SceneIndex<Texture>?

    public init(
        name: String, baseColor: SIMD4<Float>, metallic: Float = 0, roughness: Float = 0.8, emissive: Vec3 = .zero, doubleSided: Bool = false,
        baseColorTexture: SceneIndex<Texture>? = nil
    ) {
        self.baseColorTexture = baseColorTexture
        self.name = name
        self.baseColor = baseColor
        self.metallic = metallic
        self.roughness = roughness
        self.emissive = emissive
        self.doubleSided = doubleSided
    }
}

/// A punctual light (KHR_lights_punctual): it shines along the node's −Z.
public struct Light: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, Decodable { case point, spot, directional }

    public var name: String
    public var kind: Kind
    /// Linear RGB colour.
    public var color: Vec3
    /// Candela for point and spot lights, lux for directional lights.
    public var intensity: Float
    /// Distance at which the light reaches zero, or nil for physical falloff only.
    public var range: Float?
    public var innerConeAngle: Float
    public var outerConeAngle: Float
    /// Whether the preview renders a shadow map for this light. A light inside its own fixture
    /// (a lamp's shade) would only shadow itself. glTF has no such field, so files omit it.
    public var castsShadows: Bool

    public init(
        name: String, kind: Kind, color: Vec3 = .one, intensity: Float, range: Float? = nil, innerConeAngle: Float = 0, outerConeAngle: Float = .pi / 4,
        castsShadows: Bool = true
    ) {
        self.name = name
        self.kind = kind
        self.color = color
        self.intensity = intensity
        self.range = range
        self.innerConeAngle = innerConeAngle
        self.outerConeAngle = outerConeAngle
        self.castsShadows = castsShadows
    }
}

/// A camera looking along the node's −Z.
public enum Camera: Sendable, Hashable {
    /// Vertical field of view in radians; aspect ratio nil lets the viewport decide.
    case perspective(yfov: Float, aspectRatio: Float?, znear: Float, zfar: Float?)
    /// Half-width and half-height of the view volume in metres.
    case orthographic(xmag: Float, ymag: Float, znear: Float, zfar: Float)
}
