import Determinism
import Foundation

/// RP3β (Paudel et al. 2017): a three-step random walk user → item → user → item on the
/// interaction graph, with each target item's weight divided by its popularity^β so the walk
/// does not always end at blockbusters. Item × item weights keep each item's strongest
/// `neighbours`; a user's score for j is Σ over their items i of W_ij.
public struct RP3Beta: Recommender {
    public struct Configuration: Sendable, Equatable, Codable {
        /// Transition probabilities are raised to this power (α = 1 is a plain random walk).
        public var alpha: Float
        /// Popularity penalty exponent.
        public var beta: Float
        public var neighbours: Int
        public var threads: Int

        public init(alpha: Float = 1, beta: Float = 0.5, neighbours: Int = 200, threads: Int = 0) {
            self.alpha = alpha
            self.beta = beta
            self.neighbours = neighbours
            self.threads = threads
        }
    }

    public let name = "rp3beta"
    public let configuration: Configuration
    public private(set) var itemCount = 0
    private var byUser = SparseMatrix([], rowCount: 0, columnCount: 0)
    private var weights = ItemNeighbours()

    public init(_ configuration: Configuration = Configuration()) {
        self.configuration = configuration
    }

    public mutating func fit(_ data: SparseMatrix) throws {
        guard data.nonZeroCount > 0 else { throw RecommenderError("cannot fit rp3beta on an empty matrix") }
        byUser = data
        itemCount = data.columnCount
        let binary = data.mapValues { _ in 1 }
        let byItem = binary.transposed()
        let userDegree = (0..<binary.rowCount).map { Float(binary.rowLength($0)) }
        let itemDegree = (0..<itemCount).map { Float(byItem.rowLength($0)) }
        let alpha = configuration.alpha
        let penalty = itemDegree.map { $0 > 0 ? powf($0, -configuration.beta) : 0 }
        let threads = configuration.threads == 0 ? Parallel.defaultThreads : configuration.threads
        weights = ItemNeighbours.build(itemCount: itemCount, keep: configuration.neighbours, threads: threads) { item, accumulate in
            let fromItem = powf(1 / max(itemDegree[item], 1), alpha)
            for user in byItem.row(item).indices {
                let step = fromItem * powf(1 / max(userDegree[Int(user)], 1), alpha)
                for other in binary.row(Int(user)).indices where Int(other) != item {
                    accumulate(other, step * penalty[Int(other)])
                }
            }
        }
    }

    public func history(user: Int) -> UserHistory? { byUser.history(user: user) }

    public func score(history: UserHistory, user: Int?) -> [Float] {
        weights.scores(history: history, itemCount: itemCount, binary: true)
    }

    public func explain(history: UserHistory, item: Int) -> Explanation {
        guard item >= 0 && item < itemCount else { return .none }
        return .items(Contributions.strongest(weights.contributions(history: history, to: item, binary: true)))
    }
}

extension RP3Beta: ArchivableRecommender {
    static let archiveTag = "rp3beta"

    func write(to writer: inout ArchiveWriter) throws {
        try writer.json(configuration)
        writer.int(itemCount)
        writer.matrix(byUser)
        weights.write(to: &writer)
    }

    init(reading reader: inout ArchiveReader) throws {
        configuration = try reader.json(Configuration.self)
        itemCount = try reader.int()
        byUser = try reader.matrix()
        weights = try ItemNeighbours(reading: &reader)
    }
}
