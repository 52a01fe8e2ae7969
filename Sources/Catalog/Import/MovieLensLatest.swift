import Foundation

/// Reads the MovieLens "latest" layout (`movies.csv`, `ratings.csv`, and when present
/// `tags.csv` and `links.csv`): quoted titles with commas, `(year)` in the title,
/// `|`-separated genres, half-star ratings.
///
/// Film ids are `ml-<movieId>`, user ids `ml-<userId>`; tags become film keywords (the most
/// used first, at most ``maxTagsPerFilm``); links fill IMDb and TMDB ids.
public enum MovieLensLatest {
    public static let filmPrefix = "ml-"
    public static let userPrefix = "ml-"
    public static let maxTagsPerFilm = 20

    public static func recognises(_ directory: URL) -> Bool {
        ["movies.csv", "ratings.csv"].allSatisfy { FileManager.default.fileExists(atPath: directory.appendingPathComponent($0).path) }
    }

    public static func read(_ directory: URL) throws -> ImportBatch {
        var batch = ImportBatch(source: .movieLensLatest)
        var films = try readMovies(directory, problems: &batch.problems)
        let index = Dictionary(uniqueKeysWithValues: films.enumerated().map { ($1.externalIds.movieLens!, $0) })
        try readLinks(directory, films: &films, index: index, problems: &batch.problems)
        try readTags(directory, films: &films, index: index, problems: &batch.problems)
        batch.films = films
        batch.events = try readRatings(directory, known: index, problems: &batch.problems)
        var seen = Set<String>()
        batch.users = batch.events.compactMap { event in
            guard seen.insert(event.userId).inserted else { return nil }
            return UserProfile(id: event.userId, displayName: "MovieLens user \(event.userId.dropFirst(userPrefix.count))")
        }
        return batch
    }

