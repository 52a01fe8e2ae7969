import Foundation

/// Reads the MovieLens 100K layout: `u.item` (Latin-1, `|`-separated, 19 genre flags),
/// `u.data` (tab-separated user, item, rating, timestamp), `u.user` and, when present, `u.genre`.
///
/// Film ids are `ml100k-<item>`, user ids `ml100k-<user>`; each rating's idempotency key is
/// `ml100k:<user>:<item>`, so importing the same files twice adds nothing.
public enum MovieLens100K {
    public static let filmPrefix = "ml100k-"
    public static let userPrefix = "ml100k-"

    /// True when `directory` holds the files this importer reads.
    public static func recognises(_ directory: URL) -> Bool {
        ["u.item", "u.data"].allSatisfy { FileManager.default.fileExists(atPath: directory.appendingPathComponent($0).path) }
    }

    /// Reads the directory. Malformed rows are skipped and listed in `problems`.
    /// - Throws: ``CatalogError`` when a required file is missing or unreadable.
    public static func read(_ directory: URL) throws -> ImportBatch {
        var batch = ImportBatch(source: .movieLens100K)
        let genres = try readGenres(directory, problems: &batch.problems)
        batch.films = try readItems(directory, genres: genres, problems: &batch.problems)
        let filmIds = Set(batch.films.map(\.id))
        var users = try readUsers(directory, problems: &batch.problems)
        batch.events = try readRatings(directory, filmIds: filmIds, problems: &batch.problems)
        // Users who rated but are missing from u.user still get a minimal profile.
        var known = Set(users.map(\.id))
        for event in batch.events where known.insert(event.userId).inserted {
            users.append(UserProfile(id: event.userId, displayName: "MovieLens user \(event.userId.dropFirst(userPrefix.count))"))
        }
        batch.users = users
        return batch
    }

    /// Genre flag positions: from `u.genre` when present, else the documented order.
    static func readGenres(_ directory: URL, problems: inout [ImportProblem]) throws -> [Genre?] {
        let standard: [Genre?] = [nil] + Genre.allCases.map { $0 }
        let url = directory.appendingPathComponent("u.genre")
        guard FileManager.default.fileExists(atPath: url.path) else { return standard }
        var byIndex: [Int: Genre?] = [:]
        for line in try TextLines.read(url, encoding: .latin1) {
            guard let text = line.text else {
                problems.append(ImportProblem(file: "u.genre", line: line.number, message: line.decodingError ?? "undecodable"))
                continue
            }
            if text.isEmpty { continue }
            let fields = text.split(separator: "|", omittingEmptySubsequences: false)
            guard fields.count == 2, let index = Int(fields[1]), (0..<64).contains(index) else {
                problems.append(ImportProblem(file: "u.genre", line: line.number, message: "expected 'name|index'"))
                continue
            }
            byIndex[index] = Genre(label: String(fields[0]))
        }
        guard !byIndex.isEmpty, let maxIndex = byIndex.keys.max() else { return standard }
        return (0...maxIndex).map { byIndex[$0] ?? nil }
    }

    static func readItems(_ directory: URL, genres: [Genre?], problems: inout [ImportProblem]) throws -> [Film] {
        let file = "u.item"
        var films: [Film] = []
        var seen = Set<Int>()
        let flagCount = genres.count
        for line in try TextLines.read(directory.appendingPathComponent(file), encoding: .latin1) {
            func skip(_ message: String) { problems.append(ImportProblem(file: file, line: line.number, message: message)) }
            guard let text = line.text else { skip(line.decodingError ?? "undecodable"); continue }
            if text.isEmpty { continue }
            let fields = text.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 5 + flagCount else { skip("expected \(5 + flagCount) '|'-separated fields, found \(fields.count)"); continue }
            guard let item = Int(fields[0]), item > 0 else { skip("item id '\(fields[0])' is not a positive integer"); continue }
            guard seen.insert(item).inserted else { skip("duplicate item id \(item)"); continue }
            let flags = fields[5...]
            guard flags.allSatisfy({ $0 == "0" || $0 == "1" }) else { skip("genre flags must be 0 or 1"); continue }
            var (title, year) = MovieLensTitle.parse(fields[1])
            if year == nil { year = releaseYear(fields[2]) }
            let filmGenres = zip(genres, flags).compactMap { genre, flag in flag == "1" ? genre : nil }
            let film = Film(
                id: filmPrefix + String(item), title: title, year: year, genres: filmGenres,
                externalIds: ExternalIDs(movieLens100K: item))
            let invalid = film.validationProblems()
            guard invalid.isEmpty else { skip(invalid.map { "\($0.field) \($0.message)" }.joined(separator: "; ")); continue }
            films.append(film)
        }
        return films
    }

