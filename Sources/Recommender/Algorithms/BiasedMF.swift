import Determinism

/// Biased matrix factorisation for rating prediction, trained by stochastic gradient descent:
/// r̂ = μ + b_u + b_i + q_iᵀ·(p_u + |N(u)|^-½·Σ_{j∈N(u)} y_j).
///
/// With ``Configuration/implicitFeedback`` the y_j terms of SVD++ (Koren 2008) are learned
/// too, where N(u) is every item the user rated. They are updated once per user per epoch from
/// the gradient accumulated over that user's ratings, which makes an epoch O(ratings × factors)
/// instead of SVD++'s usual O(ratings × |N(u)| × factors).
public struct BiasedMF: Recommender {
    public struct Configuration: Sendable, Equatable, Codable {
        public var factors: Int
        public var epochs: Int
        public var learningRate: Float
        /// Learning rate is multiplied by this after every epoch.
        public var learningRateDecay: Float
        public var regularization: Float
        public var biasRegularization: Float
        public var implicitFeedback: Bool
        public var initialDeviation: Float
        public var seed: UInt64
        /// Predictions are clipped to this range.
        public var ratingRange: ClosedRange<Float>

        public init(
            factors: Int = 50, epochs: Int = 40, learningRate: Float = 0.007, learningRateDecay: Float = 0.96,
            regularization: Float = 0.05, biasRegularization: Float = 0.02, implicitFeedback: Bool = true,
            initialDeviation: Float = 0.05, seed: UInt64 = 42, ratingRange: ClosedRange<Float> = 1...5
        ) {
            self.factors = factors
            self.epochs = epochs
            self.learningRate = learningRate
            self.learningRateDecay = learningRateDecay
            self.regularization = regularization
            self.biasRegularization = biasRegularization
            self.implicitFeedback = implicitFeedback
            self.initialDeviation = initialDeviation
            self.seed = seed
            self.ratingRange = ratingRange
        }
    }

    public let name = "biasedmf"
    public let configuration: Configuration
    public private(set) var itemCount = 0
    private var byUser = SparseMatrix([], rowCount: 0, columnCount: 0)
    public private(set) var globalMean: Float = 0
    public private(set) var userBias: [Float] = []
    public private(set) var itemBias: [Float] = []
    /// Row-major: users × k (p), items × k (q), items × k (y).
    public private(set) var userFactors: [Float] = []
    public private(set) var itemFactors: [Float] = []
    public private(set) var implicitFactors: [Float] = []
    /// p_u + |N(u)|^-½·Σ y_j for every training user, computed after fitting.
    private var effectiveUserFactors: [Float] = []

    public init(_ configuration: Configuration = Configuration()) {
        self.configuration = configuration
    }

    public mutating func fit(_ data: SparseMatrix) throws {
        guard data.nonZeroCount > 0 else { throw RecommenderError("cannot fit biasedmf on an empty matrix") }
        let k = configuration.factors
        let users = data.rowCount
        byUser = data
        itemCount = data.columnCount
        globalMean = data.values.reduce(0, +) / Float(data.nonZeroCount)
        var random = SeededRandom(seed: configuration.seed)
        userBias = [Float](repeating: 0, count: users)
        itemBias = [Float](repeating: 0, count: itemCount)
        userFactors = (0..<(users * k)).map { _ in random.nextGaussian(deviation: configuration.initialDeviation) }
        itemFactors = (0..<(itemCount * k)).map { _ in random.nextGaussian(deviation: configuration.initialDeviation) }
        implicitFactors = [Float](repeating: 0, count: configuration.implicitFeedback ? itemCount * k : 0)
        var order = Array(0..<users)
        var learningRate = configuration.learningRate
        let reg = configuration.regularization
        let biasReg = configuration.biasRegularization
        let mu = globalMean
        var implicitSum = [Float](repeating: 0, count: k)
        var implicitGradient = [Float](repeating: 0, count: k)
        for _ in 0..<configuration.epochs {
            order.shuffle(using: &random)
            userFactors.withUnsafeMutableBufferPointer { pBuffer in
            itemFactors.withUnsafeMutableBufferPointer { qBuffer in
            implicitFactors.withUnsafeMutableBufferPointer { yBuffer in
            implicitSum.withUnsafeMutableBufferPointer { zBuffer in
            implicitGradient.withUnsafeMutableBufferPointer { gBuffer in
                let z = zBuffer.baseAddress!, gradient = gBuffer.baseAddress!
                for user in order {
                    let range = data.rowOffsets[user]..<data.rowOffsets[user + 1]
                    guard !range.isEmpty else { continue }
                    let pu = pBuffer.baseAddress! + user * k
                    let norm = 1 / Float(range.count).squareRoot()
                    for f in 0..<k { z[f] = 0; gradient[f] = 0 }
                    if configuration.implicitFeedback {
                        for entry in range { Kernels.axpy(norm, yBuffer.baseAddress! + Int(data.columnIndices[entry]) * k, z, k) }
                    }
                    for entry in range {
                        let item = Int(data.columnIndices[entry])
                        let qi = qBuffer.baseAddress! + item * k
                        var dot: Float = 0
                        for f in 0..<k { dot += qi[f] * (pu[f] + z[f]) }
                        let error = data.values[entry] - (mu + userBias[user] + itemBias[item] + dot)
                        userBias[user] += learningRate * (error - biasReg * userBias[user])
                        itemBias[item] += learningRate * (error - biasReg * itemBias[item])
                        for f in 0..<k {
                            let q = qi[f], p = pu[f]
                            pu[f] += learningRate * (error * q - reg * p)
                            qi[f] += learningRate * (error * (p + z[f]) - reg * q)
                            gradient[f] += error * q
                        }
                    }
                    if configuration.implicitFeedback {
                        for entry in range {
                            let yj = yBuffer.baseAddress! + Int(data.columnIndices[entry]) * k
                            for f in 0..<k { yj[f] += learningRate * (norm * gradient[f] - reg * yj[f]) }
                        }
                    }
                }
            }}}}}
            learningRate *= configuration.learningRateDecay
        }
        effectiveUserFactors = (0..<users).flatMap { effectiveFactors(user: $0) }
    }

