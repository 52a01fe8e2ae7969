import Catalog
import Foundation
import Logging
import Store

/// The outcome of one import: what the files held, what was skipped, and what was new.
public struct ImportSummary: Sendable, Codable, Equatable {
    public var source: ImportSource
    /// Records read from the files (valid rows).
    public var films: Int
    public var users: Int
    public var ratings: Int
    /// Malformed rows skipped.
    public var skipped: Int
    /// Records that were not in the database before this import.
    public var newFilms: Int
    public var mergedFilms: Int
    public var newUsers: Int
    public var newEvents: Int
    /// The skipped rows, each with file and line.
    public var problems: [ImportProblem]

    /// The one-line summary the CLI prints: `imported users=943 films=1682 ratings=100000 skipped=0`.
    public var line: String { "imported users=\(users) films=\(films) ratings=\(ratings) skipped=\(skipped)" }
}

/// What seeding did.
public struct SeedReport: Sendable, Equatable {
    /// False when the database already had films and was left alone.
    public var seeded: Bool
    public var films: Int
    public var users: Int
}

/// Imports catalogs (MovieLens 100K and latest, our JSON catalog) and seeds an empty store
/// with the sample catalog. Importing the same data twice changes nothing.
public final class ImportService: Sendable {
    let storage: any StorageEngine
    let recommendations: RecommendationService
    let directories: DataDirectories
    let logger: Logger

    init(storage: any StorageEngine, recommendations: RecommendationService, directories: DataDirectories, logger: Logger) {
        self.storage = storage
        self.recommendations = recommendations
        self.directories = directories
        self.logger = logger
    }

    /// Where the sample catalog lives.
    public var sampleCatalogDirectory: URL { directories.assets.appendingPathComponent("catalog") }

    /// Imports a catalog from `path`: a MovieLens 100K or MovieLens latest directory, or a JSON
    /// catalog file. Importing the same data twice changes nothing.
    /// - Throws: ``StudioError`` `.notFound` when the path is missing, `.invalidInput` (with field problems) for unreadable or malformed files.
    public func importCatalog(at path: String) async throws -> ImportSummary {
        try await studioErrors {
            let url = URL(fileURLWithPath: path)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
                throw StudioError(.invalidInput, "no such file or directory: \(path)", parameter: "path")
            }
            let batch: ImportBatch
            if isDirectory.boolValue {
                if MovieLens100K.recognises(url) {
                    batch = try MovieLens100K.read(url)
                } else if MovieLensLatest.recognises(url) {
                    batch = try MovieLensLatest.read(url)
                } else {
                    throw StudioError(
                        .invalidInput, "\(path) is neither a MovieLens 100K directory (u.item, u.data) nor a MovieLens latest directory (movies.csv, ratings.csv)",
                        parameter: "path")
                }
            } else {
                let document = try CatalogDocument.load(url)
                batch = ImportBatch(source: .jsonCatalog, films: document.films, users: document.users)
            }
            return try await importBatch(batch)
        }
    }

    /// Merges a batch into the store: films matching stored films (by MovieLens or IMDb id, or
    /// exact title and year) fill in what the stored record lacks; new films, users and events
    /// are added; events are re-pointed at the merged film ids.
    public func importBatch(_ batch: ImportBatch) async throws -> ImportSummary {
        try await studioErrors { try await merge(batch) }
    }

    private func merge(_ batch: ImportBatch) async throws -> ImportSummary {
        var index = try await storage.films.matchIndex()
        var filmIdMap: [String: String] = [:]
        var matched: [(imported: Film, storedId: String)] = []
        var newFilms: [Film] = []
        for film in batch.films {
            if let storedId = index.match(film) {
                matched.append((film, storedId))
                filmIdMap[film.id] = storedId
                var claimed = film
                claimed.id = storedId
                claimed.externalIds = index.unclaimed(film.externalIds, for: storedId)
                index.insert(claimed)
            } else {
                var fresh = film
                fresh.externalIds = index.unclaimed(film.externalIds, for: film.id)
                index.insert(fresh)
                newFilms.append(fresh)
                filmIdMap[film.id] = film.id
            }
        }
        let stored = Dictionary(uniqueKeysWithValues: try await storage.films.films(ids: matched.map(\.storedId)).map { ($0.id, $0) })
        var changed: [String: Film] = [:]
        for (imported, storedId) in matched {
            guard let current = changed[storedId] ?? stored[storedId] else { continue }
            var merged = current.filling(from: imported)
            merged.externalIds = index.unclaimed(merged.externalIds, for: storedId)
            if merged != current { changed[storedId] = merged }
        }
        let events = batch.events.map { event in
            var event = event
            event.filmId = filmIdMap[event.filmId] ?? event.filmId
            return event
        }
        try await storage.films.upsert(newFilms + changed.keys.sorted().compactMap { changed[$0] }, source: batch.source.rawValue)
        let newUsers = try await storage.users.insertMissing(batch.users, now: Date())
        let newEvents = try await storage.events.insert(events, receivedAt: Date())
        try await recommendations.catalogChanged()
        let summary = ImportSummary(
            source: batch.source, films: batch.films.count, users: batch.users.count, ratings: batch.events.filter { $0.kind == .rating }.count,
            skipped: batch.problems.count, newFilms: newFilms.count, mergedFilms: matched.count, newUsers: newUsers, newEvents: newEvents,
            problems: batch.problems)
        logger.info(
            "import finished",
            metadata: [
                "source": "\(batch.source.rawValue)", "films": "\(summary.films)", "newFilms": "\(summary.newFilms)",
                "users": "\(summary.users)", "events": "\(batch.events.count)", "newEvents": "\(newEvents)", "skipped": "\(summary.skipped)",
            ])
        return summary
    }

    /// Loads the sample catalog from `Assets/catalog` into an empty database. A database that
    /// already holds films keeps them.
    /// - Throws: ``StudioError`` `.invalidInput` naming the file when the sample catalog is missing or malformed.
    @discardableResult
    public func seedSampleCatalog() async throws -> SeedReport {
        try await studioErrors {
            guard try await storage.films.count() == 0 else { return SeedReport(seeded: false, films: 0, users: 0) }
            let document = try CatalogDocument.loadSample(from: sampleCatalogDirectory)
            let summary = try await importBatch(ImportBatch(source: .sampleCatalog, films: document.films, users: document.users))
            try await storage.meta.set("sample_catalog_seeded_at", ISO8601DateFormatter().string(from: Date()))
            logger.info("seeded empty database from sample catalog", metadata: ["films": "\(summary.newFilms)", "users": "\(summary.newUsers)"])
            return SeedReport(seeded: true, films: summary.newFilms, users: summary.newUsers)
        }
    }
}
