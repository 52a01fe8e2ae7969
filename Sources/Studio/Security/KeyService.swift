import Crypto
import Foundation
import Logging
import Store

/// What a key may do. Each scope includes the ones before it: `read` < `author` < `admin`.
public enum APIScope: String, Sendable, CaseIterable, Comparable, Codable {
    /// Read users' profiles, recommendations and personal content; generate for a user.
    case read
    /// Also create users, post feedback, author museums and tours.
    case author
    /// Also delete and export users, read metrics.
    case admin

    public static func < (a: APIScope, b: APIScope) -> Bool { allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)! }
}

/// A key as the server knows it after checking a request's credentials (never the secret).
public struct APIKeyInfo: Sendable, Equatable, Encodable {
    public var id: String
    public var name: String
    public var scope: APIScope
    public var createdAt: Date
    public var revokedAt: Date?
}

/// A newly created key: the only time its full text exists outside the client.
public struct CreatedAPIKey: Sendable {
    public var info: APIKeyInfo
    /// `sw_<id>_<secret>`; shown once.
    public var key: String
}

/// Why a presented key was not accepted.
public enum APIKeyRejection: Error, Sendable, Equatable {
    case malformed, unknown, revoked
}

/// API keys: created (shown once), listed, revoked, and checked on every request that presents one.
public final class KeyService: Sendable {
    let storage: any StorageEngine
    let logger: Logger

    init(storage: any StorageEngine, logger: Logger) {
        self.storage = storage
        self.logger = logger
    }

    /// Key text: `sw_` + a 12-character public id + `_` + a 43-character secret (32 random bytes,
    /// base64url). Only SHA-256(secret) is stored; lookups go by id, then compare hashes in
    /// constant time.
    public func createAPIKey(name: String, scope: APIScope) async throws -> CreatedAPIKey {
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty, trimmed.count <= 100 else { throw StudioError(.invalidInput, "a key's name must be 1–100 characters", parameter: "name") }
        let id = String(SymmetricKey(size: .bits128).withUnsafeBytes { bytes in bytes.map { String(format: "%02x", $0) }.joined() }.prefix(12))
        let secret = Self.base64url(SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) })
        let now = Date()
        try await studioErrors {
            try await storage.apiKeys.insert(
                StoredAPIKey(id: id, name: trimmed, scope: scope.rawValue, secretHash: Data(SHA256.hash(data: Data(secret.utf8))), createdAt: now))
        }
        logger.info("api key created", metadata: ["key": "\(id)", "scope": "\(scope.rawValue)"])
        return CreatedAPIKey(info: APIKeyInfo(id: id, name: trimmed, scope: scope, createdAt: now, revokedAt: nil), key: "sw_\(id)_\(secret)")
    }

    public func apiKeys() async throws -> [APIKeyInfo] {
        try await studioErrors { try await storage.apiKeys.all() }.map {
            APIKeyInfo(id: $0.id, name: $0.name, scope: APIScope(rawValue: $0.scope) ?? .read, createdAt: $0.createdAt, revokedAt: $0.revokedAt)
        }
    }

    /// - Throws: ``StudioError`` `.notFound` when no active key has that id.
    public func revokeAPIKey(id: String) async throws {
        guard try await studioErrors({ try await storage.apiKeys.revoke(id: id, now: Date()) }) else { throw StudioError(.notFound, "no active key with id '\(id.prefix(40))'") }
        logger.info("api key revoked", metadata: ["key": "\(id)"])
    }

    /// Checks a presented key.
    public func authenticate(_ presented: String) async throws -> Result<APIKeyInfo, APIKeyRejection> {
        let parts = presented.split(separator: "_", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "sw", parts[1].count == 12, parts[2].count >= 40, parts[2].count <= 64,
              parts[1].allSatisfy({ $0.isHexDigit }) else { return .failure(.malformed) }
        guard let stored = try await studioErrors({ try await storage.apiKeys.key(id: String(parts[1])) }) else { return .failure(.unknown) }
        let hash = Data(SHA256.hash(data: Data(parts[2].utf8)))
        guard Self.constantTimeEqual(hash, stored.secretHash) else { return .failure(.unknown) }
        guard !stored.isRevoked else { return .failure(.revoked) }
        return .success(APIKeyInfo(id: stored.id, name: stored.name, scope: APIScope(rawValue: stored.scope) ?? .read, createdAt: stored.createdAt, revokedAt: nil))
    }

    /// Compares every byte whatever the first difference, so timing reveals nothing.
    static func constantTimeEqual(_ a: Data, _ b: Data) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for (x, y) in zip(a, b) { difference |= x ^ y }
        return difference == 0
    }

    static func base64url(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }
}
