import Determinism
import Foundation

/// EASE (Steck 2019): a closed-form item × item model. B = I − P·diag(1/diag(P)) with
/// P = (XᵀDX + λI)⁻¹ and B's diagonal forced to zero; a user's scores are x_u·B.
///
/// D weights each user's co-occurrences by (number of items)^−δ
/// (``Configuration/userDegreeExponent``): a user who watched 500 films says less about any
/// one pair than a user who watched 20. δ = 0 is Steck's EASE; δ = 0.5 with λ = 50, chosen on a
/// validation split carved from the training data, beats it on ML-100K (see the README).
///
/// Fitting is one Gram matrix and one Cholesky-based inverse: O(n³) in the number of items,
/// so very large catalogs should restrict ``Configuration/maxItems`` to their most-interacted items.
public struct EASE: Recommender {
    public struct Configuration: Sendable, Equatable, Codable {
        /// L2 regularisation λ.
        public var lambda: Float
        /// δ in the user weighting (number of items)^−δ of the Gram matrix; 0 for plain EASE.
        public var userDegreeExponent: Float
        /// Emphasised-denoising dropout p (EDLAE, Steck 2020): adds p/(1−p)·(XᵀX)_ii to item
        /// i's regularisation, so popular items are regularised more. 0 gives plain EASE.
        public var dropout: Float
        /// Treat every interaction as 1 instead of its value.
        public var binary: Bool
        /// Fit only the most-interacted items (others score 0). 0 means all items.
        public var maxItems: Int
        public var threads: Int

        public init(lambda: Float = 500, userDegreeExponent: Float = 0, dropout: Float = 0, binary: Bool = true, maxItems: Int = 0, threads: Int = 0) {
            self.lambda = lambda
            self.userDegreeExponent = userDegreeExponent
            self.dropout = dropout
            self.binary = binary
            self.maxItems = maxItems
            self.threads = threads
        }
    }

    public let name = "ease"
    public let configuration: Configuration
    public private(set) var itemCount = 0
    private var byUser = SparseMatrix([], rowCount: 0, columnCount: 0)
    /// Fitted items (model index → item), and item → model index (−1 when not fitted).
    private var fittedItems: [Int32] = []
    private var modelIndex: [Int32] = []
    /// B, row-major over fitted items.
    private var weights: [Float] = []

    public init(_ configuration: Configuration = Configuration()) {
        self.configuration = configuration
    }

    public mutating func fit(_ data: SparseMatrix) throws {
        guard data.rowCount > 0, data.nonZeroCount > 0 else { throw RecommenderError("cannot fit ease on an empty matrix") }
        guard configuration.lambda > 0 else { throw RecommenderError("ease needs lambda > 0") }
        guard (0..<1).contains(configuration.dropout) else { throw RecommenderError("ease needs 0 ≤ dropout < 1") }
        let threads = configuration.threads == 0 ? Parallel.defaultThreads : configuration.threads
        byUser = data
        itemCount = data.columnCount
        // Choose the items to fit: those with interactions, most-interacted first when capped.
        let counts = data.columnCounts()
        var items = (0..<itemCount).filter { counts[$0] > 0 }
        if configuration.maxItems > 0 && items.count > configuration.maxItems {
            items.sort { counts[$0] != counts[$1] ? counts[$0] > counts[$1] : $0 < $1 }
            items = Array(items.prefix(configuration.maxItems)).sorted()
        }
        fittedItems = items.map(Int32.init)
        modelIndex = [Int32](repeating: -1, count: itemCount)
        for (index, item) in items.enumerated() { modelIndex[item] = Int32(index) }
        let n = items.count

        // X restricted to fitted items, in model indices.
        var triples: [Interaction] = []
        triples.reserveCapacity(data.nonZeroCount)
        for user in 0..<data.rowCount {
            let (columns, values) = data.row(user)
            for (item, value) in zip(columns, values) where modelIndex[Int(item)] >= 0 {
                triples.append(Interaction(user: Int32(user), item: modelIndex[Int(item)], value: configuration.binary ? 1 : value))
            }
        }
        let x = SparseMatrix(triples, rowCount: data.rowCount, columnCount: n)
        let userWeights = (0..<x.rowCount).map { user in
            x.rowLength(user) > 0 ? powf(Float(x.rowLength(user)), -configuration.userDegreeExponent) : 0
        }
        var gram = Self.gram(x, userWeights: userWeights, threads: threads)
        let emphasis = configuration.dropout / (1 - configuration.dropout)
        for i in 0..<n { gram[i * n + i] += configuration.lambda + emphasis * gram[i * n + i] }
        try Cholesky.factor(&gram, n: n, threads: threads)
        var p = Cholesky.inverse(fromFactor: gram, n: n, threads: threads)
        gram = []
        // B[i][j] = −P[i][j] / P[j][j], B[j][j] = 0.
        let diagonal = (0..<n).map { p[$0 * n + $0] }
        for i in 0..<n {
            for j in 0..<n { p[i * n + j] = i == j ? 0 : -p[i * n + j] / diagonal[j] }
        }
        weights = p
    }

