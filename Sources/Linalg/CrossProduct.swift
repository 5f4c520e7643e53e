/// Cross products of a tall column-major matrix, formed chunk by chunk with `dsyrk` (see ``RowBlocks``).
public enum CrossProduct {
    /// Rows per scaled copy when weights are given: the copy lives in a small per-chunk buffer, never a copy of `X`.
    static let scaledBlockRows = 2048

    /// `XᵀDX` for the first `columns` columns of an `n × ldColumns` column-major matrix with leading dimension `n`,
    /// where `D = diag(d)` when `rowScale` (`d_i ≥ 0`) is given and `I` otherwise. Both triangles are filled.
    ///
    /// Unweighted chunks call `dsyrk` on the chunk in place; weighted chunks copy `√d_i·x_i` into a buffer of
    /// ``scaledBlockRows`` rows first. Partials are added in chunk order (deterministic for any thread count).
    ///
    /// - Complexity: `n·p²` flops; `O(p² · n / chunkRows)` extra memory.
    public static func gram(
        _ x: UnsafePointer<Double>, rows n: Int, columns p: Int, rowScale: UnsafePointer<Double>? = nil
    ) -> Matrix {
        let chunks = RowBlocks.chunks(rows: n)
        var partials = [Double](repeating: 0, count: max(chunks.count, 1) * p * p)
        let xs = SharedConstPointer(x)
        let ws = rowScale.map { SharedConstPointer($0) }
        partials.withUnsafeMutableBufferPointer { pp in
            let out = SharedPointer(pp.baseAddress!)
            RowBlocks.forEachChunk(rows: n) { k, range in
                let c = out.base + k * p * p
                if let ws {
                    let blockRows = scaledBlockRows
                    var buffer = [Double](repeating: 0, count: blockRows * p)
                    var roots = [Double](repeating: 0, count: blockRows)
                    var first = true
                    buffer.withUnsafeMutableBufferPointer { bp in roots.withUnsafeMutableBufferPointer { rb in
                        var r0 = range.lowerBound
                        while r0 < range.upperBound {
                            let m = min(blockRows, range.upperBound - r0)
                            for i in 0..<m { rb[i] = ws.base[r0 + i].squareRoot() }
                            for j in 0..<p {
                                let src = xs.base + j * n + r0
                                let dst = bp.baseAddress! + j * m
                                for i in 0..<m { dst[i] = src[i] * rb[i] }
                            }
                            BLAS.crossProductUpper(bp.baseAddress!, rows: m, columns: p, leadingDimension: m,
                                                   into: c, beta: first ? 0 : 1)
                            first = false
                            r0 += m
                        }
                    } }
                } else {
                    BLAS.crossProductUpper(xs.base + range.lowerBound, rows: range.count, columns: p,
                                           leadingDimension: n, into: c)
                }
            }
        }
        var g = Matrix(rows: p, columns: p)
        for k in 0..<chunks.count {
            for j in 0..<p { for i in 0...j { g[i, j] += partials[k * p * p + i + j * p] } }
        }
        g.symmetrizeFromUpper()
        return g
    }

    /// `Xᵀv` for the first `columns` columns (deterministic chunked `dgemv`).
    public static func transposeTimes(
        _ x: UnsafePointer<Double>, rows n: Int, columns p: Int, _ v: UnsafePointer<Double>
    ) -> [Double] {
        let chunks = RowBlocks.chunks(rows: n)
        var partials = [Double](repeating: 0, count: max(chunks.count, 1) * p)
        let xs = SharedConstPointer(x)
        let vs = SharedConstPointer(v)
        partials.withUnsafeMutableBufferPointer { pp in
            let out = SharedPointer(pp.baseAddress!)
            RowBlocks.forEachChunk(rows: n) { k, range in
                BLAS.multiplyVector(xs.base + range.lowerBound, rows: range.count, columns: p, leadingDimension: n,
                                    transpose: true, vs.base + range.lowerBound, into: out.base + k * p)
            }
        }
        var result = [Double](repeating: 0, count: p)
        for k in 0..<chunks.count { for j in 0..<p { result[j] += partials[k * p + j] } }
        return result
    }

    /// `out ← y − Xβ` (or `Xβ` when `y` is nil) for the first `columns` columns, in parallel chunks.
    public static func residuals(
        _ x: UnsafePointer<Double>, rows n: Int, columns p: Int, coefficients beta: [Double],
        response y: UnsafePointer<Double>?, into out: UnsafeMutablePointer<Double>
    ) {
        let xs = SharedConstPointer(x)
        let ys = y.map { SharedConstPointer($0) }
        let os = SharedPointer(out)
        beta.withUnsafeBufferPointer { bp in
            let bs = SharedConstPointer(bp.baseAddress!)
            RowBlocks.forEachChunk(rows: n) { _, range in
                let o = os.base + range.lowerBound
                if let ys {
                    for i in 0..<range.count { o[i] = ys.base[range.lowerBound + i] }
                    BLAS.multiplyVector(xs.base + range.lowerBound, rows: range.count, columns: p, leadingDimension: n,
                                        bs.base, into: o, alpha: -1, beta: 1)
                } else {
                    BLAS.multiplyVector(xs.base + range.lowerBound, rows: range.count, columns: p, leadingDimension: n,
                                        bs.base, into: o)
                }
            }
        }
    }
}
