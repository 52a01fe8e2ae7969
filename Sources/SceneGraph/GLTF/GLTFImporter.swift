import Foundation

/// Reads glTF 2.0 (`.glb`, or `.gltf` with embedded buffers) back into a ``Scene``: meshes
/// (float positions and normals, unsigned indices), PBR materials, `KHR_lights_punctual`
/// lights, cameras, TRS transforms and `extras.scenewright` annotations. Enough to read what
/// ``GLTFExporter`` writes and similar files; anything else is a clear error.
public enum GLTFImporter {
    public static func read(_ data: Data) throws -> Scene {
        let json: Data
        var binary = Data()
        if data.prefix(4) == Data("glTF".utf8) {
            guard let parts = GLBContainer.unpack(data) else { throw SceneError("malformed GLB container") }
            (json, binary) = parts
        } else {
            json = data
        }
        guard let root = try JSONSerialization.jsonObject(with: json) as? [String: Any] else { throw SceneError("glTF JSON is not an object") }
        return try Reader(root: root, glbBinary: binary).scene()
    }

    private struct Reader {
        let root: [String: Any]
        let buffers: [Data]

        init(root: [String: Any], glbBinary: Data) throws {
            self.root = root
            var buffers: [Data] = []
            for (index, buffer) in ((root["buffers"] as? [[String: Any]]) ?? []).enumerated() {
                if let uri = buffer["uri"] as? String {
                    guard uri.hasPrefix("data:"), let comma = uri.firstIndex(of: ","), uri[..<comma].hasSuffix(";base64"),
                          let decoded = Data(base64Encoded: String(uri[uri.index(after: comma)...])) else {
                        throw SceneError("buffer \(index): only embedded base64 data URIs are supported")
                    }
                    buffers.append(decoded)
                } else {
                    buffers.append(glbBinary)
                }
            }
            self.buffers = buffers
        }

        func list(_ key: String) -> [[String: Any]] { (root[key] as? [[String: Any]]) ?? [] }

        func floats(_ value: Any?, count: Int, default fallback: [Float]) -> [Float] {
            guard let numbers = value as? [NSNumber], numbers.count == count else { return fallback }
            return numbers.map(\.floatValue)
        }

        /// The elements of an accessor as Floats (components × count).
        func accessor(_ index: Int) throws -> (values: [Float], components: Int, integers: [UInt32]) {
            let accessors = list("accessors")
            guard index >= 0, index < accessors.count else { throw SceneError("accessor \(index) does not exist") }
            let a = accessors[index]
            guard let viewIndex = a["bufferView"] as? Int, let count = a["count"] as? Int, let type = a["type"] as? String,
                  let componentType = a["componentType"] as? Int else { throw SceneError("accessor \(index) is incomplete") }
            let components = ["SCALAR": 1, "VEC2": 2, "VEC3": 3, "VEC4": 4][type] ?? 0
            guard components > 0 else { throw SceneError("accessor \(index): unsupported type \(type)") }
            let views = list("bufferViews")
            guard viewIndex >= 0, viewIndex < views.count else { throw SceneError("bufferView \(viewIndex) does not exist") }
            let view = views[viewIndex]
            let bufferIndex = view["buffer"] as? Int ?? 0
            guard bufferIndex >= 0, bufferIndex < buffers.count else { throw SceneError("buffer \(bufferIndex) does not exist") }
            let size = componentType == 5126 || componentType == 5125 ? 4 : componentType == 5123 ? 2 : componentType == 5121 ? 1 : 0
            guard size > 0 else { throw SceneError("accessor \(index): unsupported component type \(componentType)") }
            let start = (view["byteOffset"] as? Int ?? 0) + (a["byteOffset"] as? Int ?? 0)
            let stride = view["byteStride"] as? Int ?? size * components
            let buffer = buffers[bufferIndex]
            guard count >= 0, start >= 0, count == 0 || start + stride * (count - 1) + size * components <= buffer.count else {
                throw SceneError("accessor \(index) reads past the end of its buffer")
            }
            var values: [Float] = []
            var integers: [UInt32] = []
            buffer.withUnsafeBytes { raw in
                for element in 0..<count {
                    for c in 0..<components {
                        let offset = start + element * stride + c * size
                        switch componentType {
                        case 5126: values.append(Float(bitPattern: raw.loadUnaligned(fromByteOffset: offset, as: UInt32.self).littleEndian))
                        case 5125: integers.append(raw.loadUnaligned(fromByteOffset: offset, as: UInt32.self).littleEndian)
                        case 5123: integers.append(UInt32(raw.loadUnaligned(fromByteOffset: offset, as: UInt16.self).littleEndian))
                        default: integers.append(UInt32(raw[offset]))
                        }
                    }
                }
            }
            return (values, components, integers)
        }

