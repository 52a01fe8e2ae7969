import Foundation

/// Collects validation problems for one value, so every problem is reported at once.
struct ProblemList {
    private(set) var problems: [ValidationProblem] = []

    mutating func add(_ field: String, _ message: String) {
        problems.append(ValidationProblem(field: field, message: message))
    }

    mutating func requireText(_ value: String, _ field: String, maxLength: Int) {
        if value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            add(field, "must not be empty")
        } else if value.count > maxLength {
            add(field, "must be at most \(maxLength) characters (got \(value.count))")
        }
        if value.unicodeScalars.contains(where: { $0.properties.generalCategory == .control && $0 != "\n" && $0 != "\t" }) {
            add(field, "must not contain control characters")
        }
    }

    mutating func requireIdentifier(_ value: String, _ field: String) {
        if !Identifier.isValid(value) {
            add(field, "must be 1–\(Identifier.maxLength) ASCII letters, digits, '.', '_' or '-', starting with a letter or digit")
        }
    }

    mutating func requireList(_ values: [String], _ field: String, maxCount: Int, maxLength: Int) {
        if values.count > maxCount { add(field, "must have at most \(maxCount) entries (got \(values.count))") }
        for (index, value) in values.enumerated() { requireText(value, "\(field)[\(index)]", maxLength: maxLength) }
    }
}

/// Limits on catalog records, enforced by validation and documented in the README.
public enum CatalogLimits {
    public static let titleLength = 300
    public static let nameLength = 200
    public static let synopsisLength = 4_000
    public static let shortTextLength = 500
    public static let listCount = 100
    public static let years = 1870...2100
    public static let runtimeMinutes = 1...1_000
    public static let ratingRange = 0.5...5.0
    /// Longest dwell a client may report for one event: one day, in seconds.
    public static let maxDwellSeconds = 86_400.0
    /// Largest count-like value (`view`, `hotspot`, `like`, `skip`) for one event.
    public static let maxCountValue = 1_000.0
    public static let idempotencyKeyLength = 128
}

extension Film {
    /// Every problem with this record; empty when it is valid.
    public func validationProblems() -> [ValidationProblem] {
        var list = ProblemList()
        list.requireIdentifier(id, "id")
        list.requireText(title, "title", maxLength: CatalogLimits.titleLength)
        if let year, !CatalogLimits.years.contains(year) {
            list.add("year", "must be between \(CatalogLimits.years.lowerBound) and \(CatalogLimits.years.upperBound) (got \(year))")
        }
        if let runtimeMinutes, !CatalogLimits.runtimeMinutes.contains(runtimeMinutes) {
            list.add("runtimeMinutes", "must be between 1 and \(CatalogLimits.runtimeMinutes.upperBound) (got \(runtimeMinutes))")
        }
        if Set(genres).count != genres.count { list.add("genres", "must not repeat a genre") }
        list.requireList(directors, "directors", maxCount: CatalogLimits.listCount, maxLength: CatalogLimits.nameLength)
        if cast.count > CatalogLimits.listCount { list.add("cast", "must have at most \(CatalogLimits.listCount) entries") }
        for (index, credit) in cast.enumerated() {
            list.requireText(credit.person, "cast[\(index)].person", maxLength: CatalogLimits.nameLength)
            list.requireText(credit.character, "cast[\(index)].character", maxLength: CatalogLimits.nameLength)
        }
        if characters.count > CatalogLimits.listCount { list.add("characters", "must have at most \(CatalogLimits.listCount) entries") }
        for (index, character) in characters.enumerated() {
            list.requireText(character.name, "characters[\(index)].name", maxLength: CatalogLimits.nameLength)
            if let description = character.description {
                list.requireText(description, "characters[\(index)].description", maxLength: CatalogLimits.shortTextLength)
            }
            list.requireList(character.traits, "characters[\(index)].traits", maxCount: 20, maxLength: 60)
        }
        if Set(characters.map { $0.name.lowercased() }).count != characters.count {
            list.add("characters", "must not describe the same character twice")
        }
        if let synopsis { list.requireText(synopsis, "synopsis", maxLength: CatalogLimits.synopsisLength) }
        list.requireList(settings, "settings", maxCount: CatalogLimits.listCount, maxLength: CatalogLimits.shortTextLength)
        list.requireList(keywords, "keywords", maxCount: CatalogLimits.listCount, maxLength: 100)
        list.requireList(moods, "moods", maxCount: 20, maxLength: 100)
        if let imdb = externalIds.imdb, imdb.range(of: #"^tt\d{7,10}$"#, options: .regularExpression) == nil {
            list.add("externalIds.imdb", "must look like tt0123456 (got '\(imdb)')")
        }
        return list.problems
    }

