import Recommender
import Testing

/// The seed's worked example: five users, ten films, cosine similarity and the plain weighted sum.
@Suite struct WorkedExampleTests {
    static let ratings: [[Float]] = [
        [5, 4, 5, 0, 0, 4, 5, 0, 0, 3],
        [3, 5, 0, 5, 4, 3, 0, 4, 5, 2],
        [4, 0, 5, 5, 4, 0, 5, 4, 0, 5],
        [0, 4, 5, 5, 0, 4, 5, 4, 5, 4],
        [5, 0, 4, 0, 5, 5, 0, 4, 5, 3],
    ]

    static var matrix: SparseMatrix {
        var triples: [Interaction] = []
        for (user, row) in ratings.enumerated() {
            for (item, value) in row.enumerated() where value > 0 { triples.append(Interaction(user: Int32(user), item: Int32(item), value: value)) }
        }
        return SparseMatrix(triples)
    }

    func model() throws -> UserKNN {
        var model = UserKNN(.init(variant: .plainWeightedSum))
        try model.fit(Self.matrix)
        return model
    }

    @Test func cosineSimilaritiesToFourDecimals() throws {
        let model = try model()
        let expected: [(Int, Int, Float)] = [
            (1, 2, 0.4333), (1, 3, 0.6487), (1, 4, 0.6815), (1, 5, 0.5786), (2, 3, 0.5717),
            (2, 4, 0.7288), (2, 5, 0.7192), (3, 4, 0.7125), (3, 5, 0.6299), (4, 5, 0.6116),
        ]
        for (a, b, value) in expected {
            let similarity = model.similarities(history: model.history(user: a - 1)!, user: a - 1)[b - 1]
            #expect(abs(similarity - value) < 0.00005, "s(\(a),\(b)) = \(similarity)")
            let reverse = model.similarities(history: model.history(user: b - 1)!, user: b - 1)[a - 1]
            #expect(abs(reverse - similarity) < 1e-6)
        }
    }

    @Test func userThreesUnratedMoviesRankSixNineTwo() throws {
        let model = try model()
        let scores = try #require(model.score(user: 2))
        #expect(abs(scores[5] - 10.3097) < 0.0005)
        #expect(abs(scores[8] - 9.5708) < 0.0005)
        #expect(abs(scores[1] - 8.3035) < 0.0005)
        let ranked = model.recommend(user: 2, k: 3)
        #expect(ranked.map(\.item) == [5, 8, 1])
        // Every recommendation is something user 3 has not rated.
        #expect(ranked.allSatisfy { Self.ratings[2][Int($0.item)] == 0 })
    }

    @Test func explanationCountsLikeMindedUsers() throws {
        let model = try model()
        // Movie 6 was rated by users 1, 2, 4 and 5 — all similar to user 3.
        #expect(model.explain(history: model.history(user: 2)!, item: 5) == .similarUsers(count: 4))
    }
}
