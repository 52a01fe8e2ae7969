import Foundation

/// Generated artifacts and the recipes they came from.
///
/// Artifacts are content-addressed and immutable: storing an id twice keeps the first payload,
/// except that an evicted payload is filled in again. Recipes are never evicted; artifact
/// payloads are, least recently used first, when ``evict(_:downTo:)`` is asked to.
public protocol ArtifactStore: Sendable {
    /// The artifact with this id, present or evicted; nil when it never existed (or its owner was deleted).
    func artifact(id: String) async throws -> Artifact?

    /// The recipe with this id.
    func recipe(id: String) async throws -> StoredRecipe?

    /// Records `recipe` (kept if already there) and stores `artifacts`, all in one transaction.
    /// For a personal recipe whose user no longer exists, nothing is written.
    func put(_ recipe: StoredRecipe, artifacts: [Artifact]) async throws -> ArtifactPutOutcome

    /// Records that these artifacts were served at `date` (for least-recently-used eviction).
    func touch(ids: [String], at date: Date) async throws

    /// Evicts the payloads of the least recently used non-durable artifacts in `scope` until the
    /// scope holds at most `bytes` payload bytes.
    func evict(_ scope: EvictionScope, downTo bytes: Int) async throws -> EvictionReport

    /// Payload bytes present, overall and for public artifacts.
    func usage() async throws -> ArtifactUsage

    /// Payload bytes present in one user's personal artifacts.
    func personalBytes(userId: String) async throws -> Int

    /// Number of artifact rows, of one kind or all.
    func count(kind: String?) async throws -> Int

    /// The artifacts generated for a user, oldest first.
    func owned(by userId: String) async throws -> [ArtifactListing]
}
