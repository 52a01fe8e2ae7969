import Determinism

/// Cholesky factorisation and inversion of dense symmetric positive-definite matrices
/// (row-major Float), for EASE's item × item solve.
///
/// All three steps — factor G = L·Lᵀ, M = L⁻¹, G⁻¹ = Mᵀ·M — are written as blocks of four
/// dot products over contiguous rows, so each row is read once per block; rows are split
/// across threads in fixed chunks, so results do not depend on the thread count.
public enum Cholesky {
    /// Factors `a` (n×n, row-major, symmetric positive definite) in place into its lower
    /// factor L (the upper triangle is zeroed).
    /// - Throws: ``RecommenderError`` when the matrix is not positive definite.
    public static func factor(_ a: inout [Float], n: Int, threads: Int) throws {
        precondition(a.count == n * n)
        let block = 32
        var failed = false
        a.withUnsafeMutableBufferPointer { buffer in
            let m = SharedBuffer(buffer)  // threads write disjoint rows
            var j0 = 0
            while j0 < n {
                let jb = min(block, n - j0)
                // 1. Subtract the contribution of the finished columns 0..<j0 from the panel
                //    a[i][j0..<j0+jb] for every i ≥ j0 (the bulk of the work).
                if j0 > 0 {
                    Parallel.forEachChunk(count: n - j0, chunkSize: 16, threads: threads) { range in
                        for offset in range {
                            let i = j0 + offset
                            let rowI = m.base + i * n
                            var jj = 0
                            let limit = min(jb, i - j0 + 1)
                            while jj + 4 <= limit {
                                let j = j0 + jj
                                let d = Kernels.dot4(rowI, m.base + j * n, m.base + (j + 1) * n, m.base + (j + 2) * n, m.base + (j + 3) * n, j0)
                                rowI[j] -= d[0]; rowI[j + 1] -= d[1]; rowI[j + 2] -= d[2]; rowI[j + 3] -= d[3]
                                jj += 4
                            }
                            while jj < limit {
                                let j = j0 + jj
                                rowI[j] -= Kernels.dot(rowI, m.base + j * n, j0)
                                jj += 1
                            }
                        }
                    }
                }
                // 2. Factor the panel column by column (short dots within the block).
                for jj in 0..<jb {
                    let j = j0 + jj
                    let rowJ = m.base + j * n
                    let diagonal = rowJ[j] - Kernels.dot(rowJ + j0, rowJ + j0, jj)
                    guard diagonal > 0, diagonal.isFinite else {
                        failed = true
                        return
                    }
                    let pivot = diagonal.squareRoot()
                    rowJ[j] = pivot
                    for i in (j + 1)..<n {
                        let rowI = m.base + i * n
                        rowI[j] = (rowI[j] - Kernels.dot(rowI + j0, rowJ + j0, jj)) / pivot
                    }
                }
                j0 += jb
            }
            for i in 0..<n { for j in (i + 1)..<n { m[i * n + j] = 0 } }
        }
        if failed { throw RecommenderError("matrix is not positive definite") }
    }

