import Determinism

/// Baseline-corrected item neighbourhood model for rating prediction (Koren 2010, as
/// Surprise's KNNBaseline): r̂_ui = b_ui + Σ_j s_ij·(r_uj − b_uj) / Σ_j s_ij over the
/// `neighbours` items j the user rated that are most similar to i, where b_ui = μ + b_u + b_i
/// are regularised baselines and s_ij is the shrunk Pearson correlation of baseline residuals.
public struct BaselineKNN: Recommender {
    public struct Configuration: Sendable, Equatable, Codable {
        public var neighbours: Int
        /// Similarities are multiplied by (n − 1)/(n − 1 + shrinkage) for n common users.
        public var shrinkage: Float
        /// Baselines: alternating least squares with these regularisers.
        public var userRegularization: Float
        public var itemRegularization: Float
        public var baselineEpochs: Int
        /// Most similar items kept per item.
        public var keptNeighbours: Int
        public var ratingRange: ClosedRange<Float>
        public var threads: Int

        public init(neighbours: Int = 40, shrinkage: Float = 100, userRegularization: Float = 15, itemRegularization: Float = 10,
                    baselineEpochs: Int = 10, keptNeighbours: Int = 400, ratingRange: ClosedRange<Float> = 1...5, threads: Int = 0) {
            self.neighbours = neighbours
            self.shrinkage = shrinkage
            self.userRegularization = userRegularization
            self.itemRegularization = itemRegularization
            self.baselineEpochs = baselineEpochs
            self.keptNeighbours = keptNeighbours
            self.ratingRange = ratingRange
            self.threads = threads
        }
    }

    public let name = "baselineknn"
    public let configuration: Configuration
    public private(set) var itemCount = 0
    private var byUser = SparseMatrix([], rowCount: 0, columnCount: 0)
    public private(set) var globalMean: Float = 0
    public private(set) var userBias: [Float] = []
    public private(set) var itemBias: [Float] = []
    /// Per item, kept neighbours sorted by item index (for merge-joins with a user's row).
    private var neighbourOffsets: [Int] = [0]
    private var neighbourItems: [Int32] = []
    private var neighbourWeights: [Float] = []

    public init(_ configuration: Configuration = Configuration()) {
        self.configuration = configuration
    }