    /// Returns `self`, or throws a ``CatalogError`` listing every problem.
    public func validated() throws -> Film {
        let problems = validationProblems()
        guard problems.isEmpty else { throw CatalogError.invalid("film '\(id)'", problems) }
        return self
    }
}

extension UserProfile {
    /// Every problem with this profile; empty when it is valid.
    public func validationProblems() -> [ValidationProblem] {
        var list = ProblemList()
        list.requireIdentifier(id, "id")
        list.requireText(displayName, "displayName", maxLength: 100)
        if language.range(of: #"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$"#, options: .regularExpression) == nil {
            list.add("language", "must be a BCP 47 language tag such as 'en' or 'fr-CA' (got '\(language.prefix(40))')")
        }
        let both = Set(likedGenres).intersection(dislikedGenres)
        if !both.isEmpty {
            list.add("dislikedGenres", "a genre cannot be both liked and disliked: \(both.sorted().map(\.rawValue).joined(separator: ", "))")
        }
        if Set(likedGenres).count != likedGenres.count { list.add("likedGenres", "must not repeat a genre") }
        if Set(dislikedGenres).count != dislikedGenres.count { list.add("dislikedGenres", "must not repeat a genre") }
        return list.problems
    }

    /// Returns `self`, or throws a ``CatalogError`` listing every problem.
    public func validated() throws -> UserProfile {
        let problems = validationProblems()
        guard problems.isEmpty else { throw CatalogError.invalid("user '\(id)'", problems) }
        return self
    }
}

extension FeedbackEvent {
    /// Every problem with this event; empty when it is valid. `field` names are relative to the event.
    public func validationProblems() -> [ValidationProblem] {
        var list = ProblemList()
        list.requireIdentifier(userId, "userId")
        list.requireIdentifier(filmId, "filmId")
        if idempotencyKey.isEmpty || idempotencyKey.utf8.count > CatalogLimits.idempotencyKeyLength {
            list.add("idempotencyKey", "must be 1–\(CatalogLimits.idempotencyKeyLength) bytes")
        } else if idempotencyKey.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            list.add("idempotencyKey", "must not contain control characters")
        }
        if !value.isFinite {
            list.add("value", "must be a finite number")
        } else {
            switch kind {
            case .rating where !CatalogLimits.ratingRange.contains(value):
                list.add("value", "a rating must be between 0.5 and 5 (got \(value.formatted()))")
            case .dwell where value < 0 || value > CatalogLimits.maxDwellSeconds:
                list.add("value", "dwell must be between 0 and \(Int(CatalogLimits.maxDwellSeconds)) seconds (got \(value.formatted()))")
            case .view, .hotspot, .like, .skip:
                if value < 0 || value > CatalogLimits.maxCountValue {
                    list.add("value", "\(kind.rawValue) must be between 0 and \(Int(CatalogLimits.maxCountValue)) (got \(value.formatted()))")
                }
            default: break
            }
        }
        let seconds = timestamp.timeIntervalSince1970
        if !seconds.isFinite || seconds < 0 || seconds > 4_102_444_800 {  // 2100-01-01
            list.add("timestamp", "must be between 1970 and 2100")
        }
        return list.problems
    }

    /// Returns `self`, or throws a ``CatalogError`` listing every problem.
    public func validated() throws -> FeedbackEvent {
        let problems = validationProblems()
        guard problems.isEmpty else { throw CatalogError.invalid("feedback event", problems) }
        return self
    }
}

extension Double {
    /// Compact formatting for error messages: `7`, `0.25`.
    func formatted() -> String {
        self == rounded() && abs(self) < 1e15 ? String(Int(self)) : String(self)
    }
}