    /// Reads a CSV file with a header row, returning its records (header excluded).
    private static func records(_ directory: URL, _ file: String, header: [String], problems: inout [ImportProblem]) throws -> [CSVRecords.Record]? {
        let url = directory.appendingPathComponent(file)
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        var found: [ImportProblem] = []
        var rows = CSVRecords.parse(try TextLines.read(url, encoding: .utf8)) { line, message in
            found.append(ImportProblem(file: file, line: line, message: message))
        }
        problems += found
        rows.removeAll { $0.fields == [""] }  // blank lines
        guard let first = rows.first else { return [] }
        if first.fields.map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }) == header {
            rows.removeFirst()
        } else {
            problems.append(ImportProblem(file: file, line: first.line, message: "expected header '\(header.joined(separator: ","))'"))
        }
        return rows
    }

    static func readMovies(_ directory: URL, problems: inout [ImportProblem]) throws -> [Film] {
        let file = "movies.csv"
        guard let rows = try records(directory, file, header: ["movieid", "title", "genres"], problems: &problems) else {
            throw CatalogError(.malformedData, "\(file) is missing in \(directory.path)")
        }
        var films: [Film] = []
        var seen = Set<Int>()
        for row in rows {
            func skip(_ message: String) { problems.append(ImportProblem(file: file, line: row.line, message: message)) }
            guard row.fields.count == 3 else { skip("expected 3 fields, found \(row.fields.count)"); continue }
            guard let movie = Int(row.fields[0]), movie > 0 else { skip("movieId '\(row.fields[0])' is not a positive integer"); continue }
            guard seen.insert(movie).inserted else { skip("duplicate movieId \(movie)"); continue }
            let (title, year) = MovieLensTitle.parse(row.fields[1])
            let genres = row.fields[2].split(separator: "|").compactMap { Genre(label: String($0)) }
            var unique: [Genre] = []
            for genre in genres where !unique.contains(genre) { unique.append(genre) }
            let film = Film(id: filmPrefix + String(movie), title: title, year: year, genres: unique, externalIds: ExternalIDs(movieLens: movie))
            let invalid = film.validationProblems()
            guard invalid.isEmpty else { skip(invalid.map { "\($0.field) \($0.message)" }.joined(separator: "; ")); continue }
            films.append(film)
        }
        return films
    }

    static func readLinks(_ directory: URL, films: inout [Film], index: [Int: Int], problems: inout [ImportProblem]) throws {
        let file = "links.csv"
        guard let rows = try records(directory, file, header: ["movieid", "imdbid", "tmdbid"], problems: &problems) else { return }
        for row in rows {
            func skip(_ message: String) { problems.append(ImportProblem(file: file, line: row.line, message: message)) }
            guard row.fields.count == 3 else { skip("expected 3 fields, found \(row.fields.count)"); continue }
            guard let movie = Int(row.fields[0]), let position = index[movie] else { skip("movieId '\(row.fields[0])' is not in movies.csv"); continue }
            let imdb = row.fields[1]
            if !imdb.isEmpty {
                guard imdb.count <= 10, imdb.allSatisfy(\.isASCII), imdb.allSatisfy(\.isNumber) else { skip("imdbId '\(imdb)' is not numeric"); continue }
                films[position].externalIds.imdb = "tt" + String(repeating: "0", count: max(0, 7 - imdb.count)) + imdb
            }
            if !row.fields[2].isEmpty {
                guard let tmdb = Int(row.fields[2]) else { skip("tmdbId '\(row.fields[2])' is not an integer"); continue }
                films[position].externalIds.tmdb = tmdb
            }
        }
    }

    static func readTags(_ directory: URL, films: inout [Film], index: [Int: Int], problems: inout [ImportProblem]) throws {
        let file = "tags.csv"
        guard let rows = try records(directory, file, header: ["userid", "movieid", "tag", "timestamp"], problems: &problems) else { return }
        var counts: [Int: [String: Int]] = [:]
        for row in rows {
            func skip(_ message: String) { problems.append(ImportProblem(file: file, line: row.line, message: message)) }
            guard row.fields.count == 4 else { skip("expected 4 fields, found \(row.fields.count)"); continue }
            guard let movie = Int(row.fields[1]), let position = index[movie] else { skip("movieId '\(row.fields[1])' is not in movies.csv"); continue }
            let tag = row.fields[2].trimmingCharacters(in: .whitespacesAndNewlines)
            guard !tag.isEmpty, tag.count <= 100 else { skip("tag must be 1–100 characters"); continue }
            counts[position, default: [:]][tag.lowercased(), default: 0] += 1
        }
        for (position, tags) in counts {
            let ranked = tags.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            films[position].keywords = ranked.prefix(maxTagsPerFilm).map(\.key)
        }
    }

    static func readRatings(_ directory: URL, known: [Int: Int], problems: inout [ImportProblem]) throws -> [FeedbackEvent] {
        let file = "ratings.csv"
        guard let rows = try records(directory, file, header: ["userid", "movieid", "rating", "timestamp"], problems: &problems) else {
            throw CatalogError(.malformedData, "\(file) is missing in \(directory.path)")
        }
        var events: [FeedbackEvent] = []
        events.reserveCapacity(rows.count)
        for row in rows {
            func skip(_ message: String) { problems.append(ImportProblem(file: file, line: row.line, message: message)) }
            guard row.fields.count == 4 else { skip("expected 4 fields, found \(row.fields.count)"); continue }
            guard let user = Int(row.fields[0]), user > 0 else { skip("userId '\(row.fields[0])' is not a positive integer"); continue }
            guard let movie = Int(row.fields[1]), known[movie] != nil else { skip("movieId '\(row.fields[1])' is not in movies.csv"); continue }
            guard let rating = Double(row.fields[2]) else { skip("rating '\(row.fields[2])' is not a number"); continue }
            guard let seconds = Int(row.fields[3]) else { skip("timestamp '\(row.fields[3])' is not an integer"); continue }
            let event = FeedbackEvent(
                userId: userPrefix + String(user), filmId: filmPrefix + String(movie), kind: .rating, value: rating,
                timestamp: Date(timeIntervalSince1970: TimeInterval(seconds)), idempotencyKey: "ml:\(user):\(movie)")
            let invalid = event.validationProblems()
            guard invalid.isEmpty else { skip(invalid.map { "\($0.field) \($0.message)" }.joined(separator: "; ")); continue }
            events.append(event)
        }
        return events
    }
}
