import Foundation
import Linalg

/// The estimates of a logit fitted on a ``DesignSource``: what a propensity score needs, without the design.
public struct StreamedLogitFit: Sendable {
    public var columnNames: [String]
    /// NaN for aliased columns.
    public var coefficients: [Double]
    /// `μ̂ᵢ = logistic(xᵢ'β̂)`.
    public var fittedValues: [Double]
    public var deviance: Double
    public var iterations: Int
    public var converged: Bool
    public var notes: [String]
}

extension LogisticModel {
    /// The logit of a 0/1 response (unit weights) on a design streamed in blocks: each IRLS iteration is one pass
    /// that fills blocks of ``blockRows`` rows, computes `η = Xβ`, `μ`, the deviance and the working weights, and
    /// accumulates `X'WX` (`dsyrk` on `√W·X`) and the score `X'(y − μ)` — the design is never held as a whole.
    ///
    /// The iterates are glm's: the first solve starts from `μ = (y + ½)/2` in the working-response form
    /// `β₁ = (X'WX)⁻¹X'Wz`; later ones take the Newton step `β ← β + (X'WX)⁻¹X'(y − μ)` (the same iterate written as a
    /// correction, so the rounding of the solve scales with the step, not with `β`); iteration stops when
    /// `|D − D_old|/(|D| + 0.1) < tolerance`. With `start`, the first pass evaluates `η = X·start` instead (glm's
    /// `start =`). Aliased columns are found on the first `X'WX` in column order, as ``fit(_:)-(ModelFrame)`` does,
    /// and separation is reported the same way.
    public func fit(_ design: some DesignSource, response y: [Bool], start: [Double]? = nil) throws -> StreamedLogitFit {
        let n = design.rowCount, p = design.columnNames.count
        precondition(y.count == n && (start?.count ?? p) == p)
        var fitted = [Double](repeating: 0, count: n)
        var beta = start
        var pass = streamedPass(design, y, beta, &fitted)
        var kept: [Int]
        var devianceOld = pass.deviance
        var iterations = 0
        var converged = false
        if beta == nil {
            kept = nonAliasedColumns(ofCrossProduct: pass.gram, tolerance: 1e-10)
            let cholesky = try CholeskyFactorization(pass.gram.selecting(rows: kept, columns: kept))
            let solution = cholesky.solve(kept.map { pass.vector[$0] })
            var b = [Double](repeating: 0, count: p)
            for (kk, j) in kept.enumerated() { b[j] = solution[kk] }
            beta = b
            iterations = 1
            pass = streamedPass(design, y, beta, &fitted)
        } else {
            kept = nonAliasedColumns(ofCrossProduct: pass.gram, tolerance: 1e-10)
            // An aliased column takes no part in the fit: a start value for it would linger in η.
            let aliased = (0..<p).filter { !kept.contains($0) && beta![$0] != 0 }
            if !aliased.isEmpty {
                for j in aliased { beta![j] = 0 }
                pass = streamedPass(design, y, beta, &fitted)
                devianceOld = pass.deviance
            }
        }
        while true {
            if iterations > 0 && abs(pass.deviance - devianceOld) / (abs(pass.deviance) + 0.1) < tolerance {
                converged = true
                break
            }
            guard iterations < maxIterations else { break }
            devianceOld = pass.deviance
            guard let cholesky = try? CholeskyFactorization(pass.gram.selecting(rows: kept, columns: kept)) else {
                // Fitted probabilities near 0 or 1 take their rows out of X'WX, and a column can become collinear with
                // earlier ones under the new weights: drop it (at 0) for the rest of the fit, as glm's pivoted QR does
                // in that iteration, and evaluate the pass again.
                let still = nonAliasedColumns(ofCrossProduct: pass.gram.selecting(rows: kept, columns: kept), tolerance: 1e-7).map { kept[$0] }
                guard still.count < kept.count else { throw LinalgError.notPositiveDefinite(order: kept.count) }
                for j in kept where !still.contains(j) { beta![j] = 0 }
                kept = still
                pass = streamedPass(design, y, beta, &fitted)
                devianceOld = pass.deviance
                continue
            }
            let step = cholesky.solve(kept.map { pass.vector[$0] })
            for (kk, j) in kept.enumerated() { beta![j] += step[kk] }
            iterations += 1
            pass = streamedPass(design, y, beta, &fitted)
        }
        var coefficients = [Double](repeating: .nan, count: p)
        for j in kept { coefficients[j] = beta![j] }
        let names = design.columnNames
        var notes: [String] = []
        let sds = pass.extreme > 0 ? columnStandardDeviations(design) : []
        if let note = try separationCheck(extreme: pass.extreme, coefficients: coefficients, names: names, kept: kept,
                                          converged: converged, standardDeviation: { sds[kept[$0]] }) {
            notes.append(note)
        }
        if !converged { notes.append("IRLS did not converge in \(maxIterations) iterations") }
        if kept.count < p {
            let dropped = (0..<p).filter { !kept.contains($0) }.map { names[$0] }
            notes.append("\(dropped.count) \(dropped.count == 1 ? "coefficient" : "coefficients") not defined because of "
                         + "singularities (collinear with earlier terms): " + dropped.joined(separator: ", "))
        }
        return StreamedLogitFit(columnNames: names, coefficients: coefficients, fittedValues: fitted,
                                deviance: pass.deviance, iterations: iterations, converged: converged, notes: notes)
    }

