import Linalg

/// The weighted least-squares solution on an augmented design `[X | y]`, by `X'WX` and Cholesky.
///
/// ```
/// [X y]ᵀ W [X y] = ⎡X'WX  X'Wy⎤      (one dsyrk pass over the data)
///                  ⎣ ·    y'Wy⎦
/// β = (X'WX)⁻¹ X'Wy,   then one step of iterative refinement: β ← β + (X'WX)⁻¹ X'W(y − Xβ)
/// ```
/// Aliased columns are found in model order (``nonAliasedColumns(ofCrossProduct:tolerance:)``), reported as NaN
/// coefficients like R's `NA`, and removed from the design in place before the solve, so that later passes (residuals,
/// sandwich meat) run on contiguous columns. The refinement step restores the accuracy of a QR solution (error of
/// order `cond(X)·ε` rather than `cond(X)²·ε`) at the cost of one `dgemv` pass.
struct LeastSquaresSolution {
    /// Indices (into the original columns) of the columns kept.
    var kept: [Int]
    /// Coefficients of the kept columns.
    var beta: [Double]
    /// The Cholesky factorization of `X'WX` over the kept columns.
    var cholesky: CholeskyFactorization
    /// `y − Xβ` (response scale, unweighted).
    var residuals: [Double]
}

enum LeastSquares {
    /// Removes the columns not in `kept` from the first `p` columns of `a`, keeping the last column (the response)
    /// last. Works in place; `a` keeps its storage, its column count becomes `kept.count + 1`.
    static func compact(_ a: inout Matrix, keeping kept: [Int]) {
        let n = a.rows
        let p = a.columns - 1
        guard kept.count < p else { return }
        let order = kept + [p]
        a.storage.withUnsafeMutableBufferPointer { buf in
            for (target, source) in order.enumerated() where target != source {
                (buf.baseAddress! + target * n).update(from: buf.baseAddress! + source * n, count: n)
            }
        }
        a.storage.removeLast((p - kept.count) * n)
        a = Matrix(rows: n, columns: kept.count + 1, columnMajor: a.storage)
    }

    /// Solves the weighted least-squares problem on the augmented design. `a` is compacted in place when columns
    /// are aliased. `rowScale` are the weights `W` (nil: identity).
    static func solve(
        _ a: inout Matrix, rowScale: [Double]?, aliasTolerance: Double = 1e-10, refine: Bool = true
    ) throws -> LeastSquaresSolution {
        let n = a.rows
        let p = a.columns - 1
        let full: Matrix = a.storage.withUnsafeBufferPointer { ap in
            if let rowScale {
                return rowScale.withUnsafeBufferPointer { CrossProduct.gram(ap.baseAddress!, rows: n, columns: p + 1, rowScale: $0.baseAddress!) }
            }
            return CrossProduct.gram(ap.baseAddress!, rows: n, columns: p + 1)
        }
        let xtx = full.selecting(rows: Array(0..<p), columns: Array(0..<p))
        let kept = nonAliasedColumns(ofCrossProduct: xtx, tolerance: aliasTolerance)
        let k = kept.count
        let xtxKept = full.selecting(rows: kept, columns: kept)
        var xty = kept.map { full[$0, p] }
        if k < p { compact(&a, keeping: kept) }
        let cholesky = try CholeskyFactorization(xtxKept)
        var beta = cholesky.solve(xty)
        var residuals = [Double](repeating: 0, count: n)
        a.storage.withUnsafeBufferPointer { ap in
            residuals.withUnsafeMutableBufferPointer { rp in
                CrossProduct.residuals(ap.baseAddress!, rows: n, columns: k, coefficients: beta,
                                       response: ap.baseAddress! + k * n, into: rp.baseAddress!)
            }
        }
        if refine && k > 0 {
            // X'W r, then the correction δ; residuals are updated only when δ is not negligible.
            var wr = residuals
            if let rowScale { for i in 0..<n { wr[i] *= rowScale[i] } }
            xty = a.storage.withUnsafeBufferPointer { ap in
                wr.withUnsafeBufferPointer { CrossProduct.transposeTimes(ap.baseAddress!, rows: n, columns: k, $0.baseAddress!) }
            }
            let delta = cholesky.solve(xty)
            let scale = beta.map(abs).max() ?? 0
            if delta.contains(where: { abs($0) > 1e-15 * scale }) {
                for j in 0..<k { beta[j] += delta[j] }
                a.storage.withUnsafeBufferPointer { ap in
                    residuals.withUnsafeMutableBufferPointer { rp in
                        CrossProduct.residuals(ap.baseAddress!, rows: n, columns: k, coefficients: beta,
                                               response: ap.baseAddress! + k * n, into: rp.baseAddress!)
                    }
                }
            }
        }
        return LeastSquaresSolution(kept: kept, beta: beta, cholesky: cholesky, residuals: residuals)
    }
}