    /// The inverse of L·Lᵀ given the lower factor `l` (as returned by ``factor``), as a full
    /// symmetric row-major matrix.
    public static func inverse(fromFactor l: [Float], n: Int, threads: Int) -> [Float] {
        // Mt[j][i] = (L⁻¹)[i][j]: row j of Mt is column j of L⁻¹, zero before index j.
        var mt = [Float](repeating: 0, count: n * n)
        l.withUnsafeBufferPointer { lBuffer in
            let lBase = lBuffer.baseAddress!
            mt.withUnsafeMutableBufferPointer { mtBuffer in
                let out = SharedBuffer(mtBuffer)  // each chunk owns rows j of Mt
                Parallel.forEachChunk(count: (n + 3) / 4, chunkSize: 1, threads: threads) { range in
                    for group in range {
                        let j0 = group * 4
                        let count = min(4, n - j0)
                        // Forward substitution for columns j0..<j0+count together: row i of L
                        // is loaded once for all four columns.
                        for i in j0..<n {
                            let rowI = lBase + i * n
                            let length = i - j0
                            var d = SIMD4<Float>(repeating: 0)
                            if count == 4 {
                                d = Kernels.dot4(rowI + j0, out.base + j0 * n + j0, out.base + (j0 + 1) * n + j0, out.base + (j0 + 2) * n + j0, out.base + (j0 + 3) * n + j0, length)
                            } else {
                                for c in 0..<count { d[c] = Kernels.dot(rowI + j0, out.base + (j0 + c) * n + j0, length) }
                            }
                            for c in 0..<count where i >= j0 + c {
                                let delta: Float = i == j0 + c ? 1 : 0
                                out[(j0 + c) * n + i] = (delta - d[c]) / rowI[i]
                            }
                        }
                    }
                }
            }
        }
        // G⁻¹[i][j] = Σ_{k ≥ max(i,j)} M[k][i]·M[k][j] = dot(Mt[i][j…], Mt[j][j…]) for i ≤ j.
        var inverse = [Float](repeating: 0, count: n * n)
        mt.withUnsafeBufferPointer { mtBuffer in
            let mtBase = mtBuffer.baseAddress!
            inverse.withUnsafeMutableBufferPointer { invBuffer in
                let out = SharedBuffer(invBuffer)  // each chunk owns rows j (and writes their mirror only below the diagonal of its own rows)
                Parallel.forEachChunk(count: (n + 3) / 4, chunkSize: 1, threads: threads) { range in
                    for group in range {
                        let j0 = group * 4
                        let count = min(4, n - j0)
                        // Rows j0..<j0+count of the upper triangle: entries (i, j) with i ≤ j.
                        for i in 0..<(j0 + count) {
                            let start = max(i, j0)
                            if count == 4 && i <= j0 {
                                let d = Kernels.dot4(
                                    mtBase + i * n + j0, mtBase + j0 * n + j0, mtBase + (j0 + 1) * n + j0,
                                    mtBase + (j0 + 2) * n + j0, mtBase + (j0 + 3) * n + j0, n - j0)
                                for c in 0..<4 { out[(j0 + c) * n + i] = d[c] }
                            } else {
                                for c in 0..<count where j0 + c >= i {
                                    let j = j0 + c
                                    let from = max(start, j)
                                    out[j * n + i] = Kernels.dot(mtBase + i * n + from, mtBase + j * n + from, n - from)
                                }
                            }
                        }
                    }
                }
            }
        }
        // Rows j hold G⁻¹[j][i] for i ≤ j; mirror to the upper triangle.
        for j in 0..<n { for i in 0..<j { inverse[i * n + j] = inverse[j * n + i] } }
        return inverse
    }

    /// Solves the small dense system A·x = b (A symmetric positive definite, k×k) in Double.
    /// Used for fold-in solves and exact ALS explanations; returns nil when A is singular.
    public static func solveSmall(_ a: [Double], _ b: [Double], k: Int) -> [Double]? {
        guard let l = factorSmall(a, k: k) else { return nil }
        var y = [Double](repeating: 0, count: k)
        for i in 0..<k {
            var sum = b[i]
            for j in 0..<i { sum -= l[i * k + j] * y[j] }
            y[i] = sum / l[i * k + i]
        }
        var x = [Double](repeating: 0, count: k)
        for i in stride(from: k - 1, through: 0, by: -1) {
            var sum = y[i]
            for j in (i + 1)..<k { sum -= l[j * k + i] * x[j] }
            x[i] = sum / l[i * k + i]
        }
        return x
    }

    /// The lower Cholesky factor of a small k×k matrix in Double, or nil when not positive definite.
    public static func factorSmall(_ a: [Double], k: Int) -> [Double]? {
        var l = [Double](repeating: 0, count: k * k)
        for i in 0..<k {
            for j in 0...i {
                var sum = a[i * k + j]
                for p in 0..<j { sum -= l[i * k + p] * l[j * k + p] }
                if i == j {
                    guard sum > 0 else { return nil }
                    l[i * k + i] = sum.squareRoot()
                } else {
                    l[i * k + j] = sum / l[j * k + j]
                }
            }
        }
        return l
    }
}
