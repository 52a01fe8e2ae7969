import Foundation

/// A stored API key: never the key itself, only the SHA-256 of its secret.
public struct StoredAPIKey: Sendable, Equatable {
    public var id: String
    public var name: String
    public var scope: String
    public var secretHash: Data
    public var createdAt: Date
    public var revokedAt: Date?

    public init(id: String, name: String, scope: String, secretHash: Data, createdAt: Date = Date(), revokedAt: Date? = nil) {
        self.id = id
        self.name = name
        self.scope = scope
        self.secretHash = secretHash
        self.createdAt = createdAt
        self.revokedAt = revokedAt
    }

    public var isRevoked: Bool { revokedAt != nil }
}

/// API keys: created, listed, revoked, and looked up by their public id.
public protocol APIKeyStore: Sendable {
    func insert(_ key: StoredAPIKey) async throws
    func key(id: String) async throws -> StoredAPIKey?
    /// Every key, oldest first.
    func all() async throws -> [StoredAPIKey]
    /// Marks the key revoked; false when there is no such key or it was revoked already.
    func revoke(id: String, now: Date) async throws -> Bool
}
