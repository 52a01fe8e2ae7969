import Foundation
import GRDB

/// A generated, content-addressed artifact: a scene, a GLB, a preview, a dialogue, a tour.
public struct Artifact: Sendable, Equatable {
    /// SHA-256 (hex) of the canonical inputs that produced it; also its ETag.
    public var id: String
    /// What it is ("scene.json", "scene.glb", "preview.png"…).
    public var kind: String
    public var contentType: String
    public var bytes: Data
    /// The canonical inputs, as JSON, kept for provenance and debugging.
    public var inputs: String
    public var createdAt: Date
    /// The user it was generated for, if any (deleted with them).
    public var userId: String?

    public init(id: String, kind: String, contentType: String, bytes: Data, inputs: String = "{}", createdAt: Date = Date(), userId: String? = nil) {
        self.id = id
        self.kind = kind
        self.contentType = contentType
        self.bytes = bytes
        self.inputs = inputs
        self.createdAt = createdAt
        self.userId = userId
    }
}

/// Stores and serves generated artifacts. Artifacts are immutable: putting an id twice keeps the first.
/// Public artifacts read recently are served from ``ArtifactCache`` without touching SQLite.
public struct ArtifactRepository: Sendable {
    let pool: DatabasePool
    let cache: ArtifactCache

    public func artifact(id: String) async throws -> Artifact? {
        if let cached = cache.artifact(id: id) { return cached }
        let artifact = try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM artifacts WHERE id = ?", arguments: [id]).map { row in
                Artifact(
                    id: row["id"], kind: row["kind"], contentType: row["content_type"], bytes: row["bytes"],
                    inputs: row["inputs"], createdAt: Date(timeIntervalSince1970: row["created_at"]), userId: row["user_id"])
            }
        }
        if let artifact { cache.insert(artifact) }
        return artifact
    }

    /// Stores `artifact` unless one with its id exists; returns true when it was new.
    @discardableResult
    public func put(_ artifact: Artifact) async throws -> Bool {
        try await pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO artifacts (id, kind, content_type, bytes, inputs, created_at, user_id) VALUES (?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT(id) DO NOTHING
                    """,
                arguments: [
                    artifact.id, artifact.kind, artifact.contentType, artifact.bytes, artifact.inputs, artifact.createdAt.timeIntervalSince1970,
                    artifact.userId,
                ])
            return db.changesCount > 0
        }
    }

    public func count(kind: String? = nil) async throws -> Int {
        try await pool.read { db in
            if let kind { return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM artifacts WHERE kind = ?", arguments: [kind]) ?? 0 }
            return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM artifacts") ?? 0
        }
    }

    /// Ids and kinds of the artifacts generated for a user.
    public func owned(by userId: String) async throws -> [(id: String, kind: String, createdAt: Date)] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT id, kind, created_at FROM artifacts WHERE user_id = ? ORDER BY created_at, id", arguments: [userId]).map {
                (id: $0["id"], kind: $0["kind"], createdAt: Date(timeIntervalSince1970: $0["created_at"]))
            }
        }
    }
}
