import Foundation

/// A coding key for any field name, used to list the keys a client sent.
struct AnyCodingKey: CodingKey {
    var stringValue: String
    var intValue: Int?
    init(_ string: String) { stringValue = string }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) {
        stringValue = String(intValue)
        self.intValue = intValue
    }
}

extension Decoder {
    /// Throws when the object being decoded has a field outside `allowed`: a typo in a client's
    /// request is reported, not silently ignored.
    func rejectUnknownKeys(_ allowed: Set<String>) throws {
        let container = try container(keyedBy: AnyCodingKey.self)
        if let unknown = container.allKeys.map(\.stringValue).filter({ !allowed.contains($0) }).sorted().first {
            throw DecodingError.dataCorrupted(.init(
                codingPath: codingPath + [AnyCodingKey(unknown)],
                debugDescription: "unknown field '\(unknown)'; expected \(allowed.sorted().joined(separator: ", "))"))
        }
    }
}
