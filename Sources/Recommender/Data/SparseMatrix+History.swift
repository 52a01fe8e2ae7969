extension SparseMatrix {
    /// Row `user` as a history, or nil when `user` is outside the matrix.
    public func history(user: Int) -> UserHistory? {
        guard user >= 0 && user < rowCount else { return nil }
        let (indices, values) = row(user)
        return UserHistory(sortedItems: indices, values: values)
    }

    /// Number of entries in each column.
    public func columnCounts() -> [Int] {
        var counts = [Int](repeating: 0, count: columnCount)
        for c in columnIndices { counts[Int(c)] += 1 }
        return counts
    }

    /// Euclidean norm of each row.
    public func rowNorms() -> [Float] {
        (0..<rowCount).map { r in
            var sum: Float = 0
            for p in rowOffsets[r]..<rowOffsets[r + 1] { sum += values[p] * values[p] }
            return sum.squareRoot()
        }
    }
}
