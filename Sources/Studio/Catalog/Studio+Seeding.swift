import Catalog
import Foundation
import Logging
import Store

/// What seeding did.
public struct SeedReport: Sendable, Equatable {
    /// False when the database already had films and was left alone.
    public var seeded: Bool
    public var films: Int
    public var users: Int
}

extension Studio {
    /// Loads the sample catalog from `Assets/catalog` into an empty database. A database that
    /// already holds films keeps them. Either way, sample museums it lacks are added.
    /// - Throws: ``CatalogError`` naming the file when the sample catalog is missing or malformed.
    @discardableResult
    public func seedIfEmpty() async throws -> SeedReport {
        guard try await store.films.count() == 0 else {
            try await seedMuseums()
            return SeedReport(seeded: false, films: 0, users: 0)
        }
        let document = try CatalogDocument.loadSample(from: sampleCatalogDirectory)
        let summary = try await importBatch(ImportBatch(source: .sampleCatalog, films: document.films, users: document.users))
        try await store.meta.set("sample_catalog_seeded_at", ISO8601DateFormatter().string(from: Date()))
        logger.info("seeded empty database from sample catalog", metadata: ["films": "\(summary.newFilms)", "users": "\(summary.newUsers)"])
        try await seedMuseums()
        return SeedReport(seeded: true, films: summary.newFilms, users: summary.newUsers)
    }
}
