import Linalg
import Stats

/// The outcome regression of ``PropensityWeighting``'s AIPW: for each outcome column, ordinary least squares of the
/// comparisons' outcome on the design, `m̂₀(x) = x'β̂`, `β̂ = (X_C'X_C)⁻¹X_C'y_C` over the comparisons (positive
/// weight, not participants) of the strata where the column is observed.
///
/// One streamed pass over the design forms `X'X` and `X'Y` per chunk of rows within one stratum (`dsyrk`, `dgemm`);
/// a column's normal equations are the sums over the strata it is observed in. Aliased design columns (a start month
/// the column does not observe, a covariate constant among the comparisons) are dropped as R's `lm` drops them
/// (``Linalg/nonAliasedColumns(ofCrossProduct:tolerance:)``), their coefficients 0.
struct ComparisonOutcomeModel<Design: DesignSource>: Sendable {
    let design: Design
    /// Chunks of rows, each within one stratum.
    let chunks: [(stratum: Int, rows: Range<Int>)]
    let rowCount: Int
    /// Per column: the coefficients (`design` order, 0 where aliased), nil when no comparison is observed.
    let coefficients: [[Double]?]

    /// Rows per block expanded from the design at a time.
    static var blockRows: Int { 1024 }

    /// - Parameters:
    ///   - ranges: the strata's row ranges.
    ///   - seen: `seen[s][q]`: whether column `q` is observed in stratum `s`.
    ///   - value: the outcome of row `i` in column `q` (called only where observed).
    init(design: Design, ranges: [Range<Int>], seen: [[Bool]], treated: [Bool], weight: [Double], columnCount q: Int,
         value: @escaping @Sendable (Int, Int) -> Double) throws {
        let p = design.columnNames.count
        let chunks = ranges.enumerated().flatMap { s, r in
            stride(from: r.lowerBound, to: r.upperBound, by: RowBlocks.chunkRows).map { (stratum: s, rows: $0..<min($0 + RowBlocks.chunkRows, r.upperBound)) }
        }
        var grams = [Double](repeating: 0, count: chunks.count * p * p)
        var products = [Double](repeating: 0, count: chunks.count * p * q)
        grams.withUnsafeMutableBufferPointer { g in products.withUnsafeMutableBufferPointer { b in
            let gram = SharedPointer(g.baseAddress!), product = SharedPointer(b.baseAddress!)
            RowBlocks.forEach(chunks.map(\.rows)) { c, range in
                let s = chunks[c].stratum
                let block = Self.blockRows
                var x = [Double](repeating: 0, count: block * p), y = [Double](repeating: 0, count: block * q)
                x.withUnsafeMutableBufferPointer { xb in y.withUnsafeMutableBufferPointer { yb in
                    let x = xb.baseAddress!, y = yb.baseAddress!
                    var r0 = range.lowerBound, first = true
                    while r0 < range.upperBound {
                        let m = min(block, range.upperBound - r0)
                        design.fill(rows: r0..<(r0 + m), into: x)
                        for i in 0..<m {
                            let row = r0 + i
                            let comparison = !treated[row] && weight[row] > 0
                            if !comparison { for j in 0..<p { x[i + j * m] = 0 } }
                            for k in 0..<q { y[i + k * m] = comparison && seen[s][k] ? value(row, k) : 0 }
                        }
                        BLAS.crossProductUpper(x, rows: m, columns: p, leadingDimension: m, into: gram.base + c * p * p,
                                               beta: first ? 0 : 1)
                        BLAS.multiply(x, rows: p, inner: m, leadingDimension: m, transposeA: true, y, columns: q,
                                      leadingDimension: m, into: product.base + c * p * q, leadingDimension: p,
                                      beta: first ? 0 : 1)
                        first = false
                        r0 += m
                    }
                } }
            }
        } }
        coefficients = try (0..<q).map { k in
            var a = Matrix(rows: p, columns: p)
            var b = [Double](repeating: 0, count: p)
            for (c, chunk) in chunks.enumerated() where seen[chunk.stratum][k] {
                for j in 0..<p {
                    for i in 0...j { a[i, j] += grams[c * p * p + i + j * p] }
                    b[j] += products[c * p * q + k * p + j]
                }
            }
            a.symmetrizeFromUpper()
            let kept = nonAliasedColumns(ofCrossProduct: a)
            guard !kept.isEmpty else { return nil }
            var reduced = Matrix(rows: kept.count, columns: kept.count)
            for (u, i) in kept.enumerated() { for (v, j) in kept.enumerated() { reduced[u, v] = a[i, j] } }
            let solution = try CholeskyFactorization(reduced).solve(kept.map { b[$0] })
            var beta = [Double](repeating: 0, count: p)
            for (u, j) in kept.enumerated() { beta[j] = solution[u] }
            return beta
        }
        self.design = design
        self.chunks = chunks
        rowCount = weight.count
    }

    /// Whether column `q` has an outcome model.
    func hasFit(_ q: Int) -> Bool { coefficients[q] != nil }

    /// `x'β̂` of every row for the chosen columns, column-major (`rowCount × columns.count`); 0 for a column without a fit.
    func fittedValues(columns: [Int]) -> [Double] {
        let p = design.columnNames.count, g = columns.count, n = rowCount
        let beta = columns.flatMap { coefficients[$0] ?? [Double](repeating: 0, count: p) }
        var fitted = [Double](repeating: 0, count: n * g)
        fitted.withUnsafeMutableBufferPointer { f in
            let out = SharedPointer(f.baseAddress!)
            RowBlocks.forEach(chunks.map(\.rows)) { _, range in
                let block = Self.blockRows
                var x = [Double](repeating: 0, count: block * p)
                x.withUnsafeMutableBufferPointer { xb in beta.withUnsafeBufferPointer { bb in
                    var r0 = range.lowerBound
                    while r0 < range.upperBound {
                        let m = min(block, range.upperBound - r0)
                        design.fill(rows: r0..<(r0 + m), into: xb.baseAddress!)
                        BLAS.multiply(xb.baseAddress!, rows: m, inner: p, leadingDimension: m, transposeA: false,
                                      bb.baseAddress!, columns: g, leadingDimension: p, into: out.base + r0,
                                      leadingDimension: n)
                        r0 += m
                    }
                } }
            }
        }
        return fitted
    }
}
