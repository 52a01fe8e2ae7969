import Catalog
import Foundation
import Narrative
import TestSupport

/// The shipped grammars and the sample catalog, loaded once per test process.
enum NarrativeFixture {
    private static let loadedLibrary = Result { try GrammarLibrary(directory: TestPaths.assets.appendingPathComponent("grammars")) }
    private static let loadedCatalog = Result { try CatalogDocument.loadSample(from: TestPaths.assets.appendingPathComponent("catalog")) }

    static func library() throws -> GrammarLibrary { try loadedLibrary.get() }
    static func generator() throws -> DialogueGenerator { DialogueGenerator(library: try library()) }
    static func catalog() throws -> CatalogDocument { try loadedCatalog.get() }

    static let sweepSeeds: [UInt64] = [1, 2, 3]

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