    public mutating func fit(_ data: SparseMatrix) throws {
        guard data.nonZeroCount > 0 else { throw RecommenderError("cannot fit baselineknn on an empty matrix") }
        byUser = data
        itemCount = data.columnCount
        let byItem = data.transposed()
        globalMean = data.values.reduce(0, +) / Float(data.nonZeroCount)
        userBias = [Float](repeating: 0, count: data.rowCount)
        itemBias = [Float](repeating: 0, count: itemCount)
        for _ in 0..<configuration.baselineEpochs {
            for user in 0..<data.rowCount {
                let (items, ratings) = data.row(user)
                var sum: Float = 0
                for (item, rating) in zip(items, ratings) { sum += rating - globalMean - itemBias[Int(item)] }
                userBias[user] = sum / (configuration.userRegularization + Float(items.count))
            }
            for item in 0..<itemCount {
                let (users, ratings) = byItem.row(item)
                var sum: Float = 0
                for (user, rating) in zip(users, ratings) { sum += rating - globalMean - userBias[Int(user)] }
                itemBias[item] = sum / (configuration.itemRegularization + Float(users.count))
            }
        }
        // Residuals of every rating from its baseline, in both orientations.
        let residuals = SparseMatrix(
            rowCount: data.rowCount, columnCount: itemCount, rowOffsets: data.rowOffsets, columnIndices: data.columnIndices,
            values: (0..<data.rowCount).flatMap { user in
                data.row(user).indices.indices.map { entry in
                    data.values[entry] - globalMean - userBias[user] - itemBias[Int(data.columnIndices[entry])]
                }
            })
        let residualsByItem = residuals.transposed()
        let kept = configuration.keptNeighbours
        let shrinkage = configuration.shrinkage
        var lists = [[(Int32, Float)]](repeating: [], count: itemCount)
        lists.withUnsafeMutableBufferPointer { buffer in
            let output = SharedBuffer(buffer)  // each chunk writes only its own items
            let threads = configuration.threads == 0 ? Parallel.defaultThreads : configuration.threads
            Parallel.forEachChunk(count: itemCount, chunkSize: 32, threads: threads) { range in
                var products = [Float](repeating: 0, count: itemCount)
                var squaresI = [Float](repeating: 0, count: itemCount)
                var squaresJ = [Float](repeating: 0, count: itemCount)
                var support = [Int32](repeating: 0, count: itemCount)
                var touched: [Int32] = []
                for item in range {
                    let (users, values) = residualsByItem.row(item)
                    for (user, ei) in zip(users, values) {
                        let (others, otherValues) = residuals.row(Int(user))
                        for (other, ej) in zip(others, otherValues) where Int(other) != item {
                            let o = Int(other)
                            if support[o] == 0 { touched.append(other) }
                            products[o] += ei * ej
                            squaresI[o] += ei * ei
                            squaresJ[o] += ej * ej
                            support[o] += 1
                        }
                    }
                    var candidates: [(Int32, Float)] = []
                    for other in touched {
                        let o = Int(other)
                        let denominator = (squaresI[o] * squaresJ[o]).squareRoot()
                        if denominator > 0 && support[o] > 1 {
                            let n = Float(support[o])
                            let similarity = products[o] / denominator * (n - 1) / (n - 1 + shrinkage)
                            if similarity > 0 { candidates.append((other, similarity)) }
                        }
                        products[o] = 0; squaresI[o] = 0; squaresJ[o] = 0; support[o] = 0
                    }
                    touched.removeAll(keepingCapacity: true)
                    if candidates.count > kept {
                        candidates.sort { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
                        candidates.removeLast(candidates.count - kept)
                    }
                    candidates.sort { $0.0 < $1.0 }
                    output[item] = candidates
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

    private func baseline(user: Int?, item: Int) -> Float {
        globalMean + (user.map { $0 >= 0 && $0 < userBias.count ? userBias[$0] : 0 } ?? 0) + itemBias[item]
    }

    /// The `neighbours` rated items most similar to `item`, as (item, similarity, residual).
    private func ratedNeighbours(of item: Int, history: UserHistory, userBias bu: Float) -> [(item: Int32, similarity: Float, residual: Float)] {
        var found: [(item: Int32, similarity: Float, residual: Float)] = []
        var p = neighbourOffsets[item]
        let end = neighbourOffsets[item + 1]
        var h = 0
        while p < end && h < history.items.count {
            let a = neighbourItems[p], b = history.items[h]
            if a == b {
                let residual = history.values[h] - globalMean - bu - itemBias[Int(b)]
                found.append((a, neighbourWeights[p], residual))
                p += 1; h += 1
            } else if a < b { p += 1 } else { h += 1 }
        }
        if found.count > configuration.neighbours {
            found.sort { $0.similarity != $1.similarity ? $0.similarity > $1.similarity : $0.item < $1.item }
            found.removeLast(found.count - configuration.neighbours)
        }
        return found
    }

    private func predict(history: UserHistory, userBias bu: Float, item: Int) -> Float {
        var numerator: Float = 0
        var denominator: Float = 0
        for neighbour in ratedNeighbours(of: item, history: history, userBias: bu) {
            numerator += neighbour.similarity * neighbour.residual
            denominator += neighbour.similarity
        }
        let prediction = globalMean + bu + itemBias[item] + (denominator > 0 ? numerator / denominator : 0)
        return min(max(prediction, configuration.ratingRange.lowerBound), configuration.ratingRange.upperBound)
    }

    public func predict(user: Int, item: Int) -> Float? {
        guard item >= 0 && item < itemCount else { return nil }
        guard let history = history(user: user) else { return baseline(user: nil, item: item) }
        return predict(history: history, userBias: userBias[user], item: item)
    }

    /// Predicted ratings for every item; a new history's bias is its mean residual from the item baselines.
    public func score(history: UserHistory, user: Int?) -> [Float] {
        let bias: Float
        if let user, user >= 0, user < userBias.count {
            bias = userBias[user]
        } else {
            var sum: Float = 0
            for (item, value) in zip(history.items, history.values) where Int(item) < itemCount { sum += value - globalMean - itemBias[Int(item)] }
            bias = sum / (configuration.userRegularization + Float(history.items.count))
        }
        return (0..<itemCount).map { predict(history: history, userBias: bias, item: $0) }
    }

    public func explain(history: UserHistory, item: Int) -> Explanation {
        guard item >= 0 && item < itemCount else { return .none }
        let contributions = ratedNeighbours(of: item, history: history, userBias: 0).map { Contribution(item: $0.item, weight: $0.similarity * max($0.residual, 0)) }
        return .items(Contributions.strongest(contributions))
    }
}

extension BaselineKNN: ArchivableRecommender {
    static let archiveTag = "baselineknn"

    func write(to writer: inout ArchiveWriter) throws {
        try writer.json(configuration)
        writer.int(itemCount)
        writer.matrix(byUser)
        writer.float(globalMean)
        writer.floats(userBias)
        writer.floats(itemBias)
        writer.neighbourTable(offsets: neighbourOffsets, items: neighbourItems, weights: neighbourWeights)
    }

    init(reading reader: inout ArchiveReader) throws {
        configuration = try reader.json(Configuration.self)
        itemCount = try reader.int()
        byUser = try reader.matrix()
        globalMean = try reader.float()
        userBias = try reader.floats()
        itemBias = try reader.floats()
        (neighbourOffsets, neighbourItems, neighbourWeights) = try reader.neighbourTable()
    }
}
