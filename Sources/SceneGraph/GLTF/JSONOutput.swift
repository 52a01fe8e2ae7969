/// A JSON writer for documents we build ourselves, straight into UTF-8 bytes: the glTF JSON
/// of a furnished room is written about ten times faster than through `JSONEncoder`, with the
/// same bytes as `JSONEncoder` given `[.sortedKeys, .withoutEscapingSlashes]`: keys in byte
/// order, numbers in Swift's shortest round-trip form without a trailing `.0`, only `"`, `\`
/// and control characters escaped.
///
/// Objects are written with ``object(_:)``; each member is a ``Members/key(_:)`` followed by
/// exactly one value. Keys must come in byte order (checked in debug builds): the writer does
/// not buffer to sort them.
struct JSONOutput {
    private(set) var bytes: [UInt8] = []
    private var needsComma = false

    init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    /// Members of an object, written in the order given.
    struct Members {
        fileprivate var output: JSONOutput
        private var lastKey: String?

        fileprivate init(output: JSONOutput) { self.output = output }

        /// Starts a member; the next value written is its value.
        mutating func key(_ key: String) {
            assert(lastKey.map { Array($0.utf8).lexicographicallyPrecedes(key.utf8) } ?? true, "JSON keys out of order: \(lastKey ?? "") then \(key)")
            lastKey = key
            output.string(key)
            output.bytes.append(UInt8(ascii: ":"))
            output.needsComma = false
        }

        /// A member whose value `value` writes.
        mutating func member(_ name: String, _ value: (inout JSONOutput) -> Void) {
            key(name)
            value(&output)
        }

        mutating func member(_ name: String, _ value: String) { key(name); output.string(value) }
        mutating func member(_ name: String, _ value: Int) { key(name); output.number(value) }
        mutating func member(_ name: String, _ value: Float) { key(name); output.number(value) }
        mutating func member(_ name: String, _ value: Bool) { key(name); output.bool(value) }
        mutating func member(_ name: String, _ values: [Int]) { key(name); output.array(values) { $0.number($1) } }
        mutating func member(_ name: String, _ values: [Float]) { key(name); output.array(values) { $0.number($1) } }
        mutating func member(_ name: String, _ values: [Double]) { key(name); output.array(values) { $0.number($1) } }

        /// Optional members are left out when nil, as `JSONEncoder` does.
        mutating func member(_ name: String, _ value: String?) { if let value { member(name, value) } }
        mutating func member(_ name: String, _ value: Int?) { if let value { member(name, value) } }
        mutating func member(_ name: String, _ value: Float?) { if let value { member(name, value) } }
        mutating func member(_ name: String, _ value: Bool?) { if let value { member(name, value) } }
        mutating func member(_ name: String, _ values: [Int]?) { if let values { member(name, values) } }
        mutating func member(_ name: String, _ values: [Float]?) { if let values { member(name, values) } }
        mutating func member(_ name: String, _ values: [Double]?) { if let values { member(name, values) } }
    }

    private mutating func separate() {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
        needsComma = true
    }

    mutating func object(_ body: (inout Members) -> Void) {
        separate()
        bytes.append(UInt8(ascii: "{"))
        needsComma = false
        var members = Members(output: self)
        bytes = []  // `members` owns the buffer while it writes; no copy
        body(&members)
        self = members.output
        bytes.append(UInt8(ascii: "}"))
        needsComma = true
    }

    mutating func array<S: Sequence>(_ elements: S, _ element: (inout JSONOutput, S.Element) -> Void) {
        separate()
        bytes.append(UInt8(ascii: "["))
        needsComma = false
        for value in elements { element(&self, value) }
        bytes.append(UInt8(ascii: "]"))
        needsComma = true
    }

    mutating func number(_ value: Int) {
        separate()
        bytes.append(contentsOf: String(value).utf8)
    }

    mutating func number(_ value: Float) {
        separate()
        appendShortest(value.description)
    }

    mutating func number(_ value: Double) {
        separate()
        appendShortest(value.description)
    }

    /// `description` without a trailing `.0`, as `JSONEncoder` writes a whole number.
    private mutating func appendShortest(_ description: String) {
        let utf8 = description.utf8
        if utf8.count > 2, description.hasSuffix(".0") { bytes.append(contentsOf: utf8.dropLast(2)) } else { bytes.append(contentsOf: utf8) }
    }

    mutating func bool(_ value: Bool) {
        separate()
        bytes.append(contentsOf: (value ? "true" : "false").utf8)
    }

    mutating func string(_ value: String) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case 0x0A: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case 0x0D: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case 0x09: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0x08: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "b")])
            case 0x0C: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "f")])
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(byte >> 4)], hex[Int(byte & 15)]])
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}

extension JSONOutput {
    /// The order of sorted keys: by UTF-8 bytes.
    static func byteOrder(_ a: String, _ b: String) -> Bool { a.utf8.lexicographicallyPrecedes(b.utf8) }
}
