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

extension Studio {
    /// Imports a catalog from `path`: a MovieLens 100K or MovieLens latest directory, or a JSON
    /// catalog file. Importing the same data twice changes nothing.
    /// - Throws: ``StudioError`` when the path is neither; ``CatalogError`` for unreadable files.
    public func importCatalog(at path: String) async throws -> ImportSummary {
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

    /// Merges a batch into the store: films matching stored films (by MovieLens or IMDb id, or
    /// exact title and year) fill in what the stored record lacks; new films, users and events
    /// are added; events are re-pointed at the merged film ids.
    public func importBatch(_ batch: ImportBatch) async throws -> ImportSummary {
        var index = try await store.films.matchIndex()
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
        let stored = Dictionary(uniqueKeysWithValues: try await store.films.films(ids: matched.map(\.storedId)).map { ($0.id, $0) })
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
        try await store.films.upsert(newFilms + changed.keys.sorted().compactMap { changed[$0] }, source: batch.source.rawValue)
        let newUsers = try await store.users.insertMissing(batch.users)
        let newEvents = try await store.events.insert(events)
        await recommendations.invalidateCatalog()
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
}
