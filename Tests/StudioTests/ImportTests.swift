import Catalog
import Foundation
import Store
import StorageTestSupport
import Studio
import TestSupport
import Testing

/// Importing catalogs into a real database: counts, idempotency, merging into curated films.
@Suite struct ImportTests {
    let directory = TemporaryDirectory()

    func studio(_ name: String) throws -> Studio {
        try TestStudio.sqlite(in: directory)
    }

    @Test(.enabled(if: TestPaths.ml100k != nil || CIRequirement.isCI, "needs ../shared/data/ml-100k"))
    func movieLens100KIntoANewDatabaseTwice() async throws {
        let studio = try studio("ml.sqlite")
        let first = try await studio.imports.importCatalog(at: (try #require(TestPaths.ml100k)).path)
        #expect(first.line == "imported users=943 films=1682 ratings=100000 skipped=0")
        let counts = try await studio.counts()
        #expect(counts.users == 943)
        #expect(counts.films == 1682)
        #expect(counts.events == 100_000)
        let second = try await studio.imports.importCatalog(at: (try #require(TestPaths.ml100k)).path)
        #expect(second.line == first.line)
        #expect(second.newFilms == 0 && second.newUsers == 0 && second.newEvents == 0)
        #expect(try await studio.counts() == counts)
    }

    @Test(.enabled(if: TestPaths.ml100k != nil || CIRequirement.isCI, "needs ../shared/data/ml-100k"))
    func importedRatingsLinkToCatalogFilms() async throws {
        let studio = try studio("merge.sqlite")
        #expect(try await studio.seedIfEmpty().seeded)
        let summary = try await studio.imports.importCatalog(at: (try #require(TestPaths.ml100k)).path)
        let sample = try CatalogDocument.loadSample(from: TestPaths.assets.appendingPathComponent("catalog"))
        let inML = sample.films.filter { $0.externalIds.movieLens100K != nil }
        #expect(summary.mergedFilms == inML.count)
        #expect(try await studio.storage.films.count() == sample.films.count + 1682 - inML.count)
        // Fargo keeps its curated record and gains MovieLens ratings.
        let fargo = try await studio.catalog.film(id: "fargo-1996")
        #expect(fargo.directors == ["Joel Coen"])
        let ratings = try await studio.storage.events.all().filter { $0.filmId == "fargo-1996" }.count
        #expect(ratings == 508)  // u.data holds 508 ratings of item 100
        #expect(try await studio.storage.films.film(id: "ml100k-100") == nil)
    }

    @Test func seedingLoadsTheSampleCatalogOnceAndOnlyIntoAnEmptyDatabase() async throws {
        let studio = try studio("seed.sqlite")
        let report = try await studio.seedIfEmpty()
        #expect(report.seeded)
        #expect(report.films >= 60)
        #expect(try await studio.seedIfEmpty().seeded == false)
        #expect(try await studio.storage.films.count() == report.films)
        #expect(try await studio.catalog.film(id: "the-matrix-1999").directors == ["Lana Wachowski", "Lilly Wachowski"])
    }

    @Test func jsonCatalogImportValidatesAndNamesTheFile() async throws {
        let studio = try studio("json.sqlite")
        let bad = try directory.write("bad.json", #"{"films": [{"id": "x", "title": "", "year": 1700}]}"#)
        let error = try await #require(throws: StudioError.self) { try await studio.imports.importCatalog(at: bad.path) }
        #expect(error.message.contains("bad.json"))
        #expect(error.problems.map(\.field).sorted() == ["films[0].title", "films[0].year"])
        let malformed = try directory.write("malformed.json", #"{"films": [{"id": 3}]}"#)
        let parseError = try await #require(throws: StudioError.self) { try await studio.imports.importCatalog(at: malformed.path) }
        #expect(parseError.message.contains("films[0].id"))
        #expect(try await studio.storage.films.count() == 0)
        let good = try directory.write("good.json", #"{"films": [{"id": "new-film-2020", "title": "New Film", "year": 2020, "genres": ["Drama"]}]}"#)
        #expect(try await studio.imports.importCatalog(at: good.path).newFilms == 1)
    }

    @Test func unknownPathsAreClearErrors() async throws {
        let studio = try studio("paths.sqlite")
        await #expect(throws: StudioError.self) { try await studio.imports.importCatalog(at: directory.path("missing")) }
        await #expect(throws: StudioError.self) { try await studio.imports.importCatalog(at: directory.url.path) }
    }

    @Test func missingAssetsFolderIsAStartupErrorNamingEveryPathTried() throws {
        let error = try #require(throws: StudioError.self) {
            try DataDirectories.resolve(assets: "/no/such/assets")
        }
        #expect(error.message.contains("/no/such/assets"))
        let fromEnvironment = try DataDirectories.resolve(environment: ["SCENEWRIGHT_ASSETS": TestPaths.assets.path])
        #expect(fromEnvironment.assets.path == TestPaths.assets.standardizedFileURL.path)
    }
}
