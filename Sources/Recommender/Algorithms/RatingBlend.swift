import Determinism

/// The rating-prediction workhorse: a linear blend of ``BiasedMF`` (with SVD++ terms) and
/// ``BaselineKNN``, whose errors are only partly correlated.
///
/// Blend weights are learned, not guessed: both models are fitted on the training data minus a
/// held-out slice of each user's ratings, the weights are found by least squares on that slice,
/// and then both models are refitted on all the training data.
public struct RatingBlend: Recommender {
    public struct Configuration: Sendable, Equatable, Codable {
        public var factorization: BiasedMF.Configuration
        public var neighbourhood: BaselineKNN.Configuration
        /// Share of each user's ratings held out to learn the weights.
        public var holdoutFraction: Float
        public var seed: UInt64

        public init(factorization: BiasedMF.Configuration = .init(), neighbourhood: BaselineKNN.Configuration = .init(),
                    holdoutFraction: Float = 0.1, seed: UInt64 = 7) {
            self.factorization = factorization
            self.neighbourhood = neighbourhood
            self.holdoutFraction = holdoutFraction
            self.seed = seed
        }
    }

    public let name = "blend"
    public let configuration: Configuration
    public private(set) var itemCount = 0
    public private(set) var factorization: BiasedMF
    public private(set) var neighbourhood: BaselineKNN
    /// Intercept, then one weight per model.
    public private(set) var weights: [Float] = [0, 0.5, 0.5]

    public init(_ configuration: Configuration = Configuration()) {
        self.configuration = configuration
        factorization = BiasedMF(configuration.factorization)
        neighbourhood = BaselineKNN(configuration.neighbourhood)
    }

    public mutating func fit(_ data: SparseMatrix) throws {
        itemCount = data.columnCount
        let (train, holdout) = Self.split(data, fraction: configuration.holdoutFraction, seed: configuration.seed)
        var mf = BiasedMF(configuration.factorization)
        var knn = BaselineKNN(configuration.neighbourhood)
        try mf.fit(train)
        try knn.fit(train)
        let rows = holdout.map { entry in
            [1, Double(mf.predict(user: Int(entry.user), item: Int(entry.item)) ?? 0), Double(knn.predict(user: Int(entry.user), item: Int(entry.item)) ?? 0)]
        }
        weights = Self.leastSquares(rows: rows, targets: holdout.map { Double($0.value) }).map(Float.init)
        factorization = BiasedMF(configuration.factorization)
        neighbourhood = BaselineKNN(configuration.neighbourhood)
        try factorization.fit(data)
        try neighbourhood.fit(data)
    }

    /// Holds out `fraction` of each user's ratings (at least one rating stays in training).
    static func split(_ data: SparseMatrix, fraction: Float, seed: UInt64) -> (SparseMatrix, [Interaction]) {
        var random = SeededRandom(seed: seed)
        var train: [Interaction] = []
        var holdout: [Interaction] = []
        for user in 0..<data.rowCount {
            let (items, values) = data.row(user)
            for (offset, (item, value)) in zip(items, values).enumerated() {
                let interaction = Interaction(user: Int32(user), item: item, value: value)
                if offset > 0 && random.nextUnitFloat() < fraction { holdout.append(interaction) } else { train.append(interaction) }
            }
        }
        return (SparseMatrix(train, rowCount: data.rowCount, columnCount: data.columnCount), holdout)
    }

    /// Ridge-stabilised least squares for a handful of columns.
    static func leastSquares(rows: [[Double]], targets: [Double]) -> [Double] {
        let columns = rows.first?.count ?? 0
        var a = [Double](repeating: 0, count: columns * columns)
        var b = [Double](repeating: 0, count: columns)
        for (row, target) in zip(rows, targets) {
            for i in 0..<columns {
                b[i] += row[i] * target
                for j in 0..<columns { a[i * columns + j] += row[i] * row[j] }
            }
        }
        for i in 0..<columns { a[i * columns + i] += 1e-6 * Double(rows.count) }
        return Cholesky.solveSmall(a, b, k: columns) ?? [0] + Array(repeating: 1 / Double(max(1, columns - 1)), count: max(0, columns - 1))
    }

    public func history(user: Int) -> UserHistory? { factorization.history(user: user) }

    public func predict(user: Int, item: Int) -> Float? {
        guard let a = factorization.predict(user: user, item: item), let b = neighbourhood.predict(user: user, item: item) else { return nil }
        let range = configuration.factorization.ratingRange
        return min(max(weights[0] + weights[1] * a + weights[2] * b, range.lowerBound), range.upperBound)
    }

    public func score(history: UserHistory, user: Int?) -> [Float] {
        let a = factorization.score(history: history, user: user)
        let b = neighbourhood.score(history: history, user: user)
        let range = configuration.factorization.ratingRange
        return zip(a, b).map { min(max(weights[0] + weights[1] * $0 + weights[2] * $1, range.lowerBound), range.upperBound) }
    }

    public func explain(history: UserHistory, item: Int) -> Explanation {
        neighbourhood.explain(history: history, item: item)
    }
}

extension RatingBlend: ArchivableRecommender {
    static let archiveTag = "blend"

    func write(to writer: inout ArchiveWriter) throws {
        try writer.json(configuration)
        writer.int(itemCount)
        try factorization.write(to: &writer)
        try neighbourhood.write(to: &writer)
        writer.floats(weights)
    }

    init(reading reader: inout ArchiveReader) throws {
        configuration = try reader.json(Configuration.self)
        itemCount = try reader.int()
        factorization = try BiasedMF(reading: &reader)
        neighbourhood = try BaselineKNN(reading: &reader)
        weights = try reader.floats()
    }
}
