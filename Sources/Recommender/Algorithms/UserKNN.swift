/// User-based collaborative filtering with cosine similarity between users' rating vectors.
///
/// Two variants:
/// - ``Variant/plainWeightedSum``: the textbook R_i(j) = Σ_k s(i,k)·R_k(j) over every other user
///   (the worked example in the README and tests);
/// - ``Variant/meanCentred``: only the `neighbours` most similar users who rated the item,
///   ratings centred on each user's mean — the variant for real use, which also predicts ratings.
public struct UserKNN: Recommender {
    public enum Variant: String, Sendable, CaseIterable, Codable {
        case plainWeightedSum
        case meanCentred
    }

    public struct Configuration: Sendable, Equatable, Codable {
        public var variant: Variant
        /// Neighbours per prediction (mean-centred variant).
        public var neighbours: Int
        public var threads: Int

        public init(variant: Variant = .meanCentred, neighbours: Int = 30, threads: Int = 0) {
            self.variant = variant
            self.neighbours = neighbours
            self.threads = threads
        }
    }

    public let name = "userknn"
    public let configuration: Configuration
    public private(set) var itemCount = 0
    private var byUser = SparseMatrix([], rowCount: 0, columnCount: 0)
    private var byItem = SparseMatrix([], rowCount: 0, columnCount: 0)
    private var norms: [Float] = []
    private var means: [Float] = []

    public init(_ configuration: Configuration = Configuration()) {
        self.configuration = configuration
    }

    public mutating func fit(_ data: SparseMatrix) throws {
        guard data.rowCount > 0 else { throw RecommenderError("cannot fit userknn on an empty matrix") }
        byUser = data
        byItem = data.transposed()
        itemCount = data.columnCount
        norms = data.rowNorms()
        means = (0..<data.rowCount).map { u in
            let (_, values) = data.row(u)
            return values.isEmpty ? 0 : values.reduce(0, +) / Float(values.count)
        }
    }

    public func history(user: Int) -> UserHistory? { byUser.history(user: user) }

    /// Cosine similarity of `history` to every training user (0 for `user` itself).
    public func similarities(history: UserHistory, user: Int?) -> [Float] {
        var dots = [Float](repeating: 0, count: byUser.rowCount)
        var normSquared: Float = 0
        for (item, value) in zip(history.items, history.values) {
            normSquared += value * value
            guard Int(item) < byItem.rowCount else { continue }
            let (users, ratings) = byItem.row(Int(item))
            for (other, rating) in zip(users, ratings) { dots[Int(other)] += value * rating }
        }
        let norm = normSquared.squareRoot()
        guard norm > 0 else { return dots.map { _ in 0 } }
        for k in 0..<dots.count where dots[k] != 0 { dots[k] /= norm * norms[k] }
        if let user, user >= 0, user < dots.count { dots[user] = 0 }
        return dots
    }

    public func score(history: UserHistory, user: Int?) -> [Float] {
        let similarity = similarities(history: history, user: user)
        var scores = [Float](repeating: 0, count: itemCount)
        switch configuration.variant {
        case .plainWeightedSum:
            for k in 0..<byUser.rowCount where similarity[k] != 0 {
                let (items, ratings) = byUser.row(k)
                for (item, rating) in zip(items, ratings) { scores[Int(item)] += similarity[k] * rating }
            }
        case .meanCentred:
            // Score each item by its `neighbours` most similar raters' weighted ratings.
            for item in 0..<itemCount {
                let (users, ratings) = byItem.row(item)
                scores[item] = topNeighbours(users: users, ratings: ratings, similarity: similarity).reduce(0) { $0 + $1.similarity * $1.rating }
            }
        }
        return scores
    }

    /// A mean-centred rating prediction from the `neighbours` most similar users who rated `item`.
    public func predict(user: Int, item: Int) -> Float? {
        guard let history = history(user: user), item >= 0, item < itemCount else { return nil }
        let similarity = similarities(history: history, user: user)
        let (users, ratings) = byItem.row(item)
        var numerator: Float = 0
        var denominator: Float = 0
        for neighbour in topNeighbours(users: users, ratings: ratings, similarity: similarity) {
            numerator += neighbour.similarity * (neighbour.rating - means[neighbour.user])
            denominator += abs(neighbour.similarity)
        }
        return means[user] + (denominator > 0 ? numerator / denominator : 0)
    }

    private func topNeighbours(users: ArraySlice<Int32>, ratings: ArraySlice<Float>, similarity: [Float]) -> [(user: Int, similarity: Float, rating: Float)] {
        var candidates: [(user: Int, similarity: Float, rating: Float)] = []
        for (other, rating) in zip(users, ratings) where similarity[Int(other)] > 0 {
            candidates.append((Int(other), similarity[Int(other)], rating))
        }
        if candidates.count > configuration.neighbours {
            candidates.sort { $0.similarity != $1.similarity ? $0.similarity > $1.similarity : $0.user < $1.user }
            candidates.removeLast(candidates.count - configuration.neighbours)
        }
        return candidates
    }

    public func explain(history: UserHistory, item: Int) -> Explanation {
        guard item >= 0 && item < itemCount else { return .none }
        let similarity = similarities(history: history, user: nil)
        let (users, ratings) = byItem.row(item)
        let count: Int
        switch configuration.variant {
        case .plainWeightedSum: count = users.filter { similarity[Int($0)] > 0 }.count
        case .meanCentred: count = topNeighbours(users: users, ratings: ratings, similarity: similarity).count
        }
        return .similarUsers(count: count)
    }
}

extension UserKNN: ArchivableRecommender {
    static let archiveTag = "userknn"

    func write(to writer: inout ArchiveWriter) throws {
        try writer.json(configuration)
        writer.int(itemCount)
        writer.matrix(byUser)
        writer.matrix(byItem)
        writer.floats(norms)
        writer.floats(means)
    }

    init(reading reader: inout ArchiveReader) throws {
        configuration = try reader.json(Configuration.self)
        itemCount = try reader.int()
        byUser = try reader.matrix()
        byItem = try reader.matrix()
        norms = try reader.floats()
        means = try reader.floats()
    }
}