        func scene() throws -> Scene {
            let scenes = list("scenes")
            let sceneIndex = root["scene"] as? Int ?? 0
            guard sceneIndex >= 0, sceneIndex < max(1, scenes.count) else { throw SceneError("scene \(sceneIndex) does not exist") }
            var scene = Scene(name: (scenes.isEmpty ? nil : scenes[sceneIndex]["name"] as? String) ?? "scene")
            let materials = try list("materials").map { m -> SceneIndex<Material> in
                let pbr = m["pbrMetallicRoughness"] as? [String: Any] ?? [:]
                let base = floats(pbr["baseColorFactor"], count: 4, default: [1, 1, 1, 1])
                let emissive = floats(m["emissiveFactor"], count: 3, default: [0, 0, 0])
                return scene.material(Material(
                    name: m["name"] as? String ?? "material", baseColor: SIMD4(base[0], base[1], base[2], base[3]),
                    metallic: (pbr["metallicFactor"] as? NSNumber)?.floatValue ?? 1, roughness: (pbr["roughnessFactor"] as? NSNumber)?.floatValue ?? 1,
                    emissive: Vec3(emissive[0], emissive[1], emissive[2]), doubleSided: m["doubleSided"] as? Bool ?? false))
            }
            let fallbackMaterial = scene.material(Material(name: "default", baseColor: SIMD4(0.8, 0.8, 0.8, 1)))
            var meshes: [SceneIndex<Mesh>] = []
            for (meshIndex, m) in list("meshes").enumerated() {
                var primitives: [Primitive] = []
                for p in (m["primitives"] as? [[String: Any]]) ?? [] {
                    guard (p["mode"] as? Int ?? 4) == 4 else { throw SceneError("mesh \(meshIndex): only triangle lists are supported") }
                    guard let attributes = p["attributes"] as? [String: Int], let positionIndex = attributes["POSITION"] else {
                        throw SceneError("mesh \(meshIndex): a primitive has no POSITION")
                    }
                    var geometry = Geometry()
                    let positions = try accessor(positionIndex)
                    guard positions.components == 3, !positions.values.isEmpty || positions.integers.isEmpty else { throw SceneError("mesh \(meshIndex): POSITION must be float VEC3") }
                    geometry.positions = stride(from: 0, to: positions.values.count, by: 3).map { Vec3(positions.values[$0], positions.values[$0 + 1], positions.values[$0 + 2]) }
                    if let normalIndex = attributes["NORMAL"] {
                        let normals = try accessor(normalIndex)
                        geometry.normals = stride(from: 0, to: normals.values.count, by: 3).map { Vec3(normals.values[$0], normals.values[$0 + 1], normals.values[$0 + 2]) }
                    }
                    if let indices = p["indices"] as? Int {
                        geometry.indices = try accessor(indices).integers
                    } else {
                        geometry.indices = (0..<UInt32(geometry.positions.count)).map { $0 }
                    }
                    guard geometry.indices.allSatisfy({ Int($0) < geometry.positions.count }) else { throw SceneError("mesh \(meshIndex): an index is out of range") }
                    if geometry.normals.count != geometry.positions.count { geometry.normals = Self.flatNormals(geometry) }
                    let material = (p["material"] as? Int).flatMap { $0 >= 0 && $0 < materials.count ? materials[$0] : nil } ?? fallbackMaterial
                    primitives.append(Primitive(geometry: geometry, material: material))
                }
                let name = m["name"] as? String ?? "mesh \(meshIndex)"
                meshes.append(scene.mesh(key: "imported mesh \(meshIndex)") { Mesh(name: name, primitives: primitives) })
            }
            let lightEntries = ((root["extensions"] as? [String: Any])?["KHR_lights_punctual"] as? [String: Any])?["lights"] as? [[String: Any]] ?? []
            let lights = lightEntries.map { l -> SceneIndex<Light> in
                let spot = l["spot"] as? [String: Any] ?? [:]
                let color = floats(l["color"], count: 3, default: [1, 1, 1])
                return scene.light(Light(
                    name: l["name"] as? String ?? "light", kind: Light.Kind(rawValue: l["type"] as? String ?? "point") ?? .point,
                    color: Vec3(color[0], color[1], color[2]), intensity: (l["intensity"] as? NSNumber)?.floatValue ?? 1,
                    range: (l["range"] as? NSNumber)?.floatValue, innerConeAngle: (spot["innerConeAngle"] as? NSNumber)?.floatValue ?? 0,
                    outerConeAngle: (spot["outerConeAngle"] as? NSNumber)?.floatValue ?? .pi / 4))
            }
            let cameras = list("cameras").map { c -> SceneIndex<Camera> in
                if let o = c["orthographic"] as? [String: Any] {
                    return scene.camera(.orthographic(xmag: (o["xmag"] as? NSNumber)?.floatValue ?? 1, ymag: (o["ymag"] as? NSNumber)?.floatValue ?? 1,
                                                      znear: (o["znear"] as? NSNumber)?.floatValue ?? 0, zfar: (o["zfar"] as? NSNumber)?.floatValue ?? 100))
                }
                let p = c["perspective"] as? [String: Any] ?? [:]
                return scene.camera(.perspective(yfov: (p["yfov"] as? NSNumber)?.floatValue ?? 1, aspectRatio: (p["aspectRatio"] as? NSNumber)?.floatValue,
                                                 znear: (p["znear"] as? NSNumber)?.floatValue ?? 0.05, zfar: (p["zfar"] as? NSNumber)?.floatValue))
            }
            let nodes = list("nodes")
            var visited = Set<Int>()
            func add(_ index: Int, parent: SceneIndex<Node>?) throws {
                guard index >= 0, index < nodes.count else { throw SceneError("node \(index) does not exist") }
                guard visited.insert(index).inserted else { throw SceneError("node \(index) appears twice in the hierarchy") }
                let n = nodes[index]
                if n["matrix"] != nil { throw SceneError("node \(index): matrix transforms are not supported (use TRS)") }
                let t = floats(n["translation"], count: 3, default: [0, 0, 0])
                let r = floats(n["rotation"], count: 4, default: [0, 0, 0, 1])
                let s = floats(n["scale"], count: 3, default: [1, 1, 1])
                var node = Node(
                    name: n["name"] as? String ?? "node \(index)",
                    transform: Transform(translation: Vec3(t[0], t[1], t[2]), rotation: Quaternion(x: r[0], y: r[1], z: r[2], w: r[3]), scale: Vec3(s[0], s[1], s[2])))
                if let mesh = n["mesh"] as? Int { guard mesh >= 0, mesh < meshes.count else { throw SceneError("node \(index): mesh \(mesh) does not exist") }; node.mesh = meshes[mesh] }
                if let camera = n["camera"] as? Int, camera >= 0, camera < cameras.count { node.camera = cameras[camera] }
                if let light = ((n["extensions"] as? [String: Any])?["KHR_lights_punctual"] as? [String: Any])?["light"] as? Int, light >= 0, light < lights.count {
                    node.light = lights[light]
                }
                if let extras = (n["extras"] as? [String: Any])?["scenewright"] as? [String: Any],
                   let role = (extras["role"] as? String).flatMap(Annotation.Role.init(rawValue:)) {
                    var properties = extras.compactMapValues(AnnotationValue.init(json:))
                    for key in ["role", "id", "label"] { properties[key] = nil }
                    node.annotation = Annotation(role: role, id: extras["id"] as? String ?? "", label: extras["label"] as? String ?? "", properties: properties)
                }
                let added = scene.add(node, parent: parent)
                for child in (n["children"] as? [Int]) ?? [] { try add(child, parent: added) }
            }
            let roots = scenes.isEmpty ? Array(nodes.indices) : (scenes[sceneIndex]["nodes"] as? [Int]) ?? []
            for root in roots { try add(root, parent: nil) }
            return scene
        }

        /// Per-face normals for meshes that carry none.
        static func flatNormals(_ g: Geometry) -> [Vec3] {
            var normals = [Vec3](repeating: Vec3(0, 1, 0), count: g.positions.count)
            for t in stride(from: 0, to: g.indices.count - 2, by: 3) {
                let (a, b, c) = (g.positions[Int(g.indices[t])], g.positions[Int(g.indices[t + 1])], g.positions[Int(g.indices[t + 2])])
                let n = simd_normalize_safe(cross(b - a, c - a))
                for k in 0..<3 { normals[Int(g.indices[t + k])] = n }
            }
            return normals
        }
    }
}

extension AnnotationValue {
    /// A JSON value from JSONSerialization, or nil for null.
    init?(json: Any) {
        switch json {
        case let value as String: self = .string(value)
        case let value as NSNumber:
            // JSON booleans arrive as NSNumbers whose Objective-C type is "c" (char).
            if String(cString: value.objCType) == "c" { self = .bool(value.boolValue) } else { self = .number(value.doubleValue) }
        case let value as [Any]: self = .array(value.compactMap(AnnotationValue.init(json:)))
        case let value as [String: Any]: self = .object(value.compactMapValues(AnnotationValue.init(json:)))
        default: return nil
        }
    }
}
