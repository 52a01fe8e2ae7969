import Catalog
import Foundation
import Store
import StorageTestSupport
import Studio
import Testing
import TestSupport

/// The storage budget: public payloads stay within it, the least recently used go first, and an
/// evicted artifact comes back byte for byte from its recipe. On both engines.
@Suite struct StorageBudgetTests {
    static func studio(_ backend: StorageBackend, in directory: TemporaryDirectory, publicBytes: Int, personalBytes: Int = 64 << 20) async throws -> Studio? {
        try await TestStudio.open(
            backend, in: directory,
            configuration: StudioConfiguration(
                memoryCacheBytes: 0, storageBudget: StorageBudget(publicBytes: publicBytes, personalBytesPerUser: personalBytes)))
    }

    @Test(arguments: StorageBackend.allCases)
    func publicArtifactsStayWithinTheBudgetAndComeBackByteIdentical(_ backend: StorageBackend) async throws {
        let directory = TemporaryDirectory()
        guard let studio = try await Self.studio(backend, in: directory, publicBytes: 2 << 20) else { return }
        try await studio.seedIfEmpty()
        let first = try await studio.scenes.stage(StageRequest(filmId: "fargo-1996", seed: 1))
        let original = try await studio.scenes.scene(id: first.id, format: .glb)
        var peak = 0
        for seed in 2...24 {
            _ = try await studio.scenes.stage(StageRequest(filmId: "casablanca-1942", seed: UInt64(seed)))
            peak = max(peak, try await studio.storage.artifacts.usage().publicBytes)
        }
        let usage = try await studio.storage.artifacts.usage()
        #expect(peak <= 2 << 20, "public bytes peaked at \(peak)")
        #expect(usage.evicted > 0, "nothing was evicted: \(usage)")
        // The first scene was least recently used: its payloads went first.
        #expect(try await studio.storage.artifacts.artifact(id: "\(first.id).glb")?.bytes == nil)
        let again = try await studio.scenes.scene(id: first.id, format: .glb)
        #expect(again.bytes == original.bytes)
        #expect(try await studio.storage.artifacts.artifact(id: "\(first.id).glb")?.bytes == original.bytes)
        await studio.storage.close()
    }

    @Test(arguments: StorageBackend.allCases)
    func aUsersArtifactsKeepToTheirOwnBudget(_ backend: StorageBackend) async throws {
        let directory = TemporaryDirectory()
        // 4 MiB: one textured scene (GLB, glTF and JSON) is about 1.2 MiB, ten are well over.
        guard let studio = try await Self.studio(backend, in: directory, publicBytes: 64 << 20, personalBytes: 4 << 20) else { return }
        try await studio.seedIfEmpty()
        _ = try await studio.users.createUser(UserProfile(id: "budgeted", displayName: "Budget"))
        _ = try await studio.users.createUser(UserProfile(id: "bystander", displayName: "Bystander"))
        let bystander = try await studio.scenes.stage(StageRequest(filmId: "fargo-1996", userId: "bystander", seed: 1))
        for seed in 1...10 {
            _ = try await studio.scenes.stage(StageRequest(filmId: "toy-story-1995", userId: "budgeted", seed: UInt64(seed)))
        }
        #expect(try await studio.storage.artifacts.personalBytes(userId: "budgeted") <= 4 << 20)
        #expect(try await studio.storage.artifacts.artifact(id: "\(bystander.id).glb")?.bytes != nil, "another user's budget evicted the bystander's scene")
        #expect(try await studio.storage.artifacts.usage().publicBytes == 0)
        await studio.storage.close()
    }
}
