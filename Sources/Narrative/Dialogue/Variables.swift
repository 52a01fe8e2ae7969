/// The type of a dialogue variable.
public enum VariableType: String, Codable, Sendable, Hashable {
    case bool, number, string
}

/// A value of a dialogue variable. Encodes as the bare JSON value.
public enum VariableValue: Codable, Sendable, Hashable {
    case bool(Bool)
    case number(Int)
    case string(String)

    public var type: VariableType {
        switch self {
        case .bool: .bool
        case .number: .number
        case .string: .string
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(Int.self) { self = .number(value) }
        else { self = .string(try container.decode(String.self)) }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .bool(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        }
    }
}

/// A variable the conversation reads and writes, declared with its type and initial value.
public struct VariableDeclaration: Codable, Sendable, Hashable {
    /// `[a-z][a-z0-9_]*`, valid in Yarn (`$name`) and ink.
    public var name: String
    public var type: VariableType
    public var initial: VariableValue
    /// What the variable records, for people reading the export.
    public var purpose: String

    public init(name: String, initial: VariableValue, purpose: String) {
        self.name = name
        type = initial.type
        self.initial = initial
        self.purpose = purpose
    }
}

/// A test on variables that hides a line or an option.
public indirect enum Condition: Codable, Sendable, Hashable {
    /// A bool variable is true.
    case isTrue(String)
    case not(Condition)
    case all([Condition])
    case any([Condition])
    /// A number variable compared with a constant.
    case compare(String, Comparison, Int)

    /// How ``Condition/compare(_:_:_:)`` compares.
    public enum Comparison: String, Codable, Sendable, Hashable {
        case equal = "==", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
    }

    /// Every variable the condition reads, with the type it assumes.
    public var reads: [(name: String, type: VariableType)] {
        switch self {
        case .isTrue(let name): [(name, .bool)]
        case .not(let inner): inner.reads
        case .all(let items), .any(let items): items.flatMap(\.reads)
        case .compare(let name, _, _): [(name, .number)]
        }
    }

    private enum CodingKeys: String, CodingKey { case `var`, not, all, any, compare, op, value }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        if let name = try c.decodeIfPresent(String.self, forKey: .var) {
            if let op = try c.decodeIfPresent(Comparison.self, forKey: .op) {
                self = .compare(name, op, try c.decode(Int.self, forKey: .value))
            } else {
                self = .isTrue(name)
            }
        } else if let inner = try c.decodeIfPresent(Condition.self, forKey: .not) {
            self = .not(inner)
        } else if let items = try c.decodeIfPresent([Condition].self, forKey: .all) {
            self = .all(items)
        } else {
            self = .any(try c.decode([Condition].self, forKey: .any))
        }
    }

    /// `{"var": "x"}`, `{"not": …}`, `{"all": […]}`, `{"any": […]}`, `{"var": "n", "op": ">=", "value": 1}`.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .isTrue(let name): try c.encode(name, forKey: .var)
        case .not(let inner): try c.encode(inner, forKey: .not)
        case .all(let items): try c.encode(items, forKey: .all)
        case .any(let items): try c.encode(items, forKey: .any)
        case .compare(let name, let op, let value):
            try c.encode(name, forKey: .var)
            try c.encode(op, forKey: .op)
            try c.encode(value, forKey: .value)
        }
    }
}

/// A change to a variable when an option is chosen.
public enum Effect: Codable, Sendable, Hashable {
    case set(String, VariableValue)
    /// Adds to a number variable.
    case add(String, Int)

    public var variable: String {
        switch self {
        case .set(let name, _), .add(let name, _): name
        }
    }

    /// The type the effect assumes the variable has.
    public var type: VariableType {
        switch self {
        case .set(_, let value): value.type
        case .add: .number
        }
    }

    private enum CodingKeys: String, CodingKey { case set, add, value }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        if let name = try c.decodeIfPresent(String.self, forKey: .set) {
            self = .set(name, try c.decode(VariableValue.self, forKey: .value))
        } else {
            self = .add(try c.decode(String.self, forKey: .add), try c.decode(Int.self, forKey: .value))
        }
    }

    /// `{"set": "x", "value": true}` or `{"add": "n", "value": 1}`.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .set(let name, let value):
            try c.encode(name, forKey: .set)
            try c.encode(value, forKey: .value)
        case .add(let name, let value):
            try c.encode(name, forKey: .add)
            try c.encode(value, forKey: .value)
        }
    }
}
