/// The contract every recommendation model implements (the `implicit` library's shape):
/// fit on a user × item matrix, then score, recommend, predict and explain.
///
/// Models are value types: fitting mutates a copy, so a fitted model can be swapped in
/// atomically while the previous one keeps serving.
public protocol Recommender: Sendable {
    /// A short, stable name: `popularity`, `userknn`, `itemknn`, `biasedmf`, `als`, `ease`.
    var name: String { get }

    /// Number of items the model scores (columns of the training matrix).
    var itemCount: Int { get }

    /// Fits the model to a user × item matrix of ratings or confidence weights.
    /// - Throws: ``RecommenderError`` for unusable data (no rows, values out of range).
    mutating func fit(_ data: SparseMatrix) throws

    /// A score for every item, for any user history — the way a user with new events is
    /// served before the next refit ("fold-in"). Higher is better.
    /// - Parameter user: the training index of the same user, when known, so a model can
    ///   leave the user out of their own neighbourhood or reuse fitted factors.
    func score(history: UserHistory, user: Int?) -> [Float]

    /// The training row of `user`, or nil for a user the model was not fitted on.
    func history(user: Int) -> UserHistory?

    /// A rating prediction, for models that predict ratings; nil otherwise or when unknown.
    func predict(user: Int, item: Int) -> Float?

    /// Why `item` scores as it does for `history`, as structured data.
    func explain(history: UserHistory, item: Int) -> Explanation
}

extension Recommender {
    /// Scores every item for a history of someone who is not a training user.
    public func score(history: UserHistory) -> [Float] { score(history: history, user: nil) }

    /// Scores every item for a training user; nil for an unknown user ("no score", not an error).
    public func score(user: Int) -> [Float]? {
        history(user: user).map { score(history: $0, user: user) }
    }

    /// The best `k` items for a training user, skipping `excluding` and the user's own items.
    public func recommend(user: Int, k: Int, excluding: Set<Int32> = []) -> [ScoredItem] {
        guard let history = history(user: user) else { return [] }
        return recommend(history: history, user: user, k: k, excluding: excluding)
    }

    /// The best `k` items for a history, skipping `excluding` and the history's own items.
    public func recommend(history: UserHistory, user: Int? = nil, k: Int, excluding: Set<Int32> = []) -> [ScoredItem] {
        var skip = excluding
        skip.formUnion(history.items)
        return TopK.select(score(history: history, user: user), k: k, excluding: skip)
    }

    public func predict(user: Int, item: Int) -> Float? { nil }
}

/// An item and its score, as returned by `recommend`.
public struct ScoredItem: Sendable, Hashable {
    public var item: Int32
    public var score: Float

    public init(item: Int32, score: Float) {
        self.item = item
        self.score = score
    }
}

/// A user's interactions as a sparse vector over items: sorted, unique item indices.
public struct UserHistory: Sendable, Hashable {
    public private(set) var items: [Int32]
    public private(set) var values: [Float]

    /// Builds a history; duplicate items keep the last value.
    public init(items: [Int32], values: [Float]) {
        precondition(items.count == values.count)
        var merged: [Int32: Float] = [:]
        for (item, value) in zip(items, values) { merged[item] = value }
        let sorted = merged.keys.sorted()
        self.items = sorted
        self.values = sorted.map { merged[$0]! }
    }

    init(sortedItems: ArraySlice<Int32>, values: ArraySlice<Float>) {
        self.items = Array(sortedItems)
        self.values = Array(values)
    }

    public var isEmpty: Bool { items.isEmpty }

    public static let empty = UserHistory(items: [], values: [])
}

/// Why an item was recommended, as data a client can render however it likes.
public enum Explanation: Sendable, Equatable {
    /// The user's own items that contributed most to the score, strongest first.
    case items([Contribution])
    /// How many similar users interacted with the item (user-based models).
    case similarUsers(count: Int)
    /// How many users interacted with the item (popularity).
    case popularity(count: Int)
    /// No explanation is available (e.g. the item is unknown to the model).
    case none
}

/// One of the user's items and how much it added to a recommendation's score.
public struct Contribution: Sendable, Equatable {
    public var item: Int32
    public var weight: Float

    public init(item: Int32, weight: Float) {
        self.item = item
        self.weight = weight
    }
}

/// An error from fitting or evaluating a model.
public struct RecommenderError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
