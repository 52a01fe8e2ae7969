import Determinism
import Recommender
import Testing

@Suite struct SparseMatrixTests {
    @Test func duplicatesResolveToTheLatestTimestamp() {
        let matrix = SparseMatrix([
            Interaction(user: 0, item: 1, value: 3, timestamp: 10),
            Interaction(user: 0, item: 1, value: 5, timestamp: 30),
            Interaction(user: 0, item: 1, value: 1, timestamp: 20),
            Interaction(user: 1, item: 0, value: 2, timestamp: 5),
            Interaction(user: 1, item: 0, value: 4, timestamp: 5),  // same time: the later row wins
        ])
        #expect(matrix.nonZeroCount == 2)
        #expect(matrix.value(row: 0, column: 1) == 5)
        #expect(matrix.value(row: 1, column: 0) == 4)
        #expect(matrix.value(row: 0, column: 0) == nil)
    }

    @Test func transposeRoundTripsAndRowsStaySorted() {
        var random = SeededRandom(seed: 3)
        let triples = (0..<500).map { _ in
            Interaction(user: Int32(random.next() % 40), item: Int32(random.next() % 30), value: Float(random.next() % 5 + 1), timestamp: Int64(random.next() % 1000))
        }
        let matrix = SparseMatrix(triples, rowCount: 40, columnCount: 30)
        let back = matrix.transposed().transposed()
        #expect(back.rowOffsets == matrix.rowOffsets)
        #expect(back.columnIndices == matrix.columnIndices)
        #expect(back.values == matrix.values)
        for r in 0..<matrix.rowCount {
            let row = Array(matrix.row(r).indices)
            #expect(row == row.sorted() && Set(row).count == row.count)
        }
        let transposed = matrix.transposed()
        for r in 0..<matrix.rowCount {
            for (c, v) in zip(matrix.row(r).indices, matrix.row(r).values) { #expect(transposed.value(row: Int(c), column: r) == v) }
        }
    }

    @Test func sortedArraysPathValidatesItsInput() throws {
        let matrix = try SparseMatrix(sortedRows: [0, 0, 2], columns: [1, 3, 0], values: [1, 2, 3], rowCount: 3, columnCount: 4)
        #expect(matrix.rowLength(1) == 0)
        #expect(matrix.value(row: 2, column: 0) == 3)
        #expect(throws: RecommenderError.self) { try SparseMatrix(sortedRows: [0, 0], columns: [3, 1], values: [1, 1], rowCount: 1, columnCount: 4) }
        #expect(throws: RecommenderError.self) { try SparseMatrix(sortedRows: [5], columns: [0], values: [1], rowCount: 1, columnCount: 4) }
    }

    @Test func topKBreaksTiesByLowerIndexAndSkipsExclusions() {
        let picked = TopK.select([1, 5, 5, 3, 5, .nan, 4], k: 3, excluding: [2])
        #expect(picked.map(\.item) == [1, 4, 6])
        #expect(TopK.select([1, 2], k: 0).isEmpty)
        #expect(TopK.select([1, 2], k: 10).map(\.item) == [1, 0])
    }
}
