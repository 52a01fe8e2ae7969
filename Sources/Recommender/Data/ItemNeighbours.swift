import Determinism

/// A sparse item × item weight table keeping each item's strongest neighbours: the fitted
/// state of neighbourhood models (ItemKNN, RP3β). Built in parallel, deterministically.
struct ItemNeighbours: Sendable {
    private(set) var offsets: [Int] = [0]
    private(set) var items: [Int32] = []
    private(set) var weights: [Float] = []

    /// Builds the table: `row(item, accumulate)` adds weight to (item, other) pairs; the
    /// `keep` largest positive weights per item are kept (ties to the lower item index).
    static func build(itemCount: Int, keep: Int, threads: Int, row: (Int, (Int32, Float) -> Void) -> Void) -> ItemNeighbours {
        var lists = [[(Int32, Float)]](repeating: [], count: itemCount)
        lists.withUnsafeMutableBufferPointer { buffer in
            let output = SharedBuffer(buffer)  // each chunk writes only its own items
            Parallel.forEachChunk(count: itemCount, chunkSize: 32, threads: threads) { range in
                var sums = [Float](repeating: 0, count: itemCount)
                var touched: [Int32] = []
                for item in range {
                    row(item) { other, weight in
                        if sums[Int(other)] == 0 { touched.append(other) }
                        sums[Int(other)] += weight
                    }
                    var candidates: [(Int32, Float)] = []
                    candidates.reserveCapacity(touched.count)
                    for other in touched {
                        if sums[Int(other)] > 0 { candidates.append((other, sums[Int(other)])) }
                        sums[Int(other)] = 0
                    }
                    touched.removeAll(keepingCapacity: true)
                    candidates.sort { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
                    output[item] = Array(candidates.prefix(keep))
                }
            }
        }
        var table = ItemNeighbours()
        for list in lists {
            for (other, weight) in list {
                table.items.append(other)
                table.weights.append(weight)
            }
            table.offsets.append(table.items.count)
        }
        return table
    }

    func neighbours(of item: Int) -> [(item: Int32, weight: Float)] {
        guard item >= 0 && item + 1 < offsets.count else { return [] }
        return (offsets[item]..<offsets[item + 1]).map { (items[$0], weights[$0]) }
    }

    /// Σ over the history's items of value × weight to every item.
    func scores(history: UserHistory, itemCount: Int, binary: Bool) -> [Float] {
        var scores = [Float](repeating: 0, count: itemCount)
        for (item, value) in zip(history.items, history.values) where Int(item) + 1 < offsets.count {
            let scale = binary ? 1 : value
            for p in offsets[Int(item)]..<offsets[Int(item) + 1] { scores[Int(items[p])] += scale * weights[p] }
        }
        return scores
    }

    /// What each history item adds to `target`'s score.
    func contributions(history: UserHistory, to target: Int, binary: Bool) -> [Contribution] {
        zip(history.items, history.values).compactMap { item, value in
            guard Int(item) + 1 < offsets.count else { return nil }
            for p in offsets[Int(item)]..<offsets[Int(item) + 1] where Int(items[p]) == target {
                return Contribution(item: item, weight: (binary ? 1 : value) * weights[p])
            }
            return nil
        }
    }
}

extension ItemNeighbours {
    func write(to writer: inout ArchiveWriter) {
        writer.neighbourTable(offsets: offsets, items: items, weights: weights)
    }

    init(reading reader: inout ArchiveReader) throws {
        (offsets, items, weights) = try reader.neighbourTable()
    }
}
