import Foundation

/// A GLB read from its bytes with nothing of our exporter: the container, the JSON as plain
/// dictionaries, node transforms (TRS or matrix) and triangle data through accessors.
struct GLBFile {
    let json: [String: Any]
    let binary: [UInt8]
    let nodes: [[String: Any]]

    init(_ data: Data) throws {
        let bytes = [UInt8](data)
        func u32(_ at: Int) throws -> Int {
            guard at + 4 <= bytes.count else { throw GLBLayoutInspector.InspectionError(description: "GLB truncated at byte \(at)") }
            return Int(bytes[at]) | Int(bytes[at + 1]) << 8 | Int(bytes[at + 2]) << 16 | Int(bytes[at + 3]) << 24
        }
        guard try u32(0) == 0x4654_6C67, try u32(4) == 2 else { throw GLBLayoutInspector.InspectionError(description: "not a glTF 2 binary") }
        let jsonLength = try u32(12)
        guard try u32(16) == 0x4E4F_534A, 20 + jsonLength <= bytes.count else { throw GLBLayoutInspector.InspectionError(description: "no JSON chunk") }
        guard let json = try JSONSerialization.jsonObject(with: Data(bytes[20..<(20 + jsonLength)])) as? [String: Any] else {
            throw GLBLayoutInspector.InspectionError(description: "the JSON chunk is not an object")
        }
        self.json = json
        let binStart = 20 + jsonLength
        if binStart + 8 <= bytes.count, try u32(binStart + 4) == 0x004E_4942 {
            let length = try u32(binStart)
            binary = Array(bytes[(binStart + 8)..<min(bytes.count, binStart + 8 + length)])
        } else {
            binary = []
        }
        nodes = json["nodes"] as? [[String: Any]] ?? []
    }

    typealias Matrix = [Double]  // column-major 4×4

    static func multiply(_ a: Matrix, _ b: Matrix) -> Matrix {
        var out = Matrix(repeating: 0, count: 16)
        for column in 0..<4 { for row in 0..<4 { out[column * 4 + row] = (0..<4).reduce(0) { $0 + a[$1 * 4 + row] * b[column * 4 + $1] } } }
        return out
    }

    static let identity: Matrix = [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1]

    func local(_ node: [String: Any]) -> Matrix {
        if let matrix = node["matrix"] as? [Double], matrix.count == 16 { return matrix }
        let t = node["translation"] as? [Double] ?? [0, 0, 0]
        let q = node["rotation"] as? [Double] ?? [0, 0, 0, 1]
        let s = node["scale"] as? [Double] ?? [1, 1, 1]
        let (x, y, z, w) = (q[0], q[1], q[2], q[3])
        return [
            (1 - 2 * (y * y + z * z)) * s[0], (2 * (x * y + z * w)) * s[0], (2 * (x * z - y * w)) * s[0], 0,
            (2 * (x * y - z * w)) * s[1], (1 - 2 * (x * x + z * z)) * s[1], (2 * (y * z + x * w)) * s[1], 0,
            (2 * (x * z + y * w)) * s[2], (2 * (y * z - x * w)) * s[2], (1 - 2 * (x * x + y * y)) * s[2], 0,
            t[0], t[1], t[2], 1,
        ]
    }

    /// `m` applied to the point `p`.
    static func apply(_ m: Matrix, _ p: SIMD3<Double>) -> SIMD3<Double> {
        SIMD3(
            m[0] * p.x + m[4] * p.y + m[8] * p.z + m[12],
            m[1] * p.x + m[5] * p.y + m[9] * p.z + m[13],
            m[2] * p.x + m[6] * p.y + m[10] * p.z + m[14])
    }

    /// Every node of the default scene with its world matrix, parents first.
    func worldMatrices() -> [(Int, Matrix)] {
        let scenes = json["scenes"] as? [[String: Any]] ?? []
        let roots = (scenes[(json["scene"] as? Int) ?? 0]["nodes"] as? [Int]) ?? []
        return roots.flatMap { worldMatrices(from: $0, parent: Self.identity, includeSelf: true) }
    }

    /// `index` (with `parent`'s world matrix as its parent's) and its descendants.
    func worldMatrices(from index: Int, parent: Matrix, includeSelf: Bool = false) -> [(Int, Matrix)] {
        var out: [(Int, Matrix)] = []
        func visit(_ i: Int, _ parentWorld: Matrix) {
            let world = Self.multiply(parentWorld, local(nodes[i]))
            out.append((i, world))
            for child in nodes[i]["children"] as? [Int] ?? [] { visit(child, world) }
        }
        if includeSelf {
            visit(index, parent)
        } else {
            // `parent` is already the world matrix of `index`.
            out.append((index, parent))
            for child in nodes[index]["children"] as? [Int] ?? [] { visit(child, parent) }
        }
        return out
    }

