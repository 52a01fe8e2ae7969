import Foundation
import Recommender
import TestSupport
import Testing

/// Metrics against hand-computed values, and the evaluation protocols on tiny files.
@Suite struct MetricsTests {
    @Test func ndcgWithBinaryGain() {
        // ranked a b c, relevant {b, d}: DCG = 1/log2(3), IDCG (2 relevant) = 1 + 1/log2(3).
        let value = Metrics.ndcg(ranked: [0, 1, 2], relevant: [1, 3], relevantCount: 2, k: 3)
        #expect(abs(value - (1 / log2(3)) / (1 + 1 / log2(3))) < 1e-12)
        #expect(abs(value - 0.386853) < 1e-6)
        #expect(Metrics.ndcg(ranked: [5, 6], relevant: [5, 6], relevantCount: 2, k: 10) == 1)
        #expect(Metrics.ndcg(ranked: [1, 2], relevant: [9], relevantCount: 1, k: 10) == 0)
        #expect(Metrics.ndcg(ranked: [1], relevant: [], relevantCount: 0, k: 10).isNaN)
        // More relevant items than k: the ideal list is capped at k.
        #expect(Metrics.ndcg(ranked: [1, 2], relevant: [1, 2, 3, 4], relevantCount: 4, k: 2) == 1)
    }

    @Test func rmseAndMae() {
        let pairs: [(predicted: Float, actual: Float)] = [(3, 4), (5, 5), (2, 4)]
        #expect(abs(Metrics.rmse(pairs) - (5.0 / 3).squareRoot()) < 1e-9)
        #expect(abs(Metrics.mae(pairs) - 1) < 1e-9)
    }

    /// Tied scores break towards the lower item index, so NDCG with ties is reproducible.
    @Test func ndcgWithTiedScoresIsDeterministic() throws {
        let directory = TemporaryDirectory()
        // Two users, items 1 and 2 each seen once in training: popularity ties them.
        let train = try directory.write("train.tsv", "user\titem\trating\tts\n1\t1\t5\t1\n2\t2\t5\t1\n3\t3\t4\t1\n3\t1\t4\t1\n")
        let test = try directory.write("test.tsv", "user\titem\trating\tts\n1\t2\t5\t2\n2\t3\t2\t2\n")
        let report = try Evaluation.ranking(train: RatingFile.read(train), test: RatingFile.read(test), k: 1) { Popularity() }
        // Popularity: item1 = 2 users, item2 = 1, item3 = 1. User 1 (has 1) → tie 2 vs 3 → item 2 (lower id): hit.
        // User 2 (has 2) → item 1: miss.
        #expect(report.users == 2)
        #expect(abs(report.ndcg - 0.5) < 1e-12)
        // User 2's only test rating is 2 stars: excluded from the ≥ 4 metric and counted.
        #expect(report.usersWithoutHighRated == 1)
        #expect(report.ndcgHighRated == 1)
        #expect(abs(report.precision - 0.5) < 1e-12)
    }

    @Test func ratingFilesWithAndWithoutHeaders() throws {
        let directory = TemporaryDirectory()
        let split = try directory.write("s.tsv", "user\titem\trating\tts\n1\t2\t4.5\t99\n")
        let udata = try directory.write("u.data", "1\t2\t3\t881250949\n7\t8\t1\t1\n")
        #expect(try RatingFile.read(split) == [RatingRow(user: 1, item: 2, rating: 4.5, timestamp: 99)])
        #expect(try RatingFile.read(udata).count == 2)
        let bad = try directory.write("bad.tsv", "1\t2\n")
        #expect(throws: RecommenderError.self) { try RatingFile.read(bad) }
    }
}
