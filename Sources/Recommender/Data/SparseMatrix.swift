/// A sparse matrix in compressed sparse row form (CSR). Rows are users and columns items
/// for a rating matrix; ``transposed()`` gives the item-major view (CSC of the original).
///
/// Column indices within a row are sorted ascending; there are no duplicate entries.
public struct SparseMatrix: Sendable {
    public let rowCount: Int
    public let columnCount: Int
    /// `rowOffsets[r]..<rowOffsets[r + 1]` are row r's entries; `rowOffsets.count == rowCount + 1`.
    public let rowOffsets: [Int]
    public let columnIndices: [Int32]
    public let values: [Float]

    public var nonZeroCount: Int { columnIndices.count }

    public init(rowCount: Int, columnCount: Int, rowOffsets: [Int], columnIndices: [Int32], values: [Float]) {
        precondition(rowOffsets.count == rowCount + 1 && columnIndices.count == values.count && rowOffsets.last == values.count)
        self.rowCount = rowCount
        self.columnCount = columnCount
        self.rowOffsets = rowOffsets
        self.columnIndices = columnIndices
        self.values = values
    }

    /// Builds a matrix from triples. Duplicate (row, column) pairs are resolved
    /// deterministically: the one with the latest timestamp wins, and among equal timestamps
    /// the one that comes last in `interactions`.
    /// - Parameters:
    ///   - rowCount: at least one more than the largest user index (default: inferred).
    ///   - columnCount: at least one more than the largest item index (default: inferred).
    public init(_ interactions: [Interaction], rowCount: Int? = nil, columnCount: Int? = nil) {
        let rows = rowCount ?? Int((interactions.map(\.user).max() ?? -1) + 1)
        let columns = columnCount ?? Int((interactions.map(\.item).max() ?? -1) + 1)
        // Stable order: by row, column, timestamp, then input position.
        let order = interactions.indices.sorted { a, b in
            let x = interactions[a], y = interactions[b]
            if x.user != y.user { return x.user < y.user }
            if x.item != y.item { return x.item < y.item }
            if x.timestamp != y.timestamp { return x.timestamp < y.timestamp }
            return a < b
        }
        var offsets = [Int](repeating: 0, count: rows + 1)
        var indices: [Int32] = []
        var values: [Float] = []
        indices.reserveCapacity(interactions.count)
        values.reserveCapacity(interactions.count)
        var position = 0
        while position < order.count {
            let first = interactions[order[position]]
            var last = first
            position += 1
            while position < order.count, interactions[order[position]].user == first.user, interactions[order[position]].item == first.item {
                last = interactions[order[position]]
                position += 1
            }
            precondition(Int(last.user) < rows && Int(last.item) < columns && last.user >= 0 && last.item >= 0, "index out of range")
            offsets[Int(last.user) + 1] += 1
            indices.append(last.item)
            values.append(last.value)
        }
        for r in 0..<rows { offsets[r + 1] += offsets[r] }
        self.init(rowCount: rows, columnCount: columns, rowOffsets: offsets, columnIndices: indices, values: values)
    }

    /// Builds a matrix from parallel arrays already sorted by row, then column, without
    /// duplicates — the cheap path for large data (no intermediate triples).
    /// - Throws: ``RecommenderError`` when the arrays are not sorted, unique and in range.
    public init(sortedRows rows: [Int32], columns: [Int32], values: [Float], rowCount: Int, columnCount: Int) throws {
        guard rows.count == columns.count && columns.count == values.count else { throw RecommenderError("arrays differ in length") }
        var offsets = [Int](repeating: 0, count: rowCount + 1)
        for index in rows.indices {
            let r = rows[index], c = columns[index]
            guard r >= 0 && Int(r) < rowCount && c >= 0 && Int(c) < columnCount else { throw RecommenderError("entry \(index) out of range") }
            if index > 0 {
                let pr = rows[index - 1], pc = columns[index - 1]
                guard pr < r || (pr == r && pc < c) else { throw RecommenderError("entries are not sorted and unique at \(index)") }
            }
            offsets[Int(r) + 1] += 1
        }
        for r in 0..<rowCount { offsets[r + 1] += offsets[r] }
        self.init(rowCount: rowCount, columnCount: columnCount, rowOffsets: offsets, columnIndices: columns, values: values)
    }

    /// Row `r`'s column indices and values.
    @inlinable
    public func row(_ r: Int) -> (indices: ArraySlice<Int32>, values: ArraySlice<Float>) {
        let range = rowOffsets[r]..<rowOffsets[r + 1]
        return (columnIndices[range], values[range])
    }

    public func rowLength(_ r: Int) -> Int { rowOffsets[r + 1] - rowOffsets[r] }

    /// The value at (r, c), or nil when absent (binary search within the row).
    public func value(row r: Int, column c: Int) -> Float? {
        var low = rowOffsets[r]
        var high = rowOffsets[r + 1]
        let target = Int32(c)
        while low < high {
            let mid = (low + high) / 2
            if columnIndices[mid] < target { low = mid + 1 } else { high = mid }
        }
        return low < rowOffsets[r + 1] && columnIndices[low] == target ? values[low] : nil
    }

    /// The transpose: item-major when this matrix is user-major. O(nnz).
    public func transposed() -> SparseMatrix {
        var counts = [Int](repeating: 0, count: columnCount + 1)
        for c in columnIndices { counts[Int(c) + 1] += 1 }
        for c in 0..<columnCount { counts[c + 1] += counts[c] }
        var next = counts
        var indices = [Int32](repeating: 0, count: nonZeroCount)
        var newValues = [Float](repeating: 0, count: nonZeroCount)
        for r in 0..<rowCount {
            for p in rowOffsets[r]..<rowOffsets[r + 1] {
                let c = Int(columnIndices[p])
                let q = next[c]
                indices[q] = Int32(r)
                newValues[q] = values[p]
                next[c] += 1
            }
        }
        return SparseMatrix(rowCount: columnCount, columnCount: rowCount, rowOffsets: counts, columnIndices: indices, values: newValues)
    }

    /// The same pattern with every value replaced by `transform(value)`.
    public func mapValues(_ transform: (Float) -> Float) -> SparseMatrix {
        SparseMatrix(rowCount: rowCount, columnCount: columnCount, rowOffsets: rowOffsets, columnIndices: columnIndices, values: values.map(transform))
    }

    /// Every stored entry as a triple, row-major.
    public var interactions: [Interaction] {
        var result: [Interaction] = []
        result.reserveCapacity(nonZeroCount)
        for r in 0..<rowCount {
            for p in rowOffsets[r]..<rowOffsets[r + 1] {
                result.append(Interaction(user: Int32(r), item: columnIndices[p], value: values[p]))
            }
        }
        return result
    }
}
