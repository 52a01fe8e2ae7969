import Foundation

/// One stored output of a generation: a scene's GLB, a preview PNG, a dialogue's Yarn script.
///
/// Artifacts are a cache over their recipe: `bytes` is nil once the storage budget evicted
/// them, and a later request regenerates them byte for byte from the recipe's recorded inputs.
public struct Artifact: Sendable, Equatable {
    /// The content address (the recipe's id, plus a format suffix such as `.glb`); also its ETag.
    public var id: String
    /// The recipe (generation) this artifact is an output of.
    public var recipeId: String
    /// What it is (`scene.glb`, `preview.png`, `dialogue.yarn`…).
    public var kind: String
    public var contentType: String
    /// The payload; nil when evicted.
    public var bytes: Data?
    /// The payload's length (kept after eviction, for statistics).
    public var size: Int
    public var createdAt: Date
    /// The user it was generated for, if any: owner-only, deleted with them.
    public var userId: String?
    /// Never evicted: its bytes cannot be regenerated (a language model's reply).
    public var durable: Bool

    public init(
        id: String, recipeId: String, kind: String, contentType: String, bytes: Data?, createdAt: Date = Date(), userId: String? = nil,
        durable: Bool = false
    ) {
        self.id = id
        self.recipeId = recipeId
        self.kind = kind
        self.contentType = contentType
        self.bytes = bytes
        self.size = bytes?.count ?? 0
        self.createdAt = createdAt
        self.userId = userId
        self.durable = durable
    }

    /// True when the payload has been evicted and must be regenerated.
    public var isEvicted: Bool { bytes == nil }
}

/// The recorded inputs of one generation: enough to regenerate every artifact it made.
public struct StoredRecipe: Sendable, Equatable {
    /// SHA-256 (hex) of `inputs`.
    public var id: String
    /// Which generator reads `inputs` (`scene`, `preview`, `dialogue`, `tour.map`…).
    public var kind: String
    /// The canonical inputs, as JSON.
    public var inputs: String
    /// The user the generation was for (their recipe is personal data, deleted with them).
    public var userId: String?
    public var createdAt: Date

    public init(id: String, kind: String, inputs: String, userId: String? = nil, createdAt: Date = Date()) {
        self.id = id
        self.kind = kind
        self.inputs = inputs
        self.userId = userId
        self.createdAt = createdAt
    }
}

/// What storing a generation's outputs did.
public enum ArtifactPutOutcome: Sendable, Equatable {
    /// Stored; `newBytes` payload bytes were written (0 when every output was already present).
    case stored(newBytes: Int)
    /// Nothing was written: the recipe is personal and its user no longer exists (they were
    /// deleted while it was being generated).
    case ownerMissing
}

/// An artifact listed for its owner (in a user's export).
public struct ArtifactListing: Sendable, Equatable {
    public var id: String
    public var kind: String
    public var createdAt: Date

    public init(id: String, kind: String, createdAt: Date) {
        self.id = id
        self.kind = kind
        self.createdAt = createdAt
    }
}

/// Where the stored artifact bytes are: what the storage budget measures.
public struct ArtifactUsage: Sendable, Equatable, Codable {
    /// Payload bytes of public artifacts present (the budget's subject).
    public var publicBytes: Int
    /// Payload bytes of personal artifacts present.
    public var personalBytes: Int
    /// Artifact rows, present or evicted.
    public var artifacts: Int
    /// Rows whose payload is evicted.
    public var evicted: Int
    /// Recipes recorded.
    public var recipes: Int

    public init(publicBytes: Int, personalBytes: Int, artifacts: Int, evicted: Int, recipes: Int) {
        self.publicBytes = publicBytes
        self.personalBytes = personalBytes
        self.artifacts = artifacts
        self.evicted = evicted
        self.recipes = recipes
    }
}

/// Which artifacts an eviction may touch.
public enum EvictionScope: Sendable, Equatable {
    /// Public artifacts (no owner).
    case publicArtifacts
    /// One user's personal artifacts.
    case user(String)
}

/// What an eviction freed.
public struct EvictionReport: Sendable, Equatable {
    public var artifacts: Int
    public var bytes: Int

    public init(artifacts: Int, bytes: Int) {
        self.artifacts = artifacts
        self.bytes = bytes
    }
}
