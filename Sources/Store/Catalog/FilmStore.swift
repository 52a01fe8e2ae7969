import Catalog
import Foundation

/// Films with their genres, keywords and credits.
public protocol FilmStore: Sendable {
    /// The film with this id, or nil.
    func film(id: String) async throws -> Film?
    /// The films with these ids, in the order given; unknown ids are left out.
    func films(ids: [String]) async throws -> [Film]
    /// Every film, ordered by id.
    func all() async throws -> [Film]
    /// Which of `ids` exist.
    func existingIds(_ ids: [String]) async throws -> Set<String>
    func count() async throws -> Int
    /// Every film's id and title, ordered by id (for spotting titles in free text).
    func titles() async throws -> [(id: String, title: String)]
    /// One page of films matching `query`, with the total number of matches: exact titles
    /// first, then titles that start with the text, then the rest; ties by title, year, id.
    func search(_ query: FilmQuery) async throws -> Page<Film>
    /// Inserts or replaces films (with all their genres, keywords and credits) in one transaction.
    /// - Parameter source: where the records came from, kept for provenance.
    func upsert(_ films: [Film], source: String) async throws
    /// Maps of external ids and titles to film ids, used to merge imported films into existing ones.
    func matchIndex() async throws -> FilmMatchIndex
}

/// A film search: every field optional, paged.
public struct FilmQuery: Sendable, Equatable {
    /// Case- and accent-insensitive substring of the title.
    public var text: String?
    public var genre: Genre?
    public var yearFrom: Int?
    public var yearTo: Int?
    /// 1-based page number.
    public var page: Int
    public var pageSize: Int

    public init(text: String? = nil, genre: Genre? = nil, yearFrom: Int? = nil, yearTo: Int? = nil, page: Int = 1, pageSize: Int = 20) {
        self.text = text
        self.genre = genre
        self.yearFrom = yearFrom
        self.yearTo = yearTo
        self.page = page
        self.pageSize = pageSize
    }

    /// The search key of `text` (trimmed, folded), or nil when there is no text to match.
    public var searchKey: String? {
        guard let text = text?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else { return nil }
        return Slug.searchKey(text)
    }

    /// `text` with LIKE's wildcards escaped by a backslash, for both engines' `LIKE … ESCAPE '\'`.
    public static func escapeLike(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_")
    }
}

/// One page of a longer list.
public struct Page<Item: Sendable>: Sendable {
    public var items: [Item]
    /// Number of matches across all pages.
    public var total: Int
    public var page: Int
    public var pageSize: Int

    public init(items: [Item], total: Int, page: Int, pageSize: Int) {
        self.items = items
        self.total = total
        self.page = page
        self.pageSize = pageSize
    }
}

extension Page: Encodable where Item: Encodable {}
