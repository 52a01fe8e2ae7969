import Foundation

/// Mean rating accuracy over several train/test folds.
public struct RatingReport: Sendable {
    public var algorithm: String
    public var rmse: Double
    public var mae: Double
    /// Mean seconds to fit one fold.
    public var fitSeconds: Double
    public var folds: [(rmse: Double, mae: Double, fitSeconds: Double)]
}

/// Top-k accuracy on one train/test split.
public struct RankingReport: Sendable {
    public var algorithm: String
    public var k: Int
    /// Mean NDCG@k with every test item relevant.
    public var ndcg: Double
    /// Mean NDCG@k with test items rated ≥ `relevanceThreshold` relevant.
    public var ndcgHighRated: Double
    public var precision: Double
    public var recall: Double
    /// Share of candidate items that appear in at least one user's top k.
    public var coverage: Double
    public var fitSeconds: Double
    /// Users evaluated, and users left out of the ≥-threshold metric for lack of relevant items.
    public var users: Int
    public var usersWithoutHighRated: Int
}

/// The evaluation protocols of `scenewright evaluate`.
public enum Evaluation {
    /// Fits `makeModel()` on each (train, test) pair and reports mean RMSE and MAE.
    /// Test pairs whose user or item is absent from training are predicted by the model's
    /// fallback (its baselines); nothing is skipped.
    public static func rating(folds: [(train: [RatingRow], test: [RatingRow])], makeModel: () throws -> any Recommender) throws -> RatingReport {
        var results: [(rmse: Double, mae: Double, fitSeconds: Double)] = []
        var name = ""
        for fold in folds {
            let indexed = IndexedRatings(fold.train)
            var model = try makeModel()
            name = model.name
            let seconds = try measure { try model.fit(indexed.matrix) }
            let pairs: [(predicted: Float, actual: Float)] = fold.test.map { row in
                let user = indexed.users.index(of: row.user).map(Int.init) ?? -1
                let item = indexed.items.index(of: row.item).map(Int.init) ?? -1
                return (model.predict(user: user, item: item) ?? fallback(indexed.matrix), row.rating)
            }
            results.append((Metrics.rmse(pairs), Metrics.mae(pairs), seconds))
        }
        let count = Double(results.count)
        return RatingReport(
            algorithm: name, rmse: results.map(\.rmse).reduce(0, +) / count, mae: results.map(\.mae).reduce(0, +) / count,
            fitSeconds: results.map(\.fitSeconds).reduce(0, +) / count, folds: results)
    }

    private static func fallback(_ matrix: SparseMatrix) -> Float {
        matrix.values.reduce(0, +) / Float(max(1, matrix.nonZeroCount))
    }

    /// Trains on every training row as a positive (value 1) and ranks, for each test user, every
    /// item seen in training except the user's own training items.
    public static func ranking(
        train: [RatingRow], test: [RatingRow], k: Int, relevanceThreshold: Float = 4, makeModel: () throws -> any Recommender
    ) throws -> RankingReport {
        let indexed = IndexedRatings(train) { _ in 1 }
        var model = try makeModel()
        let seconds = try measure { try model.fit(indexed.matrix) }
        var testByUser: [Int: [RatingRow]] = [:]
        for row in test { testByUser[row.user, default: []].append(row) }
        var ndcgAll = 0.0, ndcgHigh = 0.0, precision = 0.0, recall = 0.0
        var users = 0, usersHigh = 0, usersWithoutHigh = 0
        var recommended = Set<Int32>()
        // Items unknown to training get ids past the matrix, so they count as relevant but never rank.
        var unknownItems = [Int: Int32]()
        func itemId(_ raw: Int) -> Int32 {
            if let known = indexed.items.index(of: raw) { return known }
            if let seen = unknownItems[raw] { return seen }
            let id = Int32(indexed.items.count + unknownItems.count)
            unknownItems[raw] = id
            return id
        }
        for userId in testByUser.keys.sorted() {
            guard let user = indexed.users.index(of: userId) else { continue }
            let rows = testByUser[userId]!
            let ranked = model.recommend(user: Int(user), k: k).map(\.item)
            recommended.formUnion(ranked)
            let relevant = Set(rows.map { itemId($0.item) })
            users += 1
            ndcgAll += Metrics.ndcg(ranked: ranked, relevant: relevant, relevantCount: relevant.count, k: k)
            let hits = Metrics.hits(ranked: ranked, relevant: relevant, k: k)
            precision += Double(hits) / Double(k)
            recall += Double(hits) / Double(relevant.count)
            let high = Set(rows.filter { $0.rating >= relevanceThreshold }.map { itemId($0.item) })
            if high.isEmpty {
                usersWithoutHigh += 1
            } else {
                usersHigh += 1
                ndcgHigh += Metrics.ndcg(ranked: ranked, relevant: high, relevantCount: high.count, k: k)
            }
        }
        return RankingReport(
            algorithm: model.name, k: k, ndcg: ndcgAll / Double(max(1, users)), ndcgHighRated: ndcgHigh / Double(max(1, usersHigh)),
            precision: precision / Double(max(1, users)), recall: recall / Double(max(1, users)),
            coverage: Double(recommended.count) / Double(max(1, indexed.items.count)), fitSeconds: seconds,
            users: users, usersWithoutHighRated: usersWithoutHigh)
    }

    /// Wall-clock seconds `body` takes.
    public static func measure(_ body: () throws -> Void) rethrows -> Double {
        let start = ContinuousClock.now
        try body()
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    }

    /// The official MovieLens 100K folds `u1.base/u1.test … u5.base/u5.test` in `directory`.
    public static func officialFolds(in directory: URL) throws -> [(train: [RatingRow], test: [RatingRow])] {
        try (1...5).map { fold in
            (try RatingFile.read(directory.appendingPathComponent("u\(fold).base")), try RatingFile.read(directory.appendingPathComponent("u\(fold).test")))
        }
    }
}
