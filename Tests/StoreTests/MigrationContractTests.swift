import Catalog
import Foundation
import StorageTestSupport
import Store
import TestSupport
import Testing

/// Both engines migrate an empty database to the newest schema, and a database at the previous
/// schema upgrades in place keeping its data.
@Suite struct MigrationContractTests {
    @Test(arguments: StorageBackend.allCases)
    func anEmptyDatabaseGetsEveryMigration(_ backend: StorageBackend) async throws {
        try await withStorage(backend) { (storage: any StorageEngine) async throws in
            #expect(try await storage.appliedMigrations() == StorageSchema.migrations)
            #expect(try await storage.counts() == StoreCounts(films: 0, users: 0, events: 0, artifacts: 0))
            #expect(try await storage.models.erasureEpoch() == 0)
        }
    }

    @Test(arguments: StorageBackend.allCases)
    func thePreviousSchemaUpgradesKeepingItsData(_ backend: StorageBackend) async throws {
        let directory = TemporaryDirectory()
        guard let old = try await TestStorage.open(backend, in: directory, name: "old", upTo: StorageSchema.previous) else { return }
        #expect(try await old.appliedMigrations() == Array(StorageSchema.migrations.dropLast()))
        try await Records.seed(old)
        _ = try await old.events.insert([Records.event("u1", "f1", "a")], receivedAt: Records.at)
        try await old.meta.set("kept", "yes")
        let location = old.location
        await old.close()
        let upgraded = try await TestStorage.reopen(old)
        #expect(upgraded.location == location)
        #expect(try await upgraded.appliedMigrations() == StorageSchema.migrations)
        #expect(try await upgraded.films.film(id: "f1")?.title == "F1")
        #expect(try await upgraded.events.events(userId: "u1").count == 1)
        #expect(try await upgraded.meta.value("kept") == "yes")
        #expect(try await upgraded.models.erasureEpoch() == 0)
        let put5 = try await upgraded.artifacts.put(Records.recipe("r"), artifacts: [Records.artifact("r", recipe: "r", bytes: 4)])
        #expect(put5 == .stored(newBytes: 4))
        await upgraded.close()
    }

    @Test func unopenableSQLitePathIsAClearError() async throws {
        let error = try #require(throws: StoreError.self) { try SQLiteStorageOpener.open("/proc/no/such/dir/db.sqlite") }
        #expect(error.code == .unavailable)
        #expect(error.message.contains("/proc/no/such/dir/db.sqlite"))
    }

    /// Rows written before owners were recorded are attributed where the record allows, and
    /// personal ones that cannot be attributed are dropped rather than left public.
    @Test func legacyArtifactsAreFiledUnderTheirOwnersOrDropped() {
        let rows = [
            LegacyArtifact(id: "s1", kind: "scene.json", inputs: #"{"profile":{"audience":"child","depth":"casual","language":"en"}}"#, userId: nil),
            LegacyArtifact(id: "s2", kind: "scene.json", inputs: #"{"profile":{"audience":"child","depth":"casual","language":"en","displayName":"Emma"}}"#, userId: nil),
            LegacyArtifact(id: "s3", kind: "dialogue.json", inputs: #"{"profile":{"audience":"adult","depth":"casual","language":"en","displayName":"Sam"}}"#, userId: nil),
            LegacyArtifact(id: "p2", kind: "preview.png", inputs: #"{"scene":"s2"}"#, userId: nil),
            LegacyArtifact(id: "p3", kind: "preview.png", inputs: #"{"scene":"s3"}"#, userId: nil),
            LegacyArtifact(id: "m1", kind: "tour.map", inputs: #"{"tour":"t1"}"#, userId: nil),
            LegacyArtifact(id: "m2", kind: "tour.map", inputs: #"{"tour":"t2"}"#, userId: nil),
            LegacyArtifact(id: "x.glb", kind: "scene.glb", inputs: "{}", userId: "ghost"),
        ]
        let users = [
            (id: "emma", displayName: "Emma", audience: "child", depth: "casual", language: "en"),
            (id: "sam1", displayName: "Sam", audience: "adult", depth: "casual", language: "en"),
            (id: "sam2", displayName: "Sam", audience: "adult", depth: "casual", language: "en"),
        ]
        let filing = LegacyArtifact.file(rows, tourOwners: ["t1": "emma", "t2": nil], users: users)
        #expect(filing["s1"] == .keep(owner: nil))
        #expect(filing["s2"] == .keep(owner: "emma"))
        #expect(filing["s3"] == .drop)  // two users fit: neither may see it, nor anyone else
        #expect(filing["p2"] == .keep(owner: "emma"))
        #expect(filing["p3"] == .drop)
        #expect(filing["m1"] == .keep(owner: "emma"))
        #expect(filing["m2"] == .keep(owner: nil))
        #expect(filing["x.glb"] == .drop)  // its owner was deleted
        #expect(rows[7].recipeId == "x")
    }
}
