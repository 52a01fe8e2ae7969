import Recommender

/// Small data sets with known right answers.
enum Fixtures {
    /// Two groups of 10 users and 10 items. Each user interacted with every item of their own
    /// group except one ("hidden": user u misses item u % 10 of their group), and with nothing
    /// of the other group. Every sensible ranking model must recommend the hidden item first.
    static let checkerboard: SparseMatrix = {
        var triples: [Interaction] = []
        for user in 0..<20 {
            let group = user / 10
            for offset in 0..<10 where offset != user % 10 {
                triples.append(Interaction(user: Int32(user), item: Int32(group * 10 + offset), value: 1))
            }
        }
        return SparseMatrix(triples, rowCount: 20, columnCount: 20)
    }()

    static func hiddenItem(of user: Int) -> Int32 { Int32((user / 10) * 10 + user % 10) }

    /// Ratings: users love (5) their group's items and dislike (1) two items of the other group;
    /// each user leaves one own-group item unrated.
    static let ratings: SparseMatrix = {
        var triples: [Interaction] = []
        for user in 0..<20 {
            let group = user / 10
            for offset in 0..<10 where offset != user % 10 {
                triples.append(Interaction(user: Int32(user), item: Int32(group * 10 + offset), value: offset % 3 == 0 ? 4 : 5))
            }
            let other = 1 - group
            for offset in [(user + 1) % 10, (user + 5) % 10] {
                triples.append(Interaction(user: Int32(user), item: Int32(other * 10 + offset), value: 1))
            }
        }
        return SparseMatrix(triples, rowCount: 20, columnCount: 20)
    }()

    /// Ranking models with settings suited to 20 × 20 data.
    static let rankingModels: [String] = ["userknn-plain", "userknn", "itemknn", "ease", "ease-weighted", "als", "rp3beta"]

    static func ranking(_ name: String, threads: Int = 1) -> any Recommender {
        switch name {
        case "userknn-plain": return UserKNN(.init(variant: .plainWeightedSum, threads: threads))
        case "userknn": return UserKNN(.init(variant: .meanCentred, neighbours: 5, threads: threads))
        case "itemknn": return ItemKNN(.init(neighbours: 20, threads: threads))
        case "ease": return EASE(.init(lambda: 2, threads: threads))
        case "ease-weighted": return EASE(.init(lambda: 0.5, userDegreeExponent: 0.5, threads: threads))
        case "als": return ImplicitALS(.init(factors: 4, regularization: 0.1, alpha: 5, iterations: 12, seed: 9, threads: threads))
        case "rp3beta": return RP3Beta(.init(beta: 0.3, threads: threads))
        default: fatalError("unknown fixture model \(name)")
        }
    }

    static let ratingModels: [String] = ["biasedmf", "baselineknn", "blend", "userknn"]

    static func rating(_ name: String) -> any Recommender {
        switch name {
        case "biasedmf": return BiasedMF(.init(factors: 4, epochs: 60, learningRate: 0.02, regularization: 0.02))
        case "baselineknn": return BaselineKNN(.init(neighbours: 10, shrinkage: 1, threads: 1))
        case "blend": return RatingBlend(.init(factorization: .init(factors: 4, epochs: 60, learningRate: 0.02, regularization: 0.02),
                                               neighbourhood: .init(neighbours: 10, shrinkage: 1, threads: 1), holdoutFraction: 0.15))
        case "userknn": return UserKNN(.init(variant: .meanCentred, neighbours: 5))
        default: fatalError("unknown fixture model \(name)")
        }
    }
}
