import Foundation

/// A piece of furniture or set dressing made of primitive parts, defined as data
/// (`Assets/props/*.json`), not code. Its origin is the centre of its footprint on the floor;
/// its front faces +Z.
public struct CompositeProp: Sendable, Decodable, Hashable {
    /// One primitive of a prop.
    public struct Part: Sendable, Decodable, Hashable {
        public enum Shape: String, Sendable, Decodable, Hashable { case box, cylinder, cone, sphere, plane }

        public var shape: Shape
        /// Box size (x, y, z); plane size uses x and z.
        public var size: [Float]?
        public var radius: Float?
        public var height: Float?
        /// Centre of the part relative to the prop origin.
        public var at: [Float]
        /// Rotation in degrees about Y, then X (human-facing JSON uses degrees).
        public var yaw: Float?
        public var pitch: Float?
        /// Scale along the part's own axes, applied before its rotation (a flattened sphere is a
        /// boulder or a beanbag).
        public var scale: [Float]?
        /// A material slot the scene's palette maps to a material ("wood", "metal", "accent"…).
        public var material: String

        public init(
            shape: Shape, size: [Float]? = nil, radius: Float? = nil, height: Float? = nil, at: [Float], yaw: Float? = nil, pitch: Float? = nil,
            scale: [Float]? = nil, material: String
        ) {
            self.shape = shape
            self.size = size
            self.radius = radius
            self.height = height
            self.at = at
            self.yaw = yaw
            self.pitch = pitch
            self.scale = scale
            self.material = material
        }
    }

    public var id: String
    /// The kind clients map to their own assets ("desk", "lamp", "cinema-seat").
    public var kind: String
    public var name: String
    /// Width (x) and depth (z) of the footprint in metres. The library widens it to bound the
    /// parts' geometry (``fittedToGeometry()``), so no mesh reaches past what the solver packs.
    public var footprint: [Float]
    /// The top of the prop; raised to the geometry's top the same way.
    public var height: Float
    /// Labels used by staging rules: `weapon`, `scary`, `fragile`, `seat`, `surface`, `light`…
    public var tags: [String]
    /// Height of a top surface other props can stand on.
    public var surfaceHeight: Float?
    /// Heights of inner shelf boards below the top, each spanning the footprint (a bookcase).
    public var shelves: [Float]?
    /// Where a visitor sits, relative to the origin, when the prop is a seat.
    public var seatAt: [Float]?
    /// A light the prop carries (a lamp's bulb), relative to the origin.
    public var lightAt: [Float]?
    public var parts: [Part]
    /// Bounds, surfaces and merged geometry, measured once when the library loads (never
    /// decoded; not part of equality, since it follows from the fields above).
    public var measured: PropMeasurements?

    enum CodingKeys: String, CodingKey {
        case id, kind, name, footprint, height, tags, surfaceHeight, shelves, seatAt, lightAt, parts
    }

    public var width: Float { footprint[0] }
    public var depth: Float { footprint[1] }
    public var isSeat: Bool { seatAt != nil }

    /// Problems with the definition; empty when valid.
    public func problems() -> [String] {
        var found: [String] = []
        if footprint.count != 2 || footprint.contains(where: { !($0 > 0) }) { found.append("footprint must be two positive numbers") }
        if !(height > 0) { found.append("height must be positive") }
        if parts.isEmpty { found.append("a prop needs at least one part") }
        for (index, part) in parts.enumerated() {
            if part.at.count != 3 { found.append("parts[\(index)].at must have 3 numbers") }
            switch part.shape {
            case .box where part.size?.count != 3 || part.size!.contains(where: { !($0 > 0) }):
                found.append("parts[\(index)]: a box needs size [x, y, z] > 0")
            case .plane where part.size?.count != 3 || !(part.size![0] > 0 && part.size![2] > 0):
                found.append("parts[\(index)]: a plane needs size [x, 0, z] with x, z > 0")
            case .cylinder where !((part.radius ?? 0) > 0 && (part.height ?? 0) > 0), .cone where !((part.radius ?? 0) > 0 && (part.height ?? 0) > 0):
                found.append("parts[\(index)]: a \(part.shape.rawValue) needs radius and height > 0")
            case .sphere where !((part.radius ?? 0) > 0):
                found.append("parts[\(index)]: a sphere needs a radius > 0")
            default: break
            }
        }
        for (name, value) in [("seatAt", seatAt), ("lightAt", lightAt)] where value != nil && value!.count != 3 {
            found.append("\(name) must have 3 numbers")
        }
        for (index, part) in parts.enumerated() where part.scale.map({ $0.count != 3 || $0.contains { !($0 > 0) } }) == true {
            found.append("parts[\(index)].scale must be three positive numbers")
        }
        if let shelves, shelves.contains(where: { !($0 > 0) || $0 >= (surfaceHeight ?? height) }) {
            found.append("shelves must lie between the floor and the top surface")
        }
        guard found.isEmpty else { return found }
        if let low = geometryBounds()?.min.y, low < -0.001, !tags.contains(Self.embeddedTag) {
            found.append("parts reach \(String(format: "%.3f", -low)) m below the floor; build it on the floor or tag it '\(Self.embeddedTag)' terrain")
        }
        if let low = geometryBounds()?.min.y, low > 0.01, !tags.contains("wall") {
            found.append("its lowest part is \(String(format: "%.3f", low)) m above the floor: it would float; only wall pieces may")
        }
        for level in (shelves ?? []) + (surfaceHeight.map { [$0] } ?? []) where surfaceRect(atHeight: level) == nil {
            found.append("no part's top is at the surface height \(level): what stands there would float")
        }
        return found
    }

