import Determinism

/// Item-based collaborative filtering: cosine similarity between items' interaction columns,
/// keeping each item's `neighbours` most similar items. A user's score for an item is the sum,
/// over the user's items, of value × similarity.
public struct ItemKNN: Recommender {
    public struct Configuration: Sendable, Equatable, Codable {
        /// Neighbours kept per item.
        public var neighbours: Int
        /// Treat every interaction as 1 (implicit feedback) instead of its value.
        public var binary: Bool
        public var threads: Int

        public init(neighbours: Int = 50, binary: Bool = true, threads: Int = 0) {
            self.neighbours = neighbours
            self.binary = binary
            self.threads = threads
        }
    }

    public let name = "itemknn"
    public let configuration: Configuration
    public private(set) var itemCount = 0
    private var byUser = SparseMatrix([], rowCount: 0, columnCount: 0)
    /// For each item, its neighbours sorted by similarity (strongest first).
    private var neighbourOffsets: [Int] = [0]
    private var neighbourItems: [Int32] = []
    private var neighbourWeights: [Float] = []

    public init(_ configuration: Configuration = Configuration()) {
        self.configuration = configuration
    }

    public mutating func fit(_ data: SparseMatrix) throws {
        guard data.rowCount > 0 else { throw RecommenderError("cannot fit itemknn on an empty matrix") }
        let matrix = configuration.binary ? data.mapValues { _ in 1 } : data
        byUser = data
        itemCount = data.columnCount
        let byItem = matrix.transposed()
        let norms = byItem.rowNorms()
        let k = configuration.neighbours
        var lists = [[(Int32, Float)]](repeating: [], count: itemCount)
        lists.withUnsafeMutableBufferPointer { buffer in
            let output = SharedBuffer(buffer)  // each chunk writes only its own items' lists
            Parallel.forEachChunk(count: itemCount, chunkSize: 64, threads: configuration.threads == 0 ? Parallel.defaultThreads : configuration.threads) { range in
                var dots = [Float](repeating: 0, count: itemCount)
                var touched: [Int32] = []
                for item in range {
                    let (users, values) = byItem.row(item)
                    for (user, value) in zip(users, values) {
                        let (others, otherValues) = matrix.row(Int(user))
                        for (other, otherValue) in zip(others, otherValues) where Int(other) != item {
                            if dots[Int(other)] == 0 { touched.append(other) }
                            dots[Int(other)] += value * otherValue
                        }
                    }
                    var candidates: [(Int32, Float)] = []
                    candidates.reserveCapacity(touched.count)
                    for other in touched {
                        let similarity = dots[Int(other)] / (norms[item] * norms[Int(other)])
                        if similarity > 0 { candidates.append((other, similarity)) }
                        dots[Int(other)] = 0
                    }
                    touched.removeAll(keepingCapacity: true)
                    candidates.sort { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
                    output[item] = Array(candidates.prefix(k))
                }
            }
        }
        neighbourOffsets = [0]
        neighbourItems = []
        neighbourWeights = []
        for list in lists {
            for (other, weight) in list {
                neighbourItems.append(other)
                neighbourWeights.append(weight)
            }
            neighbourOffsets.append(neighbourItems.count)
        }
    }

    public func history(user: Int) -> UserHistory? { byUser.history(user: user) }

    /// The stored neighbours of `item`, strongest first.
    public func neighbours(of item: Int) -> [(item: Int32, similarity: Float)] {
        guard item >= 0 && item < itemCount else { return [] }
        return (neighbourOffsets[item]..<neighbourOffsets[item + 1]).map { (neighbourItems[$0], neighbourWeights[$0]) }
    }

    public func score(history: UserHistory, user: Int?) -> [Float] {
        var scores = [Float](repeating: 0, count: itemCount)
        for (item, value) in zip(history.items, history.values) where Int(item) < itemCount {
            let weight = configuration.binary ? 1 : value
            for p in neighbourOffsets[Int(item)]..<neighbourOffsets[Int(item) + 1] {
                scores[Int(neighbourItems[p])] += weight * neighbourWeights[p]
            }
        }
        return scores
    }

    public func explain(history: UserHistory, item: Int) -> Explanation {
        guard item >= 0 && item < itemCount else { return .none }
        var contributions: [Contribution] = []
        for (own, value) in zip(history.items, history.values) where Int(own) < itemCount {
            for p in neighbourOffsets[Int(own)]..<neighbourOffsets[Int(own) + 1] where Int(neighbourItems[p]) == item {
                contributions.append(Contribution(item: own, weight: (configuration.binary ? 1 : value) * neighbourWeights[p]))
            }
        }
        return .items(Contributions.strongest(contributions))
    }
}

/// Orders contributions for explanations: strongest first, ties by item, at most `limit`.
enum Contributions {
    static func strongest(_ contributions: [Contribution], limit: Int = 5) -> [Contribution] {
        Array(contributions.filter { $0.weight > 0 }.sorted { $0.weight != $1.weight ? $0.weight > $1.weight : $0.item < $1.item }.prefix(limit))
    }
}

extension ItemKNN: ArchivableRecommender {
    static let archiveTag = "itemknn"

    func write(to writer: inout ArchiveWriter) throws {
        try writer.json(configuration)
        writer.int(itemCount)
        writer.matrix(byUser)
        writer.neighbourTable(offsets: neighbourOffsets, items: neighbourItems, weights: neighbourWeights)
    }

    init(reading reader: inout ArchiveReader) throws {
        configuration = try reader.json(Configuration.self)
        itemCount = try reader.int()
        byUser = try reader.matrix()
        (neighbourOffsets, neighbourItems, neighbourWeights) = try reader.neighbourTable()
    }
}
