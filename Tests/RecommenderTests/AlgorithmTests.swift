import Determinism
import Recommender
import Testing

/// Each algorithm on a matrix small enough to check by hand.
@Suite struct AlgorithmTests {
    /// 3 users × 3 items: u0 has {0,1}, u1 has {0,1,2}, u2 has {1}.
    let tiny = SparseMatrix([
        Interaction(user: 0, item: 0, value: 1), Interaction(user: 0, item: 1, value: 1),
        Interaction(user: 1, item: 0, value: 1), Interaction(user: 1, item: 1, value: 1), Interaction(user: 1, item: 2, value: 1),
        Interaction(user: 2, item: 1, value: 1),
    ])

    @Test func popularityCountsUsers() throws {
        var model = Popularity()
        try model.fit(tiny)
        #expect(model.counts == [2, 3, 1])
        #expect(model.recommend(user: 2, k: 2).map(\.item) == [0, 2])
        #expect(model.explain(history: .empty, item: 1) == .popularity(count: 3))
    }

    @Test func itemKNNUsesCosineBetweenItemColumns() throws {
        var model = ItemKNN(.init(neighbours: 5, threads: 1))
        try model.fit(tiny)
        // Columns: item0 = {u0,u1}, item1 = {u0,u1,u2}, item2 = {u1}.
        // cos(0,1) = 2/√(2·3) = 0.8165, cos(0,2) = 1/√2 = 0.7071, cos(1,2) = 1/√3 = 0.5774.
        let n0 = model.neighbours(of: 0)
        #expect(n0.map(\.item) == [1, 2])
        #expect(abs(n0[0].similarity - 0.8165) < 1e-4 && abs(n0[1].similarity - 0.7071) < 1e-4)
        // u2 has item 1: scores are its similarities.
        let scores = model.score(user: 2)!
        #expect(abs(scores[0] - 0.8165) < 1e-4 && abs(scores[2] - 0.5774) < 1e-4)
    }

    @Test func easeMatchesTheClosedFormComputedDirectly() throws {
        var model = EASE(.init(lambda: 0.5, threads: 1))
        try model.fit(tiny)
        // G = XᵀX + λI, P = G⁻¹, B_ij = −P_ij / P_jj.
        let g: [Double] = [2.5, 2, 1, 2, 3.5, 1, 1, 1, 1.5]
        var p = [Double](repeating: 0, count: 9)
        for column in 0..<3 {
            let unit = (0..<3).map { $0 == column ? 1.0 : 0.0 }
            let solution = try #require(Cholesky.solveSmall(g, unit, k: 3))
            for row in 0..<3 { p[row * 3 + column] = solution[row] }
        }
        func b(_ i: Int, _ j: Int) -> Double { i == j ? 0 : -p[i * 3 + j] / p[j * 3 + j] }
        // u2 = {1}: its scores are row 1 of B.
        let scores = model.score(user: 2)!
        for j in 0..<3 { #expect(abs(Double(scores[j]) - b(1, j)) < 1e-5, "item \(j)") }
    }

    @Test func choleskyInverseIsAnInverseForAnyThreadCount() throws {
        var random = SeededRandom(seed: 5)
        let n = 70
        let a = (0..<(n * n)).map { _ in random.nextGaussian() }
        var spd = [Float](repeating: 0, count: n * n)
        for i in 0..<n { for j in 0..<n { for k in 0..<n { spd[i * n + j] += a[i * n + k] * a[j * n + k] } } }
        for i in 0..<n { spd[i * n + i] += Float(n) }
        var one = spd, two = spd
        try Cholesky.factor(&one, n: n, threads: 1)
        try Cholesky.factor(&two, n: n, threads: 2)
        #expect(one == two)
        let inverse = Cholesky.inverse(fromFactor: one, n: n, threads: 2)
        #expect(inverse == Cholesky.inverse(fromFactor: one, n: n, threads: 1))
        for i in 0..<n {
            for j in 0..<n {
                var sum: Float = 0
                for k in 0..<n { sum += spd[i * n + k] * inverse[k * n + j] }
                #expect(abs(sum - (i == j ? 1 : 0)) < 1e-3, "(\(i),\(j))")
            }
        }
        var notPositive: [Float] = [1, 2, 2, 1]
        #expect(throws: RecommenderError.self) { try Cholesky.factor(&notPositive, n: 2, threads: 1) }
    }

    @Test func biasedMFFitsTheTrainingRatings() throws {
        var model = BiasedMF(.init(factors: 4, epochs: 80, learningRate: 0.02, regularization: 0.01))
        try model.fit(Fixtures.ratings)
        var squared: Float = 0
        for user in 0..<20 {
            let (items, values) = Fixtures.ratings.row(user)
            for (item, value) in zip(items, values) {
                let prediction = model.predict(user: user, item: Int(item))!
                squared += (prediction - value) * (prediction - value)
            }
        }
        #expect((squared / Float(Fixtures.ratings.nonZeroCount)).squareRoot() < 0.35)
        #expect(model.predict(user: 999, item: 999) == model.globalMean)
    }

    @Test func alsFoldInOfATrainingRowIsCloseToItsFittedScores() throws {
        var model = ImplicitALS(.init(factors: 4, regularization: 0.1, alpha: 5, iterations: 30, conjugateGradientSteps: 6, seed: 1, threads: 1))
        try model.fit(Fixtures.checkerboard)
        let history = model.history(user: 4)!
        let fitted = model.score(history: history, user: 4)
        let folded = model.score(history: history)
        for item in 0..<20 { #expect(abs(fitted[item] - folded[item]) < 0.05) }
    }
}
