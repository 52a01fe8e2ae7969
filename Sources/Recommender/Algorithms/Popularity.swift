/// The baseline: every user gets the items most users interacted with.
public struct Popularity: Recommender {
    public let name = "popularity"
    public private(set) var itemCount = 0
    /// Users per item.
    public private(set) var counts: [Float] = []
    private var training = SparseMatrix([], rowCount: 0, columnCount: 0)

    public init() {}

    public mutating func fit(_ data: SparseMatrix) throws {
        training = data
        itemCount = data.columnCount
        counts = data.columnCounts().map(Float.init)
    }

    public func score(history: UserHistory, user: Int?) -> [Float] { counts }

    public func history(user: Int) -> UserHistory? { training.history(user: user) }

    public func explain(history: UserHistory, item: Int) -> Explanation {
        item >= 0 && item < itemCount ? .popularity(count: Int(counts[item])) : .none
    }
}

extension Popularity: ArchivableRecommender {
    static let archiveTag = "popularity"

    func write(to writer: inout ArchiveWriter) throws {
        writer.int(itemCount)
        writer.floats(counts)
        writer.matrix(training)
    }

    init(reading reader: inout ArchiveReader) throws {
        itemCount = try reader.int()
        counts = try reader.floats()
        training = try reader.matrix()
    }
}