    /// XᵀDX as a dense row-major matrix (D = diag(userWeights)); rows are split across threads.
    static func gram(_ x: SparseMatrix, userWeights: [Float], threads: Int) -> [Float] {
        let n = x.columnCount
        let byItem = x.transposed()
        var gram = [Float](repeating: 0, count: n * n)
        gram.withUnsafeMutableBufferPointer { buffer in
            let out = SharedBuffer(buffer)  // each chunk writes only its own rows
            Parallel.forEachChunk(count: n, chunkSize: 32, threads: threads) { range in
                for i in range {
                    let row = out.base + i * n
                    let (users, values) = byItem.row(i)
                    for (user, value) in zip(users, values) {
                        let (items, others) = x.row(Int(user))
                        let weighted = value * userWeights[Int(user)]
                        for (j, other) in zip(items, others) { row[Int(j)] += weighted * other }
                    }
                }
            }
        }
        return gram
    }

    public func history(user: Int) -> UserHistory? { byUser.history(user: user) }

    public func score(history: UserHistory, user: Int?) -> [Float] {
        let n = fittedItems.count
        var modelScores = [Float](repeating: 0, count: n)
        weights.withUnsafeBufferPointer { b in
            modelScores.withUnsafeMutableBufferPointer { s in
                for (item, value) in zip(history.items, history.values) where Int(item) < itemCount {
                    let index = Int(modelIndex[Int(item)])
                    guard index >= 0 else { continue }
                    Kernels.axpy(configuration.binary ? 1 : value, b.baseAddress! + index * n, s.baseAddress!, n)
                }
            }
        }
        var scores = [Float](repeating: 0, count: itemCount)
        for (index, item) in fittedItems.enumerated() { scores[Int(item)] = modelScores[index] }
        return scores
    }

    public func explain(history: UserHistory, item: Int) -> Explanation {
        guard item >= 0, item < itemCount, modelIndex[item] >= 0 else { return .none }
        let n = fittedItems.count
        let target = Int(modelIndex[item])
        let contributions = zip(history.items, history.values).compactMap { own, value -> Contribution? in
            guard Int(own) < itemCount, modelIndex[Int(own)] >= 0 else { return nil }
            return Contribution(item: own, weight: (configuration.binary ? 1 : value) * weights[Int(modelIndex[Int(own)]) * n + target])
        }
        return .items(Contributions.strongest(contributions))
    }
}

extension EASE: ArchivableRecommender {
    static let archiveTag = "ease"

    func write(to writer: inout ArchiveWriter) throws {
        try writer.json(configuration)
        writer.int(itemCount)
        writer.matrix(byUser)
        writer.int32s(fittedItems)
        writer.int32s(modelIndex)
        writer.floats(weights)
    }

    init(reading reader: inout ArchiveReader) throws {
        configuration = try reader.json(Configuration.self)
        itemCount = try reader.int()
        byUser = try reader.matrix()
        fittedItems = try reader.int32s()
        modelIndex = try reader.int32s()
        weights = try reader.floats()
        guard modelIndex.count == itemCount, weights.count == fittedItems.count * fittedItems.count else {
            throw RecommenderError("model archive holds a malformed ease model")
        }
    }
}
