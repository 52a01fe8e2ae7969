import Foundation

/// Writes a ``Scene`` as glTF 2.0: `.gltf` (JSON with the buffer as a base64 data URI) or
/// `.glb` (binary). Deterministic: the same scene gives the same bytes.
///
/// Positions carry exact `min`/`max`; indices are UInt16 when every index fits, else UInt32;
/// lights use `KHR_lights_punctual`, sounds `KHR_audio_emitter`, the spawn point `OMI_spawn_point` and seats `OMI_seat` (all
/// listed in `extensionsUsed`, never `extensionsRequired`); annotations go to each node's
/// `extras.scenewright`.
public enum GLTFExporter {
    /// The value of `asset.generator`.
    public static let generator = "Scenewright 0.1.0"

    /// The `.gltf` JSON document with its buffer embedded.
    public static func gltf(_ scene: Scene) throws -> Data {
        var (document, binary) = build(scene)
        if !binary.isEmpty {
            document.buffers = [.init(byteLength: binary.count, uri: "data:application/octet-stream;base64," + binary.base64EncodedString())]
        }
        return try encode(document)
    }

    /// The binary `.glb` container.
    public static func glb(_ scene: Scene) throws -> Data {
        var (document, binary) = build(scene)
        if !binary.isEmpty { document.buffers = [.init(byteLength: binary.count, uri: nil)] }
        return GLBContainer.pack(json: try encode(document), binary: binary)
    }

    static func encode(_ document: GLTFDocument) throws -> Data { Data(document.json()) }

    /// The JSON document (without `buffers`) and the binary buffer.
    static func build(_ scene: Scene) -> (GLTFDocument, Data) {
        var writer = BufferWriter()
        var meshes: [GLTFDocument.MeshEntry] = []
        for mesh in scene.meshes {
            let primitives = mesh.primitives.map { primitive -> GLTFDocument.MeshEntry.PrimitiveEntry in
                let g = primitive.geometry
                var attributes: [String: Int] = [:]
                attributes["POSITION"] = writer.vec3(g.positions, bounds: true)
                attributes["NORMAL"] = writer.vec3(g.normals, bounds: false)
                if !g.uvs.isEmpty && g.uvs.count == g.positions.count { attributes["TEXCOORD_0"] = writer.vec2(g.uvs) }
                return .init(attributes: attributes, indices: writer.indices(g.indices), material: primitive.material.rawValue)
            }
            meshes.append(.init(name: mesh.name, primitives: primitives))
        }
        let materials = scene.materials.map { m in
            GLTFDocument.MaterialEntry(
                name: m.name,
                pbrMetallicRoughness: .init(
                    baseColorFactor: [m.baseColor.x, m.baseColor.y, m.baseColor.z, m.baseColor.w], baseColorTexture: m.baseColorTexture.map { .init(index: $0.rawValue) },
                    metallicFactor: m.metallic, roughnessFactor: m.roughness),
                emissiveFactor: m.emissive == .zero ? nil : [m.emissive.x, m.emissive.y, m.emissive.z],
                doubleSided: m.doubleSided ? true : nil,
                alphaMode: m.baseColor.w < 1 ? "BLEND" : nil)
        }
        // One audio, source and emitter per node that plays a sound, in node order.
        var audio = GLTFDocument.AudioExtension(audio: [], emitters: [], sources: [])
        var emitterOfNode: [Int: Int] = [:]
        for (index, node) in scene.nodes.enumerated() {
            guard let sound = node.audio else { continue }
            emitterOfNode[index] = audio.emitters.count
            audio.audio.append(.init(mimeType: sound.mimeType, uri: sound.uri))
            audio.sources.append(.init(audio: audio.sources.count, autoplay: sound.autoplay, gain: sound.gain, loop: sound.loop))
            audio.emitters.append(.init(positional: .init(maxDistance: sound.maxDistance, refDistance: sound.refDistance), sources: [audio.emitters.count]))
        }
        let nodes = scene.nodes.enumerated().map { index, node -> GLTFDocument.NodeEntry in
            let t = node.transform
            return GLTFDocument.NodeEntry(
                name: node.name,
                children: node.children.isEmpty ? nil : node.children.map(\.rawValue),
                mesh: node.mesh?.rawValue,
                camera: node.camera?.rawValue,
                translation: t.translation == .zero ? nil : [t.translation.x, t.translation.y, t.translation.z],
                rotation: t.rotation == .identity ? nil : { let q = t.rotation.normalized; return [q.x, q.y, q.z, q.w] }(),
                scale: t.scale == .one ? nil : [t.scale.x, t.scale.y, t.scale.z],
                extensions: extensions(of: node, emitter: emitterOfNode[index]),
                extras: node.annotation.map { ["scenewright": $0.object] })
        }
        let cameras = scene.cameras.enumerated().map { index, camera -> GLTFDocument.CameraEntry in
            switch camera {
            case .perspective(let yfov, let aspect, let znear, let zfar):
                return .init(name: "camera \(index)", type: "perspective", perspective: .init(yfov: yfov, aspectRatio: aspect, znear: znear, zfar: zfar))
            case .orthographic(let xmag, let ymag, let znear, let zfar):
                return .init(name: "camera \(index)", type: "orthographic", orthographic: .init(xmag: xmag, ymag: ymag, znear: znear, zfar: zfar))
            }
        }
        let lights = scene.lights.map { light in
            GLTFDocument.LightEntry(
                name: light.name, type: light.kind.rawValue, color: [light.color.x, light.color.y, light.color.z], intensity: light.intensity,
                range: light.kind == .directional ? nil : light.range,
                spot: light.kind == .spot ? .init(innerConeAngle: light.innerConeAngle, outerConeAngle: light.outerConeAngle) : nil)
        }
        // Images last in the buffer, each in its own view (no target: they are not vertex data).
        let images = scene.textures.map { GLTFDocument.Image(name: $0.name, bufferView: writer.image($0.png)) }
        let document = GLTFDocument(
            asset: .init(generator: generator),
            scenes: [.init(name: scene.name, nodes: scene.roots.map(\.rawValue))],
            nodes: nodes,
            meshes: meshes.isEmpty ? nil : meshes,
            materials: materials.isEmpty ? nil : materials,
            accessors: writer.accessors.isEmpty ? nil : writer.accessors,
            bufferViews: writer.views.isEmpty ? nil : writer.views,
            cameras: cameras.isEmpty ? nil : cameras,
            images: images.isEmpty ? nil : images,
            samplers: images.isEmpty ? nil : [.init()],
            textures: images.isEmpty ? nil : images.indices.map { .init(sampler: 0, source: $0) },
            extensionsUsed: extensionsUsed(nodes, lights: !lights.isEmpty).nilIfEmpty,
            extensions: lights.isEmpty && audio.audio.isEmpty
                ? nil : .init(KHR_audio_emitter: audio.audio.isEmpty ? nil : audio, KHR_lights_punctual: lights.isEmpty ? nil : .init(lights: lights)))
        return (document, writer.data)
    }

