import Foundation
import NIOCore

/// One kind of generation — a scene, a preview, a dialogue, a tour map: the inputs that name
/// it, whom it belongs to, and how to make its files. The artifact id is the SHA-256 of the
/// canonical inputs, so a kind is all ``ArtifactService`` needs to store, serve and
/// regenerate what it makes.
struct RecipeKind<Inputs: Codable & Sendable>: Sendable {
    /// Recorded with each recipe, to find this kind again when regenerating (`scene`, `preview`…).
    let name: String
    /// The user the inputs were made for (their artifacts are personal), or nil.
    let owner: @Sendable (Inputs) -> String?
    /// Makes every file of one generation. Must be deterministic: same inputs, same bytes.
    let generate: @Sendable (Inputs) async throws -> [GeneratedFile]
}

/// One file a generation makes.
struct GeneratedFile: Sendable {
    /// Appended to the recipe id to form the artifact id (`glb` → `<id>.glb`); nil for the main file.
    var suffix: String?
    /// What it is (`scene.glb`…), checked by the routes that serve it.
    var kind: String
    var contentType: String
    var bytes: Data
    /// Never evicted: its bytes cannot be made again (a language model's reply).
    var durable = false

    /// The artifact id of this file of recipe `id`.
    func artifactId(recipe id: String) -> String { suffix.map { "\(id).\($0)" } ?? id }
}

/// An artifact ready to send: its payload as a `ByteBuffer`, so serving it copies nothing.
public struct ServedArtifact: Sendable {
    /// The content address, also the ETag.
    public let id: String
    public let kind: String
    public let contentType: String
    public let body: ByteBuffer
    /// The user it was generated for; nil for public content.
    public let owner: String?

    /// True for content made for one user: owner-only, never cached by shared caches.
    public var isPersonal: Bool { owner != nil }

    /// The payload as `Data` (a copy; for tools and tests).
    public var bytes: Data { Data(body.readableBytesView) }
}