    /// Rows per block of a streamed pass (the block, `p` columns of doubles, stays in cache).
    static let blockRows = 2048

    /// One pass at `beta` (nil: glm's start `μ = (y + ½)/2`): the deviance, `X'WX`, and `X'(y − μ)` — or `X'Wz` on the
    /// start pass —, the count of `|η| > 20`; `fitted` receives `μ`. Chunk partials are added in chunk order.
    private func streamedPass(
        _ design: some DesignSource, _ y: [Bool], _ beta: [Double]?, _ fitted: inout [Double]
    ) -> (deviance: Double, gram: Matrix, vector: [Double], extreme: Int) {
        let n = design.rowCount, p = design.columnNames.count
        let chunks = RowBlocks.chunks(rows: n)
        // Each chunk's partial: X'WX (upper triangle, p × p), the vector (p), the deviance, the count of |η| > 20.
        let width = p * p + p + 2
        var partials = [Double](repeating: 0, count: chunks.count * width)
        let b = beta ?? []
        partials.withUnsafeMutableBufferPointer { pp in fitted.withUnsafeMutableBufferPointer { fp in
        y.withUnsafeBufferPointer { yp in b.withUnsafeBufferPointer { bp in
            let ps = SharedPointer(pp.baseAddress!)
            let fs = SharedPointer(fp.baseAddress!), ys = SharedConstPointer(yp.baseAddress!)
            let bs = beta == nil ? nil : SharedConstPointer(bp.baseAddress!)
            RowBlocks.forEachChunk(rows: n) { k, range in
                let rows = LogisticModel.blockRows
                let block = UnsafeMutablePointer<Double>.allocate(capacity: rows * p)
                let eta = UnsafeMutablePointer<Double>.allocate(capacity: rows)
                let score = UnsafeMutablePointer<Double>.allocate(capacity: rows)
                defer { block.deallocate(); eta.deallocate(); score.deallocate() }
                let gram = ps.base + k * width, vector = gram + p * p
                var deviance = 0.0, extreme = 0
                var r0 = range.lowerBound
                while r0 < range.upperBound {
                    let m = min(rows, range.upperBound - r0)
                    design.fill(rows: r0..<(r0 + m), into: block)
                    if let bs { BLAS.multiplyVector(block, rows: m, columns: p, leadingDimension: m, bs.base, into: eta) }
                    for i in 0..<m {
                        let yi: Double = ys.base[r0 + i] ? 1 : 0
                        let mu: Double
                        if bs == nil {
                            mu = (yi + 0.5) / 2
                            eta[i] = log(mu / (1 - mu))
                        } else {
                            mu = logistic(eta[i])
                        }
                        if abs(eta[i]) > 20 { extreme += 1 }
                        fs.base[r0 + i] = mu
                        let clamped = min(max(mu, 1e-300), 1 - 1e-16)
                        deviance -= 2 * (yi == 1 ? log(clamped) : log1p(-clamped))
                        let w = mu * (1 - mu)
                        // W·z = w·η + (y − μ) on the start pass; the score y − μ afterwards.
                        score[i] = bs == nil ? w * eta[i] + (yi - mu) : yi - mu
                        eta[i] = w.squareRoot()
                    }
                    BLAS.multiplyVector(block, rows: m, columns: p, leadingDimension: m, transpose: true, score,
                                        into: vector, beta: r0 == range.lowerBound ? 0 : 1)
                    for j in 0..<p {
                        let column = block + j * m
                        for i in 0..<m { column[i] *= eta[i] }
                    }
                    BLAS.crossProductUpper(block, rows: m, columns: p, leadingDimension: m, into: gram,
                                           beta: r0 == range.lowerBound ? 0 : 1)
                    r0 += m
                }
                vector[p] = deviance
                vector[p + 1] = Double(extreme)
            }
        } } } }
        var gram = Matrix(rows: p, columns: p)
        var vector = [Double](repeating: 0, count: p)
        var deviance = 0.0, extreme = 0
        for k in chunks.indices {
            let partial = k * width
            for j in 0..<p {
                vector[j] += partials[partial + p * p + j]
                for i in 0...j { gram[i, j] += partials[partial + i + j * p] }
            }
            deviance += partials[partial + p * p + p]
            extreme += Int(partials[partial + p * p + p + 1])
        }
        gram.symmetrizeFromUpper()
        return (deviance, gram, vector, extreme)
    }

