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
/// sandwich meat) run on contiguous columns. The normal equations lose accuracy as `cond(X)²·ε`, where `cond` is the
/// condition number after scaling the columns to unit norm (van der Sluis 1969); when that estimate (`dpocon` on the
/// scaled `X'WX`) exceeds 1e6, one refinement step restores the accuracy of a QR solution, at the cost of two
/// `dgemv` passes. Well-conditioned designs skip it.
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
    /// `cond₁(D·A·D)` with `D = diag(A)^(−1/2)`: the condition of the normal equations after column scaling.
    static func scaledConditionNumber(_ a: Matrix) -> Double {
        let p = a.rows
        guard p > 0 else { return 1 }
        var scaled = a
        let d = (0..<p).map { 1 / a[$0, $0].squareRoot() }
        for j in 0..<p { for i in 0..<p { scaled[i, j] *= d[i] * d[j] } }
        var norm1 = 0.0
        for j in 0..<p { norm1 = max(norm1, (0..<p).reduce(0) { $0 + abs(scaled[$1, j]) }) }
        guard let chol = try? CholeskyFactorization(scaled) else { return .infinity }
        let rcond = chol.reciprocalCondition(norm1: norm1)
        return rcond > 0 ? 1 / rcond : .infinity
    }

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
        if refine && k > 0 && scaledConditionNumber(xtxKept) > 1e6 {
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
