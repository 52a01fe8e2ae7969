import Foundation
import Logging
import NIOCore
import Store
import Synchronization

/// The one memoized path every generated artifact takes: inputs → content address → memory
/// cache → storage → generate once (concurrent identical requests share one generation) →
/// store the recipe and every file → serve. An artifact whose payload the storage budget
/// evicted is regenerated from its recorded recipe, byte for byte.
final class ArtifactService: Sendable {
    typealias Regenerate = @Sendable (String) async throws -> [GeneratedFile]

    let storage: any StorageEngine
    let cache: ArtifactMemoryCache
    let budget: ArtifactBudget
    let logger: Logger
    private let regenerators = Mutex<[String: Regenerate]>([:])
    private let inFlight = SingleFlight()

    init(storage: any StorageEngine, memoryBudget: Int, budget: ArtifactBudget, logger: Logger) {
        self.storage = storage
        cache = ArtifactMemoryCache(budget: memoryBudget)
        self.budget = budget
        self.logger = logger
    }

    /// Makes recipes of `kind` regenerable from their recorded inputs.
    func register<Inputs>(_ kind: RecipeKind<Inputs>) {
        regenerators.withLock {
            $0[kind.name] = { json in try await kind.generate(try JSONDecoder().decode(Inputs.self, from: Data(json.utf8))) }
        }
    }

    /// The recipe id of `inputs` (the main file's artifact id) and their canonical JSON.
    func address<Inputs>(_ kind: RecipeKind<Inputs>, _ inputs: Inputs) throws -> (id: String, canonical: Data) {
        try ArtifactID.make(inputs)
    }

    /// The file `suffix` of the generation `inputs`, generated and stored on first request.
    /// - Returns: the artifact, and whether this call generated it.
    func obtain<Inputs>(_ kind: RecipeKind<Inputs>, _ inputs: Inputs, file suffix: String? = nil) async throws -> (artifact: ServedArtifact, created: Bool) {
        let (id, canonical) = try address(kind, inputs)
        let artifactId = suffix.map { "\(id).\($0)" } ?? id
        if let stored = try await artifact(id: artifactId) {
            StudioMetrics.cache(kind.name, hit: true)
            return (stored, false)
        }
        StudioMetrics.cache(kind.name, hit: false)
        let recipe = StoredRecipe(id: id, kind: kind.name, inputs: String(decoding: canonical, as: UTF8.self), userId: kind.owner(inputs))
        let files = try await generateAndStore(recipe) { try await kind.generate(inputs) }
        guard let file = files.first(where: { $0.artifactId(recipe: id) == artifactId }) else {
            throw StudioError(.internal, "generation \(kind.name) made no file '\(suffix ?? "main")'")
        }
        return (served(file, id: artifactId, owner: recipe.userId), true)
    }

    /// A stored artifact by id, regenerated when its payload was evicted; nil when there is none.
    /// - Parameter kinds: the kinds the caller serves; an artifact of another kind is nil too.
    func artifact(id: String, kinds: Set<String>? = nil) async throws -> ServedArtifact? {
        if let cached = cache.artifact(id: id) {
            guard kinds.map({ $0.contains(cached.kind) }) ?? true else { return nil }
            budget.served(id)
            return cached
        }
        guard let stored = try await storage.artifacts.artifact(id: id) else { return nil }
        if let kinds, !kinds.contains(stored.kind) { return nil }
        budget.served(id)
        if let bytes = stored.bytes {
            let artifact = ServedArtifact(id: id, kind: stored.kind, contentType: stored.contentType, body: ByteBuffer(bytes: bytes), owner: stored.userId)
            cache.insert(artifact)
            return artifact
        }
        return try await regenerate(stored)
    }

    /// Stores files that cannot be made again from their inputs (a language model's replies),
    /// under the id of `canonical`. They are durable: never evicted.
    func storeDurable(kind: String, canonical: Data, files: [GeneratedFile]) async throws {
        let id = ArtifactID.sha256(canonical)
        let recipe = StoredRecipe(id: id, kind: kind, inputs: String(decoding: canonical, as: UTF8.self))
        let artifacts = files.map {
            Artifact(id: $0.artifactId(recipe: id), recipeId: id, kind: $0.kind, contentType: $0.contentType, bytes: $0.bytes, durable: true)
        }
        _ = try await storage.artifacts.put(recipe, artifacts: artifacts)
    }

    /// Makes an evicted artifact again from its recipe and stores it back.
    private func regenerate(_ stored: Artifact) async throws -> ServedArtifact {
        guard let recipe = try await storage.artifacts.recipe(id: stored.recipeId) else {
            throw StudioError(.notFound, "artifact '\(stored.id.prefix(80))' has no recorded recipe")
        }
        guard let regenerate = regenerators.withLock({ $0[recipe.kind] }) else {
            throw StudioError(.notFound, "artifact '\(stored.id.prefix(80))' was made by an earlier version and was evicted; request it again")
        }
        let started = ContinuousClock.now
        let files = try await generateAndStore(recipe) { try await regenerate(recipe.inputs) }
        guard let file = files.first(where: { $0.artifactId(recipe: recipe.id) == stored.id }) else {
            throw StudioError(.internal, "regenerating \(recipe.kind) did not make '\(stored.id.prefix(80))'")
        }
        if file.bytes.count != stored.size {
            logger.error("regenerated artifact differs in size", metadata: ["artifact": "\(stored.id)", "stored": "\(stored.size)", "now": "\(file.bytes.count)"])
        }
        StudioMetrics.regenerated(recipe.kind, since: started)
        return served(file, id: stored.id, owner: recipe.userId)
    }

    /// Runs one generation per recipe at a time, then stores the recipe and its files.
    private func generateAndStore(_ recipe: StoredRecipe, _ generate: @escaping @Sendable () async throws -> [GeneratedFile]) async throws -> [GeneratedFile] {
        let storage = self.storage
        let budget = self.budget
        return try await inFlight.run(recipe.id) {
            let started = ContinuousClock.now
            let files = try await generate()
            let artifacts = files.map {
                Artifact(
                    id: $0.artifactId(recipe: recipe.id), recipeId: recipe.id, kind: $0.kind, contentType: $0.contentType, bytes: $0.bytes,
                    userId: recipe.userId, durable: $0.durable)
            }
            guard case .stored(let newBytes) = try await storage.artifacts.put(recipe, artifacts: artifacts) else {
                throw StudioError(.notFound, "the user this was generated for no longer exists")
            }
            StudioMetrics.generated(recipe.kind, since: started)
            await budget.stored(newBytes: newBytes, owner: recipe.userId)
            return files
        }
    }

    private func served(_ file: GeneratedFile, id: String, owner: String?) -> ServedArtifact {
        let artifact = ServedArtifact(id: id, kind: file.kind, contentType: file.contentType, body: ByteBuffer(bytes: file.bytes), owner: owner)
        cache.insert(artifact)
        return artifact
    }
}

/// Coalesces concurrent runs of the same key: the first runs, the others await its result.
actor SingleFlight {
    private var running: [String: Task<[GeneratedFile], any Error>] = [:]

    func run(_ key: String, _ work: @escaping @Sendable () async throws -> [GeneratedFile]) async throws -> [GeneratedFile] {
        if let task = running[key] { return try await task.value }
        let task = Task { try await work() }
        running[key] = task
        defer { running[key] = nil }
        return try await task.value
    }
}
