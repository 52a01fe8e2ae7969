import Determinism
import CPrefetch

/// Implicit-feedback matrix factorisation (Hu, Koren, Volinsky 2008): every user × item cell
/// has preference 1 if observed and 0 otherwise, with confidence c = 1 + α·value, and
/// factors are found by alternating least squares. Each user's (and item's) system is solved
/// approximately by a few conjugate-gradient steps warm-started from the previous iteration
/// (Takács et al. 2011), never forming the dense Yᵀ·C·Y. Users and items are split across
/// threads; the result is the same for any thread count.


public struct ImplicitALS: Recommender {
    public struct Configuration: Sendable, Equatable, Codable {
        public var factors: Int
        public var regularization: Float
        /// Confidence per unit of value: c = 1 + alpha·value.
        public var alpha: Float
        public var iterations: Int
        public var conjugateGradientSteps: Int
        public var seed: UInt64
        public var threads: Int

        public init(factors: Int = 64, regularization: Float = 0.05, alpha: Float = 2, iterations: Int = 15,
                    conjugateGradientSteps: Int = 3, seed: UInt64 = 42, threads: Int = 0) {
            self.factors = factors
            self.regularization = regularization
            self.alpha = alpha
            self.iterations = iterations
            self.conjugateGradientSteps = conjugateGradientSteps
            self.seed = seed
            self.threads = threads
        }
    }

    public let name = "als"
    public let configuration: Configuration
    public private(set) var itemCount = 0
    private var byUser = SparseMatrix([], rowCount: 0, columnCount: 0)
    /// Row-major factors: users × k and items × k.
    public private(set) var userFactors: [Float] = []
    public private(set) var itemFactors: [Float] = []
    /// YᵀY + λI of the final item factors, kept for fold-in and explanations.
    private var itemGramian: [Float] = []

    public init(_ configuration: Configuration = Configuration()) {
        self.configuration = configuration
    }

    public mutating func fit(_ data: SparseMatrix) throws {
        try fit(data, transposed: data.transposed(), iterationTimes: nil)
    }

