import Foundation
import Studio

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

extension KeyedDecodingContainer {
    /// A generator seed: an integer from 0 to ``StagingLimits/maxSeed`` (2^53, the largest
    /// integer every JSON client can represent exactly), or nil when absent.
    func decodeSeed(forKey key: Key) throws -> UInt64? {
        guard contains(key), try !decodeNil(forKey: key) else { return nil }
        let message = "seed must be an integer between 0 and \(StagingLimits.maxSeed)"
        guard let value = try? decode(Double.self, forKey: key), value.rounded() == value, value >= 0, value <= Double(StagingLimits.maxSeed) else {
            throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: message)
        }
        guard let exact = try? decode(UInt64.self, forKey: key), exact <= StagingLimits.maxSeed else {
            throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: message)
        }
        return exact
    }
}
