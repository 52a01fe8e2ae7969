import Crypto
import Foundation

/// Content addresses for generated artifacts: the SHA-256 (hex) of the canonical JSON of every
/// input that shaped them. It is the artifact's id, its ETag and the key in the store, so the
/// same request gives the same URL on any replica.
enum ArtifactID {
    /// Canonical JSON: sorted keys, no whitespace, slashes unescaped.
    static func canonicalJSON<T: Encodable>(_ inputs: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .secondsSince1970
        return try encoder.encode(inputs)
    }

    static func sha256(_ data: Data) -> String {
        SHA256.hash(data: data).map { byte in
            let digits = String(byte, radix: 16)
            return byte < 16 ? "0" + digits : digits
        }.joined()
    }

    /// The id and canonical JSON of `inputs`.
    static func make<T: Encodable>(_ inputs: T) throws -> (id: String, canonical: Data) {
        let canonical = try canonicalJSON(inputs)
        return (sha256(canonical), canonical)
    }

    /// True for strings shaped like an artifact id (64 lowercase hex digits).
    static func isWellFormed(_ id: String) -> Bool {
        id.utf8.count == 64 && id.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }
}