    /// The sample standard deviation of every column (one more pass; only for the separation check).
    private func columnStandardDeviations(_ design: some DesignSource) -> [Double] {
        let n = design.rowCount, p = design.columnNames.count
        var sums = [Double](repeating: 0, count: p), squares = sums
        let block = UnsafeMutablePointer<Double>.allocate(capacity: LogisticModel.blockRows * p)
        defer { block.deallocate() }
        // Sums around the first row's value, to keep the subtraction of large means exact enough.
        design.fill(rows: 0..<min(1, n), into: block)
        let shift = (0..<p).map { n > 0 ? block[$0] : 0 }
        for r0 in stride(from: 0, to: n, by: LogisticModel.blockRows) {
            let m = min(LogisticModel.blockRows, n - r0)
            design.fill(rows: r0..<(r0 + m), into: block)
            for j in 0..<p {
                for i in 0..<m {
                    let d = block[j * m + i] - shift[j]
                    sums[j] += d
                    squares[j] += d * d
                }
            }
        }
        return (0..<p).map { j in
            ((squares[j] - sums[j] * sums[j] / Double(n)) / Double(max(n - 1, 1))).squareRoot()
        }
    }
}

extension LogisticModel {
    /// Starting values for a rare-event logit from a case-control subsample: every case (`y = 1`) and an evenly
    /// spaced `1/k` of the non-cases, fitted, then the intercept shifted by `log f` for the fraction `f` of non-cases
    /// kept — sampling on the outcome changes only the intercept of a logit (Prentice & Pyke 1979; King & Zeng 2001,
    /// "prior correction"). Only the number of full passes depends on the start: the full fit converges to the same
    /// estimates. nil when the subsample would not be much smaller than the data, the design has no intercept, or
    /// the subsample's fit fails (e.g. separation in the subsample alone): the full fit then starts as glm does.
    public func caseControlStart(_ design: some DesignSource, response y: [Bool], controlsPerCase: Int = 20) -> [Double]? {
        let cases = y.filter { $0 }.count, controls = y.count - cases
        guard let intercept = design.columnNames.firstIndex(of: "(Intercept)"), cases > 0,
              cases * (controlsPerCase + 1) * 4 < y.count else { return nil }
        let step = controls / (cases * controlsPerCase)
        var rows: [Int] = [], nonCase = 0, kept = 0
        for i in y.indices {
            if y[i] {
                rows.append(i)
            } else {
                if nonCase % step == 0 { rows.append(i); kept += 1 }
                nonCase += 1
            }
        }
        var model = self
        model.tolerance = max(tolerance, 1e-6)
        guard let sub = try? model.fit(design.materialized(rows: rows), response: rows.map { y[$0] }) else { return nil }
        var start = sub.coefficients.map { $0.isNaN ? 0 : $0 }
        start[intercept] += log(Double(kept) / Double(controls))
        return start
    }
}
