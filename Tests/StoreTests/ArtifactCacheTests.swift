import Foundation
import GRDB
import Store
import TestSupport
import Testing

/// The in-memory cache in front of the artifacts table.
@Suite struct ArtifactCacheTests {
    let directory = TemporaryDirectory()

    static func artifact(_ id: String, bytes: Int, userId: String? = nil) -> Artifact {
        Artifact(id: id, kind: "scene.glb", contentType: "model/gltf-binary", bytes: Data(repeating: 7, count: bytes), userId: userId)
    }

    @Test func evictsTheLeastRecentlyUsedToStayWithinBudget() {
        let cache = ArtifactCache(budget: 1_000)
        for name in ["a", "b", "c", "d"] { cache.insert(Self.artifact(name, bytes: 200)) }
        _ = cache.artifact(id: "a")  // now "b" is the least recently used
        cache.insert(Self.artifact("e", bytes: 200))
        cache.insert(Self.artifact("f", bytes: 200))  // 1200 bytes > budget: evict down to 750
        #expect(cache.usage.bytes <= 1_000)
        #expect(cache.artifact(id: "b") == nil && cache.artifact(id: "c") == nil)
        #expect(cache.artifact(id: "a") != nil && cache.artifact(id: "f") != nil)
    }

    @Test func keepsNeitherPersonalNorOversizedArtifacts() {
        let cache = ArtifactCache(budget: 1_000)
        cache.insert(Self.artifact("mine", bytes: 10, userId: "ada"))
        cache.insert(Self.artifact("huge", bytes: 300))  // over a quarter of the budget
        #expect(cache.usage.entries == 0)
        let off = ArtifactCache(budget: 0)
        off.insert(Self.artifact("x", bytes: 0))
        #expect(off.usage.entries == 0)
    }

    @Test func repositoryServesRepeatReadsFromMemory() async throws {
        let store = try Store(path: directory.path("cache.sqlite"))
        try await store.artifacts.put(Self.artifact("public", bytes: 64))
        try await store.artifacts.put(Self.artifact("personal", bytes: 64, userId: "ada"))
        #expect(try await store.artifacts.artifact(id: "personal")?.userId == "ada")
        #expect(try await store.artifacts.artifact(id: "public")?.bytes.count == 64)
        #expect(store.artifactCache.usage.entries == 1)
        #expect(try await store.artifacts.artifact(id: "nope") == nil)
        #expect(store.artifactCache.usage.entries == 1)
        // The second read does not touch SQLite: it still answers with the table emptied under it.
        try await store.pool.write { db in try db.execute(sql: "DELETE FROM artifacts WHERE id = 'public'") }
        #expect(try await store.artifacts.artifact(id: "public")?.bytes.count == 64)
    }
}