    /// Adds the node's own mesh (not its children's) to `object`: its world box, lowest vertex
    /// and upward-facing triangles.
    func collect(node index: Int, world: Matrix, into object: inout GLBLayoutInspector.Object) throws {
        guard let meshIndex = nodes[index]["mesh"] as? Int, let meshes = json["meshes"] as? [[String: Any]] else { return }
        for primitive in meshes[meshIndex]["primitives"] as? [[String: Any]] ?? [] {
            guard let attributes = primitive["attributes"] as? [String: Int], let position = attributes["POSITION"] else { continue }
            let points = try floats(accessor: position, components: 3).map { Self.apply(world, SIMD3($0[0], $0[1], $0[2])) }
            for p in points {
                object.box.add(p)
                object.lowestVertex = min(object.lowestVertex, p.y)
            }
            let indices = try (primitive["indices"] as? Int).map { try integers(accessor: $0) } ?? Array(points.indices)
            var t = 0
            while t + 2 < indices.count {
                let (a, b, c) = (points[indices[t]], points[indices[t + 1]], points[indices[t + 2]])
                t += 3
                let u = b - a, v = c - a
                let normal = SIMD3(u.y * v.z - u.z * v.y, u.z * v.x - u.x * v.z, u.x * v.y - u.y * v.x)
                let length = (normal * normal).sum().squareRoot()
                guard length > 1e-12, normal.y / length > 0.95 else { continue }
                object.upFaces.append(.init(y: (a.y + b.y + c.y) / 3, a: SIMD2(a.x, a.z), b: SIMD2(b.x, b.z), c: SIMD2(c.x, c.z)))
            }
        }
    }

    private func view(of accessorIndex: Int) throws -> (accessor: [String: Any], start: Int, stride: Int?) {
        guard let accessors = json["accessors"] as? [[String: Any]], accessorIndex < accessors.count,
              let viewIndex = accessors[accessorIndex]["bufferView"] as? Int, let views = json["bufferViews"] as? [[String: Any]], viewIndex < views.count
        else { throw GLBLayoutInspector.InspectionError(description: "accessor \(accessorIndex) has no buffer view") }
        let accessor = accessors[accessorIndex], view = views[viewIndex]
        return (accessor, (view["byteOffset"] as? Int ?? 0) + (accessor["byteOffset"] as? Int ?? 0), view["byteStride"] as? Int)
    }

    private func u32(_ at: Int) -> UInt32 {
        UInt32(binary[at]) | UInt32(binary[at + 1]) << 8 | UInt32(binary[at + 2]) << 16 | UInt32(binary[at + 3]) << 24
    }

    func floats(accessor index: Int, components: Int) throws -> [[Double]] {
        let (accessor, start, stride) = try view(of: index)
        guard accessor["componentType"] as? Int == 5126, let count = accessor["count"] as? Int else {
            throw GLBLayoutInspector.InspectionError(description: "accessor \(index) is not float")
        }
        let step = stride ?? components * 4
        guard start + (count - 1) * step + components * 4 <= binary.count else { throw GLBLayoutInspector.InspectionError(description: "accessor \(index) runs past the buffer") }
        return (0..<count).map { i in (0..<components).map { Double(Float(bitPattern: u32(start + i * step + $0 * 4))) } }
    }

    func integers(accessor index: Int) throws -> [Int] {
        let (accessor, start, _) = try view(of: index)
        guard let count = accessor["count"] as? Int, let type = accessor["componentType"] as? Int else { throw GLBLayoutInspector.InspectionError(description: "accessor \(index) is malformed") }
        let size = type == 5121 ? 1 : type == 5123 ? 2 : 4
        guard start + count * size <= binary.count else { throw GLBLayoutInspector.InspectionError(description: "accessor \(index) runs past the buffer") }
        return (0..<count).map { i in
            let at = start + i * size
            switch size {
            case 1: return Int(binary[at])
            case 2: return Int(binary[at]) | Int(binary[at + 1]) << 8
            default: return Int(u32(at))
            }
        }
    }
}

/// The JSON chunk of a GLB as plain dictionaries, read by ``GLBFile`` (none of our exporter).
public enum GLBJSON {
    public static func document(_ data: Data) throws -> [String: Any] { try GLBFile(data).json }

    /// Mesh names in file order.
    public static func meshNames(_ data: Data) throws -> [String] {
        ((try document(data)["meshes"] as? [[String: Any]]) ?? []).map { $0["name"] as? String ?? "" }
    }
}