    /// A node's light, its sound's emitter, and its interaction extensions: `OMI_spawn_point`
    /// on the spawn node (titled with its label) and `OMI_seat` on each seat with a pose.
    static func extensions(of node: Node, emitter: Int?) -> GLTFDocument.NodeExtensions? {
        var extensions = GLTFDocument.NodeExtensions()
        extensions.KHR_audio_emitter = emitter.map { .init(emitters: [$0]) }
        extensions.KHR_lights_punctual = node.light.map { .init(light: $0.rawValue) }
        if let annotation = node.annotation, annotation.role == .spawn { extensions.OMI_spawn_point = .init(title: String(annotation.label.prefix(128))) }
        if let seat = node.seat {
            func rounded(_ v: Vec3) -> [Float] { [v.x, v.y, v.z].map { ($0 * 1000).rounded() / 1000 } }
            extensions.OMI_seat = .init(back: rounded(seat.back), foot: rounded(seat.foot), knee: rounded(seat.knee), angle: seat.angle)
        }
        return extensions.isEmpty ? nil : extensions
    }

    /// Every extension the nodes use, sorted. Listed in `extensionsUsed` only: a client that
    /// knows none of them still renders the scene.
    static func extensionsUsed(_ nodes: [GLTFDocument.NodeEntry], lights: Bool) -> [String] {
        var used: Set<String> = lights ? ["KHR_lights_punctual"] : []
        for extensions in nodes.compactMap(\.extensions) {
            if extensions.KHR_lights_punctual != nil { used.insert("KHR_lights_punctual") }
            if extensions.KHR_audio_emitter != nil { used.insert("KHR_audio_emitter") }
            if extensions.OMI_spawn_point != nil { used.insert("OMI_spawn_point") }
            if extensions.OMI_seat != nil { used.insert("OMI_seat") }
        }
        return used.sorted()
    }
}

extension Array {
    fileprivate var nilIfEmpty: Self? { isEmpty ? nil : self }
}

/// Accumulates the binary buffer: one buffer view per accessor, each 4-byte aligned.
struct BufferWriter {
    private var bytes: [UInt8] = []
    var views: [GLTFDocument.BufferView] = []
    var accessors: [GLTFDocument.Accessor] = []

    static let float = 5126, unsignedShort = 5123, unsignedInt = 5125
    static let arrayBuffer = 34962, elementArrayBuffer = 34963

    /// The binary buffer so far.
    var data: Data { Data(bytes) }

    mutating func image(_ png: Data) -> Int {
        let index = beginView(byteLength: png.count, target: nil)
        bytes.append(contentsOf: png)
        return index
    }

    /// Pads to 4 bytes and records a view of the next `byteLength` bytes.
    private mutating func beginView(byteLength: Int, target: Int?) -> Int {
        while bytes.count % 4 != 0 { bytes.append(0) }
        views.append(.init(byteOffset: bytes.count, byteLength: byteLength, target: target))
        return views.count - 1
    }