    /// Geometry of one part, and the key under which it is shared between nodes.
    public static func geometry(of part: Part) -> (key: String, geometry: Geometry) {
        func f(_ v: Float) -> String { String(format: "%.4f", v) }
        switch part.shape {
        case .box:
            let s = part.size!
            return ("box \(f(s[0]))x\(f(s[1]))x\(f(s[2]))", MeshBuilder.box(Vec3(s[0], s[1], s[2])))
        case .plane:
            let s = part.size!
            return ("plane \(f(s[0]))x\(f(s[2]))", MeshBuilder.plane(width: s[0], depth: s[2]))
        case .cylinder:
            return ("cylinder r\(f(part.radius!)) h\(f(part.height!))", MeshBuilder.cylinder(radius: part.radius!, height: part.height!))
        case .cone:
            return ("cone r\(f(part.radius!)) h\(f(part.height!))", MeshBuilder.cone(radius: part.radius!, height: part.height!))
        case .sphere:
            return ("sphere r\(f(part.radius!))", MeshBuilder.sphere(radius: part.radius!))
        }
    }

    /// Local transform of one part.
    public static func transform(of part: Part) -> Transform {
        let rotation = Quaternion.yaw((part.yaw ?? 0) * .pi / 180) * Quaternion.pitch((part.pitch ?? 0) * .pi / 180)
        let scale = part.scale.map { Vec3($0[0], $0[1], $0[2]) } ?? .one
        return Transform(translation: Vec3(part.at[0], part.at[1], part.at[2]), rotation: rotation.normalized, scale: scale)
    }
}

/// Every composite prop, by id, loaded from a folder of JSON files.
public struct PropLibrary: Sendable {
    public let props: [String: CompositeProp]

    public init(props: [CompositeProp]) {
        self.props = Dictionary(props.map { ($0.id, $0.fittedToGeometry()) }, uniquingKeysWith: { first, _ in first })
    }

    /// Loads `*.json` from `directory` (each file one prop, or an array of props).
    /// - Throws: ``SceneError`` naming the file for unreadable, malformed or invalid definitions.
    public static func load(from directory: URL) throws -> PropLibrary {
        let files = try SceneFiles.jsonFiles(in: directory, what: "props")
        var props: [CompositeProp] = []
        var seen: [String: String] = [:]
        for file in files {
            let data = try SceneFiles.read(file)
            let decoded: [CompositeProp]
            do {
                if let many = try? JSONDecoder().decode([CompositeProp].self, from: data) { decoded = many } else { decoded = [try JSONDecoder().decode(CompositeProp.self, from: data)] }
            } catch {
                throw SceneError("malformed prop file \(file.path): \(SceneFiles.describe(error))")
            }
            for prop in decoded {
                let problems = prop.problems()
                guard problems.isEmpty else { throw SceneError("invalid prop '\(prop.id)' in \(file.path): \(problems.joined(separator: "; "))") }
                if let other = seen[prop.id] { throw SceneError("prop id '\(prop.id)' is defined twice: \(other) and \(file.lastPathComponent)") }
                seen[prop.id] = file.lastPathComponent
                props.append(prop)
            }
        }
        return PropLibrary(props: props)
    }
}

/// An error in scene data or generation, naming the file or rule at fault.
public struct SceneError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// Reading data folders with errors that name the file.
public enum SceneFiles {
    /// The `.json` files of a folder, sorted by name.
    public static func jsonFiles(in directory: URL, what: String) throws -> [URL] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else {
            throw SceneError("cannot read the \(what) folder \(directory.path)")
        }
        return names.filter { $0.hasSuffix(".json") }.sorted().map { directory.appendingPathComponent($0) }
    }

    public static func read(_ file: URL) throws -> Data {
        do { return try Data(contentsOf: file) } catch { throw SceneError("cannot read \(file.path): \(error.localizedDescription)") }
    }

    /// One line describing a decoding error, with its JSON path.
    public static func describe(_ error: any Error) -> String {
        guard let decodingError = error as? DecodingError else { return String(describing: error) }
        func path(_ keys: [any CodingKey]) -> String {
            keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
        }
        switch decodingError {
        case .keyNotFound(let key, let context): return "\(path(context.codingPath + [key])): missing"
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            return "\(path(context.codingPath)): \(context.debugDescription)"
        @unknown default: return String(describing: error)
        }
    }
}