    /// `01-Jan-1995` → 1995.
    static func releaseYear(_ date: String) -> Int? {
        guard let last = date.split(separator: "-").last, last.count == 4 else { return nil }
        return Int(last)
    }

    static func readUsers(_ directory: URL, problems: inout [ImportProblem]) throws -> [UserProfile] {
        let file = "u.user"
        let url = directory.appendingPathComponent(file)
        guard FileManager.default.fileExists(atPath: url.path) else { return [] }
        var users: [UserProfile] = []
        var seen = Set<Int>()
        for line in try TextLines.read(url, encoding: .latin1) {
            func skip(_ message: String) { problems.append(ImportProblem(file: file, line: line.number, message: message)) }
            guard let text = line.text else { skip(line.decodingError ?? "undecodable"); continue }
            if text.isEmpty { continue }
            let fields = text.split(separator: "|", omittingEmptySubsequences: false)
            guard fields.count == 5 else { skip("expected 5 '|'-separated fields, found \(fields.count)"); continue }
            guard let user = Int(fields[0]), user > 0 else { skip("user id '\(fields[0])' is not a positive integer"); continue }
            guard let age = Int(fields[1]), (0...120).contains(age) else { skip("age '\(fields[1])' is not between 0 and 120"); continue }
            guard seen.insert(user).inserted else { skip("duplicate user id \(user)"); continue }
            // Only the age group is kept; gender, occupation and zip code are not needed and not stored.
            let audience: Audience = age < 13 ? .child : age < 18 ? .teen : .adult
            users.append(UserProfile(id: userPrefix + String(user), displayName: "MovieLens user \(user)", audience: audience))
        }
        return users
    }

    static func readRatings(_ directory: URL, filmIds: Set<String>, problems: inout [ImportProblem]) throws -> [FeedbackEvent] {
        let file = "u.data"
        var events: [FeedbackEvent] = []
        events.reserveCapacity(100_000)
        for line in try TextLines.read(directory.appendingPathComponent(file), encoding: .ascii) {
            func skip(_ message: String) { problems.append(ImportProblem(file: file, line: line.number, message: message)) }
            guard let text = line.text else { skip(line.decodingError ?? "undecodable"); continue }
            if text.isEmpty { continue }
            let fields = text.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count == 4 else { skip("expected 4 tab-separated fields, found \(fields.count)"); continue }
            guard let user = Int(fields[0]), user > 0 else { skip("user id '\(fields[0])' is not a positive integer"); continue }
            guard let item = Int(fields[1]), item > 0 else { skip("item id '\(fields[1])' is not a positive integer"); continue }
            guard let rating = Double(fields[2]) else { skip("rating '\(fields[2])' is not a number"); continue }
            guard let seconds = Int(fields[3]) else { skip("timestamp '\(fields[3])' is not an integer"); continue }
            let filmId = filmPrefix + String(item)
            guard filmIds.contains(filmId) else { skip("item \(item) is not in u.item"); continue }
            let event = FeedbackEvent(
                userId: userPrefix + String(user), filmId: filmId, kind: .rating, value: rating,
                timestamp: Date(timeIntervalSince1970: TimeInterval(seconds)), idempotencyKey: "ml100k:\(user):\(item)")
            let invalid = event.validationProblems()
            guard invalid.isEmpty else { skip(invalid.map { "\($0.field) \($0.message)" }.joined(separator: "; ")); continue }
            events.append(event)
        }
        return events
    }
}
