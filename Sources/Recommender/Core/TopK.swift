/// Selects the `k` highest scores: O(n log k) with a bounded min-heap. Ties go to the lower
/// item index, so the result is fully deterministic.
public enum TopK {
    public static func select(_ scores: [Float], k: Int, excluding: Set<Int32> = []) -> [ScoredItem] {
        guard k > 0 else { return [] }
        // Heap ordered so that the root is the *worst* kept item.
        var heap: [ScoredItem] = []
        heap.reserveCapacity(k + 1)
        @inline(__always) func worse(_ a: ScoredItem, _ b: ScoredItem) -> Bool {
            a.score != b.score ? a.score < b.score : a.item > b.item
        }
        func siftUp(_ start: Int) {
            var child = start
            while child > 0 {
                let parent = (child - 1) / 2
                guard worse(heap[child], heap[parent]) else { break }
                heap.swapAt(child, parent)
                child = parent
            }
        }
        func siftDown(_ start: Int) {
            var parent = start
            while true {
                let left = 2 * parent + 1, right = left + 1
                var candidate = parent
                if left < heap.count, worse(heap[left], heap[candidate]) { candidate = left }
                if right < heap.count, worse(heap[right], heap[candidate]) { candidate = right }
                if candidate == parent { return }
                heap.swapAt(parent, candidate)
                parent = candidate
            }
        }
        for (index, score) in scores.enumerated() where score.isFinite && !excluding.contains(Int32(index)) {
            let entry = ScoredItem(item: Int32(index), score: score)
            if heap.count < k {
                heap.append(entry)
                siftUp(heap.count - 1)
            } else if worse(heap[0], entry) {
                heap[0] = entry
                siftDown(0)
            }
        }
        return heap.sorted { worse($1, $0) }
    }
}
