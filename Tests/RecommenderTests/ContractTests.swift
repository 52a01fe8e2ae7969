import Foundation
import Recommender
import Testing

/// Behaviour every model promises, checked on every model.
@Suite struct ContractTests {
    @Test(arguments: Fixtures.rankingModels)
    func recommendsTheHiddenItemOfTheUsersGroupFirst(_ name: String) throws {
        var model = Fixtures.ranking(name)
        try model.fit(Fixtures.checkerboard)
        for user in 0..<20 {
            let top = model.recommend(user: user, k: 3)
            #expect(top.first?.item == Fixtures.hiddenItem(of: user), "\(name) user \(user): \(top)")
            let own = Set(Fixtures.checkerboard.history(user: user)!.items)
            #expect(top.allSatisfy { !own.contains($0.item) }, "\(name) recommended an item the user already has")
        }
    }

    @Test(arguments: Fixtures.rankingModels)
    func foldsInANewHistoryWithoutRefitting(_ name: String) throws {
        var model = Fixtures.ranking(name)
        try model.fit(Fixtures.checkerboard)
        // A newcomer who took items 11…17 of group B should be offered 10, 18 or 19.
        let history = UserHistory(items: (11...17).map(Int32.init), values: Array(repeating: 1, count: 7))
        let top = model.recommend(history: history, k: 3).map(\.item)
        #expect(Set(top) == [10, 18, 19], "\(name): \(top)")
    }

    @Test(arguments: Fixtures.rankingModels)
    func unknownUsersGetNoScoreNotAnError(_ name: String) throws {
        var model = Fixtures.ranking(name)
        try model.fit(Fixtures.checkerboard)
        #expect(model.score(user: 99) == nil)
        #expect(model.recommend(user: 99, k: 5).isEmpty)
        #expect(model.recommend(user: 0, k: 0).isEmpty)
        #expect(model.explain(history: .empty, item: 999) == .none)
    }

    @Test(arguments: Fixtures.rankingModels)
    func sameDataSameScoresWhateverTheThreadCount(_ name: String) throws {
        var one = Fixtures.ranking(name, threads: 1)
        var two = Fixtures.ranking(name, threads: 2)
        var again = Fixtures.ranking(name, threads: 2)
        try one.fit(Fixtures.checkerboard)
        try two.fit(Fixtures.checkerboard)
        try again.fit(Fixtures.checkerboard)
        for user in 0..<20 {
            #expect(one.score(user: user) == two.score(user: user))
            #expect(two.score(user: user) == again.score(user: user))
        }
    }

    @Test(arguments: ["itemknn", "ease", "als", "rp3beta"])
    func explanationsNameTheUsersOwnItems(_ name: String) throws {
        var model = Fixtures.ranking(name)
        try model.fit(Fixtures.checkerboard)
        let history = model.history(user: 3)!
        guard case .items(let contributions) = model.explain(history: history, item: Int(Fixtures.hiddenItem(of: 3))) else {
            Issue.record("\(name) gave no item explanation")
            return
        }
        #expect(!contributions.isEmpty)
        #expect(contributions.allSatisfy { history.items.contains($0.item) && $0.weight > 0 })
        #expect(contributions.map(\.weight) == contributions.map(\.weight).sorted(by: >))
    }

    @Test(arguments: Fixtures.ratingModels)
    func ratingModelsPredictTheGroupsTaste(_ name: String) throws {
        var model = Fixtures.rating(name)
        try model.fit(Fixtures.ratings)
        for user in 0..<20 {
            let hidden = Int(Fixtures.hiddenItem(of: user))
            let prediction = try #require(model.predict(user: user, item: hidden))
            #expect(prediction > 3.5, "\(name) user \(user) hidden item: \(prediction)")
            let disliked = Int((1 - user / 10) * 10 + (user + 1) % 10)
            #expect(try #require(model.predict(user: user, item: disliked)) < 2.5, "\(name) user \(user) disliked item")
        }
    }

    @Test(arguments: ["biasedmf", "blend"])
    func sameSeedSameModel(_ name: String) throws {
        var a = Fixtures.rating(name)
        var b = Fixtures.rating(name)
        try a.fit(Fixtures.ratings)
        try b.fit(Fixtures.ratings)
        for user in 0..<20 { #expect(a.score(user: user) == b.score(user: user)) }
    }

    @Test func differentSeedsGiveDifferentFactors() throws {
        var a = ImplicitALS(.init(factors: 4, iterations: 3, seed: 1, threads: 1))
        var b = ImplicitALS(.init(factors: 4, iterations: 3, seed: 2, threads: 1))
        try a.fit(Fixtures.checkerboard)
        try b.fit(Fixtures.checkerboard)
        #expect(a.itemFactors != b.itemFactors)
    }

    @Test(arguments: Fixtures.rankingModels + Fixtures.ratingModels.map { "rating:" + $0 } + ["popularity"])
    func anArchivedModelScoresExactlyAsTheOriginal(_ name: String) throws {
        var model: any Recommender
        if name.hasPrefix("rating:") {
            model = Fixtures.rating(String(name.dropFirst("rating:".count)))
            try model.fit(Fixtures.ratings)
        } else {
            model = name == "popularity" ? Popularity() : Fixtures.ranking(name)
            try model.fit(Fixtures.checkerboard)
        }
        let bytes = try ModelArchive.encode(model)
        let restored = try ModelArchive.decode(bytes)
        #expect(try ModelArchive.encode(restored) == bytes, "\(name): re-encoding changed the bytes")
        for user in 0..<20 {
            #expect(restored.score(user: user) == model.score(user: user), "\(name) user \(user)")
        }
        let history = UserHistory(items: (11...17).map(Int32.init), values: Array(repeating: 1, count: 7))
        #expect(restored.recommend(history: history, k: 5) == model.recommend(history: history, k: 5))
    }

    @Test func aDamagedArchiveIsAClearError() throws {
        var model = Fixtures.ranking("ease")
        try model.fit(Fixtures.checkerboard)
        let bytes = try ModelArchive.encode(model)
        #expect(throws: RecommenderError.self) { try ModelArchive.decode(bytes.prefix(bytes.count / 2)) }
        #expect(throws: RecommenderError.self) { try ModelArchive.decode(Data("not a model".utf8)) }
        #expect(throws: RecommenderError.self) { try ModelArchive.decode(bytes + Data([0])) }
    }

    @Test func emptyDataIsAClearError() {
        let empty = SparseMatrix([], rowCount: 0, columnCount: 0)
        for name in Fixtures.rankingModels {
            var model = Fixtures.ranking(name)
            #expect(throws: RecommenderError.self, "\(name)") { try model.fit(empty) }
        }
    }
}
