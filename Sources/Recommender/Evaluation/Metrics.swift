import Foundation

/// Accuracy metrics for rating prediction and ranking.
public enum Metrics {
    /// Root mean squared error.
    public static func rmse(_ pairs: [(predicted: Float, actual: Float)]) -> Double {
        guard !pairs.isEmpty else { return .nan }
        return (pairs.reduce(0.0) { $0 + Double(($1.predicted - $1.actual) * ($1.predicted - $1.actual)) } / Double(pairs.count)).squareRoot()
    }

    /// Mean absolute error.
    public static func mae(_ pairs: [(predicted: Float, actual: Float)]) -> Double {
        guard !pairs.isEmpty else { return .nan }
        return pairs.reduce(0.0) { $0 + Double(abs($1.predicted - $1.actual)) } / Double(pairs.count)
    }

    /// NDCG@k with binary gain: DCG = Σ_{r≤k} rel(r)/log2(r+1), normalised by the DCG of an
    /// ideal list holding min(k, relevantCount) relevant items. Items that cannot be ranked
    /// (unknown to the model) still count as relevant.
    public static func ndcg(ranked: [Int32], relevant: Set<Int32>, relevantCount: Int, k: Int) -> Double {
        guard relevantCount > 0 else { return .nan }
        var dcg = 0.0
        for (position, item) in ranked.prefix(k).enumerated() where relevant.contains(item) {
            dcg += 1 / log2(Double(position) + 2)
        }
        var ideal = 0.0
        for position in 0..<min(k, relevantCount) { ideal += 1 / log2(Double(position) + 2) }
        return dcg / ideal
    }

    /// Hits in the top k.
    public static func hits(ranked: [Int32], relevant: Set<Int32>, k: Int) -> Int {
        ranked.prefix(k).filter { relevant.contains($0) }.count
    }
}
