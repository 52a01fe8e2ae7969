/// A weighted blend of ranking models: each member's scores for a user are rescaled to
/// [0, 1] by that user's maximum, then combined with fixed weights.
public struct RankingBlend: Recommender {
    public let name: String
    public private(set) var members: [any Recommender]
    public let weights: [Float]
    public private(set) var itemCount = 0

    public init(name: String = "blend", members: [any Recommender], weights: [Float]) {
        precondition(members.count == weights.count && !members.isEmpty)
        self.name = name
        self.members = members
        self.weights = weights
    }

    public mutating func fit(_ data: SparseMatrix) throws {
        for index in members.indices { try members[index].fit(data) }
        itemCount = data.columnCount
    }

    public func history(user: Int) -> UserHistory? { members[0].history(user: user) }

    public func score(history: UserHistory, user: Int?) -> [Float] {
        var total = [Float](repeating: 0, count: itemCount)
        for (member, weight) in zip(members, weights) {
            let scores = member.score(history: history, user: user)
            let top = scores.max() ?? 0
            guard top > 0 else { continue }
            let scale = weight / top
            for item in 0..<min(itemCount, scores.count) { total[item] += scale * scores[item] }
        }
        return total
    }

    public func explain(history: UserHistory, item: Int) -> Explanation {
        members[weights.indices.max { weights[$0] < weights[$1] }!].explain(history: history, item: item)
    }
}

extension RankingBlend: ArchivableRecommender {
    static let archiveTag = "rankingblend"

    func write(to writer: inout ArchiveWriter) throws {
        writer.string(name)
        writer.floats(weights)
        writer.int(itemCount)
        writer.int(members.count)
        for member in members { try writer.model(member) }
    }

    init(reading reader: inout ArchiveReader) throws {
        name = try reader.string()
        weights = try reader.floats()
        itemCount = try reader.int()
        let count = try reader.int()
        guard count == weights.count, count > 0, count < 16 else { throw RecommenderError("model archive holds a malformed blend") }
        members = try (0..<count).map { _ in try reader.model() }
    }
}
