/// One observed (user, item, value) triple with its time, in dense integer ids.
///
/// `Recommender` knows nothing of films: callers map their ids to `0..<userCount` and
/// `0..<itemCount` (``IDMap`` helps) and back.
public struct Interaction: Sendable, Hashable {
    public var user: Int32
    public var item: Int32
    /// A rating, or a confidence weight for implicit feedback.
    public var value: Float
    /// Seconds since 1970; when the same (user, item) appears twice, the latest wins.
    public var timestamp: Int64

    public init(user: Int32, item: Int32, value: Float, timestamp: Int64 = 0) {
        self.user = user
        self.item = item
        self.value = value
        self.timestamp = timestamp
    }
}

/// A two-way map between external ids (strings, catalog ids) and dense indices `0..<count`.
/// Indices are assigned in first-seen order, so the same input sequence gives the same map.
public struct IDMap<ID: Hashable & Sendable>: Sendable {
    public private(set) var ids: [ID] = []
    private var indexOf: [ID: Int32] = [:]

    public init() {}

    public init<S: Sequence>(_ ids: S) where S.Element == ID {
        for id in ids { _ = insert(id) }
    }

    public var count: Int { ids.count }

    /// The index of `id`, adding it if new.
    public mutating func insert(_ id: ID) -> Int32 {
        if let index = indexOf[id] { return index }
        let index = Int32(ids.count)
        ids.append(id)
        indexOf[id] = index
        return index
    }

    public func index(of id: ID) -> Int32? { indexOf[id] }

    public func id(at index: Int32) -> ID { ids[Int(index)] }
}
