import Catalog
import Foundation
import Staging
import TestSupport

/// The stager and the sample catalog, loaded once per test process. Loading failures surface
/// as test failures through `try`, not as crashes.
enum StagingFixture {
    private static let loaded = Result {
        try Stager.load(scenes: TestPaths.repositoryRoot.appendingPathComponent("Scenes"), props: TestPaths.assets.appendingPathComponent("props"), grammars: TestPaths.assets.appendingPathComponent("grammars"))
    }
    private static let loadedCatalog = Result { try CatalogDocument.loadSample(from: TestPaths.assets.appendingPathComponent("catalog")) }

    static func stager() throws -> Stager { try loaded.get() }
    static func catalog() throws -> CatalogDocument { try loadedCatalog.get() }

    static let seeds: [UInt64] = [1, 2, 3, 4, 5]

    static func film(_ id: String) throws -> Film {
        guard let film = try catalog().films.first(where: { $0.id == id }) else { throw FixtureError(message: "no film \(id)") }
        return film
    }

    static func user(_ id: String) throws -> UserProfile {
        guard let user = try catalog().users.first(where: { $0.id == id }) else { throw FixtureError(message: "no user \(id)") }
        return user
    }

    struct FixtureError: Error { var message: String }
}