    /// Fits with a precomputed item-major view, optionally reporting seconds per iteration.
    public mutating func fit(_ data: SparseMatrix, transposed byItem: SparseMatrix, iterationTimes: ((Int, Double) -> Void)?) throws {
        guard data.rowCount > 0, data.nonZeroCount > 0 else { throw RecommenderError("cannot fit als on an empty matrix") }
        let k = configuration.factors
        byUser = data
        itemCount = data.columnCount
        var random = SeededRandom(seed: configuration.seed)
        userFactors = (0..<(data.rowCount * k)).map { _ in random.nextGaussian(deviation: 0.01) }
        itemFactors = (0..<(itemCount * k)).map { _ in random.nextGaussian(deviation: 0.01) }
        let threads = configuration.threads == 0 ? Parallel.defaultThreads : configuration.threads
        for iteration in 0..<configuration.iterations {
            let started = ContinuousClock.now
            Self.solve(&userFactors, given: itemFactors, matrix: data, configuration: configuration, threads: threads)
            Self.solve(&itemFactors, given: userFactors, matrix: byItem, configuration: configuration, threads: threads)
            if let iterationTimes {
                let elapsed = ContinuousClock.now - started
                iterationTimes(iteration, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
            }
        }
        itemGramian = Self.gramian(itemFactors, count: itemCount, k: k, regularization: configuration.regularization)
    }

    /// YᵀY + λI for factors `y` (count × k): rank-one updates summed per fixed chunk of rows,
    /// then the chunk sums added in order — deterministic for any thread count, and no copy of `y`.
    static func gramian(_ y: [Float], count: Int, k: Int, regularization: Float, threads: Int = 1) -> [Float] {
        let chunkSize = 4096
        let chunks = (count + chunkSize - 1) / chunkSize
        var partials = [Float](repeating: 0, count: max(1, chunks) * k * k)
        y.withUnsafeBufferPointer { yBuffer in
            partials.withUnsafeMutableBufferPointer { buffer in
                let out = SharedBuffer(buffer)  // chunk c writes only partial c
                Parallel.forEachChunk(count: count, chunkSize: chunkSize, threads: threads) { range in
                    let partial = out.base + (range.lowerBound / chunkSize) * k * k
                    for row in range {
                        let yr = yBuffer.baseAddress! + row * k
                        for a in 0..<k { Kernels.axpy(yr[a], yr, partial + a * k, k) }
                    }
                }
            }
        }
        var gram = [Float](repeating: 0, count: k * k)
        for chunk in 0..<max(1, chunks) {
            for index in 0..<(k * k) { gram[index] += partials[chunk * k * k + index] }
        }
        for a in 0..<k { gram[a * k + a] += regularization }
        return gram
    }

    /// One half-iteration: re-solves every row of `x` given the fixed factors `y`.
    static func solve(_ x: inout [Float], given y: [Float], matrix: SparseMatrix, configuration: Configuration, threads: Int) {
        let k = configuration.factors
        let gram = gramian(y, count: matrix.columnCount, k: k, regularization: configuration.regularization, threads: threads)
        let alpha = configuration.alpha
        let steps = configuration.conjugateGradientSteps
        gram.withUnsafeBufferPointer { g in
            y.withUnsafeBufferPointer { yBuffer in
                x.withUnsafeMutableBufferPointer { xBuffer in
                    let out = SharedBuffer(xBuffer)  // each row of x belongs to one chunk
                    let yBase = yBuffer.baseAddress!
                    let gBase = g.baseAddress!
                    matrix.columnIndices.withUnsafeBufferPointer { columns in
                        matrix.values.withUnsafeBufferPointer { values in
                            Parallel.forEachChunk(count: matrix.rowCount, chunkSize: 256, threads: threads) { range in
                                var r = [Float](repeating: 0, count: k)
                                var p = [Float](repeating: 0, count: k)
                                var ap = [Float](repeating: 0, count: k)
                                r.withUnsafeMutableBufferPointer { r in
                                    p.withUnsafeMutableBufferPointer { p in
                                        ap.withUnsafeMutableBufferPointer { ap in
                                            for row in range {
                                                conjugateGradient(
                                                    x: out.base + row * k, r: r.baseAddress!, p: p.baseAddress!, ap: ap.baseAddress!,
                                                    entries: matrix.rowOffsets[row]..<matrix.rowOffsets[row + 1],
                                                    columns: columns.baseAddress!, values: values.baseAddress!,
                                                    y: yBase, gram: gBase, k: k, alpha: alpha, steps: steps)
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// How many entries ahead the gather loops prefetch factor rows.
    static let prefetchDistance = 6

    /// Starts loading the factor row of entry `entry + prefetchDistance`, if there is one.
    @inline(__always)
    static func prefetchRow(_ entry: Int, _ end: Int, _ columns: UnsafePointer<Int32>, _ y: UnsafePointer<Float>, _ k: Int) {
        let ahead = entry + prefetchDistance
        guard ahead < end else { return }
        let row = UnsafeRawPointer(y + Int(columns[ahead]) * k)
        var offset = 0
        while offset < k * 4 {
            scenewright_prefetch(row + offset)
            offset += 64
        }
    }

    /// Approximately solves (YᵀY + λI + Σ (c−1)·y·yᵀ)·x = Σ c·y for one row, in place.
    @inline(__always)
    static func conjugateGradient(
        x: UnsafeMutablePointer<Float>, r: UnsafeMutablePointer<Float>, p: UnsafeMutablePointer<Float>, ap: UnsafeMutablePointer<Float>,
        entries: Range<Int>, columns: UnsafePointer<Int32>, values: UnsafePointer<Float>,
        y: UnsafePointer<Float>, gram: UnsafePointer<Float>, k: Int, alpha: Float, steps: Int
    ) {
        // r = b − A·x
        Kernels.symv(gram, x, r, k)
        for i in 0..<k { r[i] = -r[i] }
        for entry in entries {
            prefetchRow(entry, entries.upperBound, columns, y, k)
            let yi = y + Int(columns[entry]) * k
            let confidence = 1 + alpha * values[entry]
            Kernels.axpy(confidence - (confidence - 1) * Kernels.dot(yi, x, k), yi, r, k)
        }
        for i in 0..<k { p[i] = r[i] }
        var rsOld = Kernels.dot(r, r, k)
        guard rsOld > 1e-20 else { return }
        for _ in 0..<steps {
            Kernels.symv(gram, p, ap, k)
            for entry in entries {
                prefetchRow(entry, entries.upperBound, columns, y, k)
                let yi = y + Int(columns[entry]) * k
                Kernels.axpy(alpha * values[entry] * Kernels.dot(yi, p, k), yi, ap, k)
            }
            let step = rsOld / Kernels.dot(p, ap, k)
            Kernels.axpy(step, p, x, k)
            Kernels.axpy(-step, ap, r, k)
            let rsNew = Kernels.dot(r, r, k)
            if rsNew < 1e-20 { break }
            let beta = rsNew / rsOld
            for i in 0..<k { p[i] = r[i] + beta * p[i] }
            rsOld = rsNew
        }
    }

    public func history(user: Int) -> UserHistory? { byUser.history(user: user) }

    /// Scores from the fitted user factors for a training user, or a fresh least-squares
    /// solve for any other history (fold-in).
    public func score(history: UserHistory, user: Int?) -> [Float] {
        let k = configuration.factors
        let factors: [Float]
        if let user, user >= 0, user < byUser.rowCount, history == byUser.history(user: user) {
            factors = Array(userFactors[(user * k)..<((user + 1) * k)])
        } else {
            factors = foldIn(history)
        }
        var scores = [Float](repeating: 0, count: itemCount)
        itemFactors.withUnsafeBufferPointer { y in
            factors.withUnsafeBufferPointer { u in
                for item in 0..<itemCount { scores[item] = Kernels.dot(y.baseAddress! + item * k, u.baseAddress!, k) }
            }
        }
        return scores
    }

    /// The exact user factor for a history: solves the user's normal equations in Double.
    public func foldIn(_ history: UserHistory) -> [Float] {
        let (a, b) = normalEquations(history)
        guard let solution = Cholesky.solveSmall(a, b, k: configuration.factors) else { return [Float](repeating: 0, count: configuration.factors) }
        return solution.map(Float.init)
    }

    /// A = YᵀY + λI + Σ (c−1)·y·yᵀ and b = Σ c·y for a history, in Double.
    private func normalEquations(_ history: UserHistory) -> (a: [Double], b: [Double]) {
        let k = configuration.factors
        var a = itemGramian.map(Double.init)
        var b = [Double](repeating: 0, count: k)
        for (item, value) in zip(history.items, history.values) where Int(item) < itemCount {
            let confidence = Double(1 + configuration.alpha * value)
            let base = Int(item) * k
            for f in 0..<k {
                let yf = Double(itemFactors[base + f])
                b[f] += confidence * yf
                for g in 0..<k { a[f * k + g] += (confidence - 1) * yf * Double(itemFactors[base + g]) }
            }
        }
        return (a, b)
    }

    /// Exact per-item contributions (Hu et al. §5): score = Σ_j (y_iᵀ·W·y_j)·c_j with W = A⁻¹.
    public func explain(history: UserHistory, item: Int) -> Explanation {
        guard item >= 0 && item < itemCount else { return .none }
        let k = configuration.factors
        let (a, _) = normalEquations(history)
        let target = (0..<k).map { Double(itemFactors[item * k + $0]) }
        guard let weighted = Cholesky.solveSmall(a, target, k: k) else { return .none }  // W·y_i
        let contributions = zip(history.items, history.values).compactMap { own, value -> Contribution? in
            guard Int(own) < itemCount else { return nil }
            var similarity = 0.0
            for f in 0..<k { similarity += weighted[f] * Double(itemFactors[Int(own) * k + f]) }
            return Contribution(item: own, weight: Float(similarity * Double(1 + configuration.alpha * value)))
        }
        return .items(Contributions.strongest(contributions))
    }
}

extension ImplicitALS: ArchivableRecommender {
    static let archiveTag = "als"

    func write(to writer: inout ArchiveWriter) throws {
        try writer.json(configuration)
        writer.int(itemCount)
        writer.matrix(byUser)
        writer.floats(userFactors)
        writer.floats(itemFactors)
        writer.floats(itemGramian)
    }

    init(reading reader: inout ArchiveReader) throws {
        configuration = try reader.json(Configuration.self)
        itemCount = try reader.int()
        byUser = try reader.matrix()
        userFactors = try reader.floats()
        itemFactors = try reader.floats()
        itemGramian = try reader.floats()
    }
}
