import Foundation

/// One row of a ratings file: external user and item ids, the rating and its time.
public struct RatingRow: Sendable, Hashable {
    public init(user: Int, item: Int, rating: Float, timestamp: Int64) {
        self.user = user
        self.item = item
        self.rating = rating
        self.timestamp = timestamp
    }

    public var user: Int
    public var item: Int
    public var rating: Float
    public var timestamp: Int64
}

/// Reads whitespace-separated rating files: MovieLens `u.data`/`u1.base` (no header) and the
/// split files of `../shared/data/splits` (header `user item rating ts`).
public enum RatingFile {
    /// - Throws: ``RecommenderError`` naming the file and line of the first malformed row.
    public static func read(_ url: URL) throws -> [RatingRow] {
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw RecommenderError("cannot read ratings file \(url.path)")
        }
        var rows: [RatingRow] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let fields = line.split(whereSeparator: { $0 == "\t" || $0 == " " || $0 == "," || $0 == "\r" })
            if fields.isEmpty { continue }
            if index == 0 && Int(fields[0]) == nil { continue }  // header
            guard fields.count >= 3, let user = Int(fields[0]), let item = Int(fields[1]), let rating = Float(fields[2]) else {
                throw RecommenderError("\(url.lastPathComponent):\(index + 1): expected 'user item rating [timestamp]'")
            }
            let timestamp = fields.count > 3 ? Int64(fields[3]) ?? 0 : 0
            rows.append(RatingRow(user: user, item: item, rating: rating, timestamp: timestamp))
        }
        return rows
    }
}

/// Training rows turned into a dense matrix, with the id maps to translate test rows.
public struct IndexedRatings: Sendable {
    public var users: IDMap<Int>
    public var items: IDMap<Int>
    public var matrix: SparseMatrix

    /// Maps ids in first-seen order; duplicates resolve to the latest timestamp.
    /// - Parameter value: the value stored for each row (the rating, or 1 for "a positive").
    public init(_ rows: [RatingRow], value: (RatingRow) -> Float = { $0.rating }) {
        var users = IDMap<Int>()
        var items = IDMap<Int>()
        let interactions = rows.map { row in
            Interaction(user: users.insert(row.user), item: items.insert(row.item), value: value(row), timestamp: row.timestamp)
        }
        self.users = users
        self.items = items
        matrix = SparseMatrix(interactions, rowCount: users.count, columnCount: items.count)
    }
}
