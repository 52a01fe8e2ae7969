/// What a node means to an application: a hotspot, a character mark, the spawn point…
/// Exported to glTF as the node's `extras.scenewright` object, so a client that ignores it
/// still renders the scene.
public struct Annotation: Sendable, Hashable {
    /// The roles clients act on.
    public enum Role: String, Sendable, Hashable, CaseIterable, Codable {
        case hotspot, character, spawn, seat, audio, prop, waypoint
    }

    public var role: Role
    public var id: String
    public var label: String
    /// Role-specific fields (a hotspot's `triggerRadius` and `action`, a character's `actor`…).
    public var properties: [String: AnnotationValue]

    public init(role: Role, id: String, label: String, properties: [String: AnnotationValue] = [:]) {
        self.role = role
        self.id = id
        self.label = label
        self.properties = properties
    }

    /// The `extras.scenewright` object: `role`, `id`, `label` and the properties.
    public var object: [String: AnnotationValue] {
        var object = properties
        object["role"] = .string(role.rawValue)
        object["id"] = .string(id)
        object["label"] = .string(label)
        return object
    }
}

/// A JSON value inside an annotation.
public indirect enum AnnotationValue: Sendable, Hashable, Encodable {
    case string(String)
    case number(Double)
    case bool(Bool)
    case array([AnnotationValue])
    case object([String: AnnotationValue])

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .bool(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }

    /// A number rounded to millimetres (or thousandths), so JSON stays short and stable.
    public static func rounded(_ value: Float) -> AnnotationValue { .number((Double(value) * 1000).rounded() / 1000) }

    /// A position rounded to millimetres.
    public static func position(_ p: Vec3) -> AnnotationValue { .array([rounded(p.x), rounded(p.y), rounded(p.z)]) }
}

extension AnnotationValue: ExpressibleByStringLiteral, ExpressibleByBooleanLiteral, ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(floatLiteral value: Double) { self = .number(value) }
    public init(integerLiteral value: Int) { self = .number(Double(value)) }
}
