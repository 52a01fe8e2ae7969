/// Vector kernels on raw Float buffers: the inner loops of EASE, ALS and matrix factorisation.
///
/// Written with `SIMD8<Float>` and separate multiply/add (not `addProduct`, which is scalar
/// code on CPUs the baseline target cannot assume have FMA), two accumulators for
/// instruction-level parallelism, and unaligned loads.
public enum Kernels {
    @inline(__always)
    static func load8(_ p: UnsafePointer<Float>) -> SIMD8<Float> {
        UnsafeRawPointer(p).loadUnaligned(as: SIMD8<Float>.self)
    }

    @inline(__always)
    static func store8(_ v: SIMD8<Float>, _ p: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(p).storeBytes(of: v, as: SIMD8<Float>.self)
    }

    /// Σ a[i]·b[i] for i < n.
    @inline(__always)
    public static func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ n: Int) -> Float {
        var acc0 = SIMD8<Float>(repeating: 0)
        var acc1 = SIMD8<Float>(repeating: 0)
        var i = 0
        while i + 16 <= n {
            acc0 += load8(a + i) * load8(b + i)
            acc1 += load8(a + i + 8) * load8(b + i + 8)
            i += 16
        }
        if i + 8 <= n {
            acc0 += load8(a + i) * load8(b + i)
            i += 8
        }
        var sum = (acc0 + acc1).sum()
        while i < n {
            sum += a[i] * b[i]
            i += 1
        }
        return sum
    }

    /// Four dot products of `a` with `b0…b3`, loading `a` once: Σ a[i]·bj[i] for i < n.
    @inline(__always)
    public static func dot4(
        _ a: UnsafePointer<Float>, _ b0: UnsafePointer<Float>, _ b1: UnsafePointer<Float>,
        _ b2: UnsafePointer<Float>, _ b3: UnsafePointer<Float>, _ n: Int
    ) -> SIMD4<Float> {
        var s0 = SIMD8<Float>(repeating: 0), s1 = SIMD8<Float>(repeating: 0)
        var s2 = SIMD8<Float>(repeating: 0), s3 = SIMD8<Float>(repeating: 0)
        var i = 0
        while i + 8 <= n {
            let x = load8(a + i)
            s0 += x * load8(b0 + i)
            s1 += x * load8(b1 + i)
            s2 += x * load8(b2 + i)
            s3 += x * load8(b3 + i)
            i += 8
        }
        var result = SIMD4<Float>(s0.sum(), s1.sum(), s2.sum(), s3.sum())
        while i < n {
            result += a[i] * SIMD4<Float>(b0[i], b1[i], b2[i], b3[i])
            i += 1
        }
        return result
    }

    /// y[i] += alpha·x[i] for i < n.
    @inline(__always)
    public static func axpy(_ alpha: Float, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ n: Int) {
        let a = SIMD8<Float>(repeating: alpha)
        var i = 0
        while i + 8 <= n {
            store8(load8(y + i) + a * load8(x + i), y + i)
            i += 8
        }
        while i < n {
            y[i] += alpha * x[i]
            i += 1
        }
    }

    /// y = A·x for a dense row-major n×n matrix.
    @inline(__always)
    public static func symv(_ a: UnsafePointer<Float>, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ n: Int) {
        var row = 0
        while row + 4 <= n {
            let d = dot4(x, a + row * n, a + (row + 1) * n, a + (row + 2) * n, a + (row + 3) * n, n)
            y[row] = d[0]; y[row + 1] = d[1]; y[row + 2] = d[2]; y[row + 3] = d[3]
            row += 4
        }
        while row < n {
            y[row] = dot(a + row * n, x, n)
            row += 1
        }
    }
}