    /// Appends `values` as little-endian bytes: one copy on little-endian machines.
    private mutating func append<T: FixedWidthInteger>(littleEndian values: [T]) {
        #if _endian(little)
        values.withUnsafeBytes { bytes.append(contentsOf: $0) }
        #else
        for value in values { withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) } }
        #endif
    }

    /// The components of `values`, tightly packed (SIMD vectors are padded in memory).
    private static func components<V: SIMD>(_ values: [V], width: Int) -> [UInt32] where V.Scalar == Float {
        var out = [UInt32](repeating: 0, count: values.count * width)
        out.withUnsafeMutableBufferPointer { out in
            for (i, v) in values.enumerated() {
                for k in 0..<width { out[i * width + k] = v[k].bitPattern }
            }
        }
        return out
    }

    mutating func vec3(_ values: [Vec3], bounds: Bool) -> Int {
        let index = beginView(byteLength: values.count * 12, target: Self.arrayBuffer)
        append(littleEndian: Self.components(values, width: 3))
        var low: [Double]?, high: [Double]?
        if bounds, var minimum = values.first {
            var maximum = minimum
            for v in values {
                minimum = pointwiseMin(minimum, v)
                maximum = pointwiseMax(maximum, v)
            }
            low = [Double(minimum.x), Double(minimum.y), Double(minimum.z)]
            high = [Double(maximum.x), Double(maximum.y), Double(maximum.z)]
        }
        accessors.append(.init(bufferView: index, componentType: Self.float, count: values.count, type: "VEC3", min: low, max: high))
        return accessors.count - 1
    }

    mutating func vec2(_ values: [SIMD2<Float>]) -> Int {
        let index = beginView(byteLength: values.count * 8, target: Self.arrayBuffer)
        append(littleEndian: Self.components(values, width: 2))
        accessors.append(.init(bufferView: index, componentType: Self.float, count: values.count, type: "VEC2"))
        return accessors.count - 1
    }

    /// UInt16 when every index fits (65535 is reserved as primitive restart), else UInt32.
    mutating func indices(_ values: [UInt32]) -> Int {
        let small = (values.max() ?? 0) < 65_535
        let index = beginView(byteLength: values.count * (small ? 2 : 4), target: Self.elementArrayBuffer)
        if small { append(littleEndian: values.map { UInt16($0) }) } else { append(littleEndian: values) }
        accessors.append(.init(bufferView: index, componentType: small ? Self.unsignedShort : Self.unsignedInt, count: values.count, type: "SCALAR"))
        return accessors.count - 1
    }
}

/// The GLB container: a 12-byte header, the JSON chunk padded with spaces and the BIN chunk
/// padded with zeros, both to 4 bytes.
public enum GLBContainer {
    public static func pack(json: Data, binary: Data) -> Data {
        var jsonChunk = json
        while jsonChunk.count % 4 != 0 { jsonChunk.append(0x20) }
        var binChunk = binary
        while binChunk.count % 4 != 0 { binChunk.append(0) }
        let total = 12 + 8 + jsonChunk.count + (binChunk.isEmpty ? 0 : 8 + binChunk.count)
        var out = Data(capacity: total)
        func u32(_ value: UInt32) { withUnsafeBytes(of: value.littleEndian) { out.append(contentsOf: $0) } }
        u32(0x4654_6C67)  // "glTF"
        u32(2)
        u32(UInt32(total))
        u32(UInt32(jsonChunk.count))
        u32(0x4E4F_534A)  // "JSON"
        out.append(jsonChunk)
        if !binChunk.isEmpty {
            u32(UInt32(binChunk.count))
            u32(0x004E_4942)  // "BIN\0"
            out.append(binChunk)
        }
        return out
    }

    /// Splits a GLB into its JSON and BIN chunks; nil when the container is malformed.
    public static func unpack(_ data: Data) -> (json: Data, binary: Data)? {
        let bytes = [UInt8](data)
        func u32(_ offset: Int) -> Int? {
            guard offset + 4 <= bytes.count else { return nil }
            return Int(bytes[offset]) | Int(bytes[offset + 1]) << 8 | Int(bytes[offset + 2]) << 16 | Int(bytes[offset + 3]) << 24
        }
        guard u32(0) == 0x4654_6C67, u32(4) == 2, u32(8) == bytes.count, let jsonLength = u32(12), u32(16) == 0x4E4F_534A,
              20 + jsonLength <= bytes.count else { return nil }
        let json = Data(bytes[20..<(20 + jsonLength)])
        var binary = Data()
        let binStart = 20 + jsonLength
        if binStart < bytes.count {
            guard let binLength = u32(binStart), u32(binStart + 4) == 0x004E_4942, binStart + 8 + binLength <= bytes.count else { return nil }
            binary = Data(bytes[(binStart + 8)..<(binStart + 8 + binLength)])
        }
        return (json, binary)
    }
}