    /// p_u + |N(u)|^-½·Σ_{j∈N(u)} y_j.
    private func effectiveFactors(user: Int) -> [Float] {
        let k = configuration.factors
        var factors = Array(userFactors[(user * k)..<((user + 1) * k)])
        let range = byUser.rowOffsets[user]..<byUser.rowOffsets[user + 1]
        if configuration.implicitFeedback && !range.isEmpty {
            let norm = 1 / Float(range.count).squareRoot()
            for entry in range {
                let base = Int(byUser.columnIndices[entry]) * k
                for f in 0..<k { factors[f] += norm * implicitFactors[base + f] }
            }
        }
        return factors
    }

    public func history(user: Int) -> UserHistory? { byUser.history(user: user) }

    /// The predicted rating, clipped to the rating range. Unknown users get μ + b_i; unknown items μ + b_u.
    public func predict(user: Int, item: Int) -> Float? {
        let knownUser = user >= 0 && user < userBias.count
        let knownItem = item >= 0 && item < itemCount
        guard knownUser || knownItem else { return globalMean }
        var prediction = globalMean + (knownUser ? userBias[user] : 0) + (knownItem ? itemBias[item] : 0)
        if knownUser && knownItem {
            let k = configuration.factors
            for f in 0..<k { prediction += itemFactors[item * k + f] * effectiveUserFactors[user * k + f] }
        }
        return min(max(prediction, configuration.ratingRange.lowerBound), configuration.ratingRange.upperBound)
    }

    /// Predicted ratings for every item. A history that is not the user's training row is
    /// folded in: the user's bias and factors are re-solved by ridge regression on fixed item terms.
    public func score(history: UserHistory, user: Int?) -> [Float] {
        if let user, user >= 0, user < byUser.rowCount, history == byUser.history(user: user) {
            return (0..<itemCount).map { predict(user: user, item: $0) ?? globalMean }
        }
        let (bias, factors) = foldIn(history)
        let k = configuration.factors
        return (0..<itemCount).map { item in
            var value = globalMean + bias + itemBias[item]
            for f in 0..<k { value += itemFactors[item * k + f] * factors[f] }
            return min(max(value, configuration.ratingRange.lowerBound), configuration.ratingRange.upperBound)
        }
    }

    /// Least-squares bias and factors for a new history given the fitted item terms.
    public func foldIn(_ history: UserHistory) -> (bias: Float, factors: [Float]) {
        let k = configuration.factors
        let dimension = k + 1  // factors plus the bias
        var a = [Double](repeating: 0, count: dimension * dimension)
        var b = [Double](repeating: 0, count: dimension)
        for d in 0..<dimension { a[d * dimension + d] = Double(d == k ? configuration.biasRegularization : configuration.regularization) * Double(max(1, history.items.count)) }
        for (item, value) in zip(history.items, history.values) where Int(item) < itemCount {
            var features = (0..<k).map { Double(itemFactors[Int(item) * k + $0]) }
            features.append(1)
            let target = Double(value - globalMean - itemBias[Int(item)])
            for i in 0..<dimension {
                b[i] += features[i] * target
                for j in 0..<dimension { a[i * dimension + j] += features[i] * features[j] }
            }
        }
        guard let solution = Cholesky.solveSmall(a, b, k: dimension) else { return (0, [Float](repeating: 0, count: k)) }
        return (Float(solution[k]), solution.prefix(k).map(Float.init))
    }

    /// The user's items whose factors point the same way as the recommended item's, weighted by
    /// how the user rated them relative to the mean.
    public func explain(history: UserHistory, item: Int) -> Explanation {
        guard item >= 0 && item < itemCount else { return .none }
        let k = configuration.factors
        let target = Array(itemFactors[(item * k)..<((item + 1) * k)])
        let targetNorm = target.reduce(0) { $0 + $1 * $1 }.squareRoot()
        let contributions = zip(history.items, history.values).compactMap { own, value -> Contribution? in
            guard Int(own) < itemCount, targetNorm > 0 else { return nil }
            let other = itemFactors[(Int(own) * k)..<((Int(own) + 1) * k)]
            let dot = zip(target, other).reduce(0) { $0 + $1.0 * $1.1 }
            let norm = other.reduce(0) { $0 + $1 * $1 }.squareRoot()
            guard norm > 0 else { return nil }
            return Contribution(item: own, weight: (dot / (targetNorm * norm)) * (value - globalMean))
        }
        return .items(Contributions.strongest(contributions))
    }
}

extension BiasedMF: ArchivableRecommender {
    static let archiveTag = "biasedmf"

    func write(to writer: inout ArchiveWriter) throws {
        try writer.json(configuration)
        writer.int(itemCount)
        writer.matrix(byUser)
        writer.float(globalMean)
        for array in [userBias, itemBias, userFactors, itemFactors, implicitFactors, effectiveUserFactors] { writer.floats(array) }
    }

    init(reading reader: inout ArchiveReader) throws {
        configuration = try reader.json(Configuration.self)
        itemCount = try reader.int()
        byUser = try reader.matrix()
        globalMean = try reader.float()
        userBias = try reader.floats()
        itemBias = try reader.floats()
        userFactors = try reader.floats()
        itemFactors = try reader.floats()
        implicitFactors = try reader.floats()
        effectiveUserFactors = try reader.floats()
    }
}
