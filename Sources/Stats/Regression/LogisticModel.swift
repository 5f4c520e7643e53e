import Foundation
import Linalg

/// Logistic regression (binomial family, logit link) by iteratively reweighted least squares.
///
/// Each iteration solves the weighted least-squares problem
/// ```
/// Wᵢ = wᵢ μᵢ(1 − μᵢ),   zᵢ = ηᵢ + (yᵢ − μᵢ)/(μᵢ(1 − μᵢ)),   β ← (X'WX)⁻¹X'Wz
/// ```
/// with `X'WX` from `dsyrk` (the working response takes the design's spare column, so no buffer is reallocated),
/// starting as R's `glm` does from `μᵢ = (wᵢyᵢ + ½)/(wᵢ + 1)` and stopping when
/// `|D − D_old|/(|D| + 0.1) < tolerance` for the deviance `D = −2 Σ wᵢ[yᵢ log μᵢ + (1 − yᵢ) log(1 − μᵢ)]`
/// (McCullagh & Nelder 1989, §2.5; R's `glm.fit`). As in `glm`, the covariance `(X'WX)⁻¹` uses the working weights
/// of the last iteration's solve (computed from the μ before the final update), and sandwich's scores combine them
/// with the final working residuals; with the same tolerance as `glm.control(epsilon)` the iterations, and so the
/// standard errors, are R's. Perfect or quasi-perfect separation (fitted probabilities of 0 or 1, Albert &
/// Anderson 1984) is an error naming the variable whose coefficient diverges.
public struct LogisticModel: Sendable {
    /// The model formula (no absorbed effects).
    public var formula: Formula
    /// A column of non-negative prior weights; nil: all 1.
    public var weights: String?
    /// Columns kept with the fit for later cluster-robust inference.
    public var clusterVariables: [String]
    /// R's `glm.control(epsilon)`; the default is tighter than R's 1e−8 so estimates agree to ~1e−10.
    public var tolerance: Double = 1e-12
    /// The most IRLS iterations (R's `glm.control(maxit)` is 25).
    public var maxIterations: Int = 50

    /// A specification from a parsed formula, an optional prior-weight column and the cluster columns to carry.
    public init(formula: Formula, weights: String? = nil, clusterVariables: [String] = []) {
        self.formula = formula
        self.weights = weights
        self.clusterVariables = clusterVariables
    }

    /// A specification from formula text such as `treat ~ age + factor(region)`.
    ///
    /// - Throws: when the formula does not parse.
    public init(_ formula: String, weights: String? = nil, clusterVariables: [String] = []) throws {
        self.init(formula: try Formula(formula), weights: weights, clusterVariables: clusterVariables)
    }

    /// Fits the logit to the rows of `table` complete in every variable used, by the IRLS above (McCullagh & Nelder
    /// 1989; R's `glm(family = binomial)`):
    /// ```
    /// μᵢ = 1 / (1 + exp(−xᵢ'β)),   maximizing  Σ wᵢ[yᵢ log μᵢ + (1 − yᵢ) log(1 − μᵢ)]
    /// ```
    /// - Throws: ``DataError`` when the formula absorbs fixed effects, the response is not 0/1 (located at its file
    ///   line), or a coefficient diverges (separation).
    public func fit(_ table: DataTable) throws -> RegressionFit {
        guard formula.absorbed.isEmpty else {
            throw DataError("absorbed fixed effects are not supported in the logit; use factor() terms instead")
        }
        let frame = try ModelFrame(formula: formula, table: table, weights: weights, carrying: clusterVariables)
        let y = frame.response
        if let bad = y.firstIndex(where: { $0 != 0 && $0 != 1 }) {
            let row = frame.rowsUsed[bad]
            throw DataError(file: table.fileName, line: table.line(ofRow: row), column: frame.responseName,
                            "expected 0 or 1 for the logit's response, found \(formatShortest(y[bad]))")
        }
        do {
            return try fit(frame)
        } catch var error as DataError where error.file == nil {
            error.file = table.fileName
            throw error
        }
    }

    /// Fits a prepared frame (e.g. a design already in memory); its storage is reused for the working response.
    public func fit(_ frame: consuming ModelFrame) throws -> RegressionFit {
        var frame = frame
        let n = frame.rowCount
        let y = frame.response
        if let bad = y.firstIndex(where: { $0 != 0 && $0 != 1 }) {
            throw DataError(column: frame.responseName,
                            "expected 0 or 1 for the logit's response, found \(formatShortest(y[bad])) in row \(bad + 1)")
        }
        var notes = missingValueNotes(frame)
        let prior = frame.weights ?? [Double](repeating: 1, count: n)
        let names = frame.columnNames
        let p = names.count

        // glm's start: μ = (w·y + ½)/(w + 1), η = logit(μ).
        var mu = (0..<n).map { (prior[$0] * y[$0] + 0.5) / (prior[$0] + 1) }
        var eta = mu.map { log($0 / (1 - $0)) }
        var working = [Double](repeating: 0, count: n)
        var devianceOld = deviance(y, mu, prior)
        var solution: LeastSquaresSolution? = nil
        var firstKept: [Int] = []
        var extremeBeforeAliasing = 0   // fitted probabilities of 0 or 1 when a column was aliased in a later solve
        var iterations = 0
        var converged = false
        var dev = devianceOld
        while iterations < maxIterations {
            iterations += 1
            let k = frame.augmented.columns - 1
            frame.augmented.storage.withUnsafeMutableBufferPointer { buf in
                workingResponse(z: buf.baseAddress! + k * n, working: &working, eta: eta, mu: mu, y: y, prior: prior)
            }
            let keptBefore = frame.augmented.columns - 1
            let extremeBefore = solution == nil ? 0 : eta.filter { !(abs($0) <= 20) }.count
            let s = try LeastSquares.solve(&frame.augmented, rowScale: working)
            if s.kept.count < keptBefore { extremeBeforeAliasing = max(extremeBeforeAliasing, extremeBefore) }
            // Linear predictor η = Xβ = z − (z − Xβ), from the residuals the solve already computed.
            frame.augmented.storage.withUnsafeBufferPointer { ap in
                let z = ap.baseAddress! + s.kept.count * n
                for i in 0..<n { eta[i] = z[i] - s.residuals[i] }
            }
            // Aliased columns were removed from the design: later iterations see only the kept ones.
            if let previous = solution, s.kept.count == previous.kept.count {
                solution = LeastSquaresSolution(kept: previous.kept, beta: s.beta, cholesky: s.cholesky, residuals: s.residuals)
            } else if let previous = solution {
                solution = LeastSquaresSolution(kept: s.kept.map { previous.kept[$0] }, beta: s.beta,
                                                cholesky: s.cholesky, residuals: s.residuals)
            } else {
                solution = s
                firstKept = s.kept
            }
            dev = updateMeans(eta: eta, y: y, prior: prior, mu: &mu)
            if abs(dev - devianceOld) / (abs(dev) + 0.1) < tolerance {
                converged = true
                break
            }
            devianceOld = dev
        }
        let fit = solution!
        let k = fit.kept.count
        // As R's glm and sandwich: the bread (X'WX)⁻¹ and the working weights W of the last iteration's solve, the
        // working residuals (y − μ̂)/(μ̂(1 − μ̂)) of the final μ̂; the score is their product times xᵢ.
        var scoreFactors = [Double](repeating: 0, count: n)
        for i in 0..<n {
            let variance: Double = max(mu[i] * (1 - mu[i]), 1e-300)
            scoreFactors[i] = (y[i] - mu[i]) / variance * working[i]
        }
        var coefficients = [Double](repeating: .nan, count: p)
        for (kk, j) in fit.kept.enumerated() { coefficients[j] = fit.beta[kk] }

        let extreme = max(eta.filter { !(abs($0) <= 20) }.count, extremeBeforeAliasing)
        let design = frame.augmented
        // A column kept in the first solve but aliased in a later one: the working weights have piled onto the rows
        // where it does not vary, as under quasi-complete separation, while its coefficient ran off.
        let lateAliased = firstKept.filter { !fit.kept.contains($0) }.map { names[$0] }
        if let note = try separationCheck(extreme: extreme, coefficients: coefficients, names: names, kept: fit.kept,
                                          converged: converged, lateAliased: lateAliased, standardDeviation: { kk in
            // The column's standard deviation, read in place (no copy of a column as long as the data).
            design.storage.withUnsafeBufferPointer { buffer in
                let rows = design.rows
                let column = UnsafeBufferPointer(rebasing: buffer[(kk * rows)..<((kk + 1) * rows)])
                let mean = column.reduce(0, +) / Double(rows)
                return (column.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(max(rows - 1, 1))).squareRoot()
            }
        }) {
            notes.append(note)
        }
        if !converged {
            notes.append("IRLS did not converge in \(maxIterations) iterations")
        }
        if k < p {
            let dropped = (0..<p).filter { !fit.kept.contains($0) }.map { names[$0] }
            notes.append("\(dropped.count) \(dropped.count == 1 ? "coefficient" : "coefficients") not defined because of "
                         + "singularities (collinear with earlier terms): " + dropped.joined(separator: ", "))
        }
        let sumW = prior.reduce(0, +)
        let mu0 = frame.hasIntercept ? weightedSum(y, prior) / sumW : 0.5
        let nullDev = deviance(y, [Double](repeating: mu0, count: n), prior)
        let logLik = -dev / 2
        let df = n - k
        let stats = FitStatistics(
            residualSumOfSquares: weightedSum(zip(y, mu).map { ($0 - $1) * ($0 - $1) }, prior), rSquared: nil,
            adjustedRSquared: nil, withinRSquared: nil, fStatistic: nil, sigma: nil, logLikelihood: logLik,
            aic: dev + 2 * Double(k), bic: dev + log(Double(n)) * Double(k), deviance: dev, nullDeviance: nullDev,
            iterations: iterations, converged: converged)
        let residuals = zip(y, mu).map { $0 - $1 }
        return RegressionFit(
            estimator: .logit, formula: formula, responseName: frame.responseName, columnNames: names,
            keptColumns: fit.kept, coefficients: coefficients, residuals: residuals, fittedValues: mu,
            weights: frame.weights, observationCount: n, droppedMissing: frame.droppedMissing,
            hasIntercept: frame.hasIntercept, residualDegreesOfFreedom: df, statistics: stats, absorbed: [], notes: notes,
            design: frame.augmented, workingWeights: working, scoreFactors: scoreFactors,
            cholesky: fit.cholesky, clusters: frame.carried.mapValues(GroupCodes.init))
    }

    /// Separation shows as coefficients running off to ±∞: fitted probabilities of 0 or 1 (`extreme` linear
    /// predictors beyond ±20) together with a standardized coefficient `|β_j|·sd(x_j)` above 10 (no real effect is
    /// that large), or IRLS failing to converge; or a column aliased only in a later iteration (`lateAliased`: the
    /// working weights of the other rows vanished, so it is that column that diverges). Extreme fitted probabilities
    /// alone are only noted, as R's `glm` warns "fitted probabilities numerically 0 or 1 occurred".
    /// `standardDeviation(kk)` gives the SD of the kk-th kept column.
    func separationCheck(
        extreme: Int, coefficients: [Double], names: [String], kept: [Int], converged: Bool, lateAliased: [String] = [],
        standardDeviation: (Int) -> Double
    ) throws -> String? {
        guard extreme > 0 || !lateAliased.isEmpty else { return nil }
        var worst: (name: String, size: Double)? = nil
        for (kk, j) in kept.enumerated() where names[j] != "(Intercept)" {
            let size = abs(coefficients[j]) * standardDeviation(kk)
            if size > (worst?.size ?? -1) { worst = (names[j], size) }
        }
        if let name = lateAliased.first(where: { $0 != "(Intercept)" }) { worst = (name, .infinity) }
        guard !converged || (worst?.size ?? 0) > 10 else {
            return "fitted probabilities numerically 0 or 1 occurred for \(extreme) \(extreme == 1 ? "observation" : "observations")"
        }
        throw DataError(column: worst?.name,
                        "perfect or quasi-perfect separation: \(extreme) \(extreme == 1 ? "observation has" : "observations have") "
                        + "a fitted probability of 0 or 1\(converged ? "" : " and IRLS did not converge"); "
                        + "the coefficient of \(worst.map { "'\($0.name)'" } ?? "a variable") diverges. "
                        + "Remove or merge the variable or categories that predict the outcome perfectly.")
    }
}

@inline(__always)
func logistic(_ eta: Double) -> Double {
    eta >= 0 ? 1 / (1 + exp(-eta)) : exp(eta) / (1 + exp(eta))
}

/// `W = w·μ(1 − μ)` and the working response `z = η + (y − μ)/(μ(1 − μ))`, in parallel chunks.
func workingResponse(z: UnsafeMutablePointer<Double>, working: inout [Double], eta: [Double], mu: [Double], y: [Double], prior: [Double]) {
    let n = y.count
    let zs = SharedPointer(z)
    working.withUnsafeMutableBufferPointer { wb in
        let ws = SharedPointer(wb.baseAddress!)
        eta.withUnsafeBufferPointer { e in mu.withUnsafeBufferPointer { m in y.withUnsafeBufferPointer { yy in prior.withUnsafeBufferPointer { pr in
            let es = SharedConstPointer(e.baseAddress!), ms = SharedConstPointer(m.baseAddress!)
            let ys = SharedConstPointer(yy.baseAddress!), ps = SharedConstPointer(pr.baseAddress!)
            RowBlocks.forEachChunk(rows: n) { _, range in
                for i in range {
                    // Floored at ε as R's binomial()$mu.eta is: beyond |η| ≈ 37 μ rounds to exactly 1, and
                    // (y − μ)/0 would turn the whole solve into NaN under complete separation.
                    let v = Swift.max(ms.base[i] * (1 - ms.base[i]), Double.ulpOfOne)
                    ws.base[i] = ps.base[i] * v
                    zs.base[i] = es.base[i] + (ys.base[i] - ms.base[i]) / v
                }
            }
        } } } }
    }
}

/// `μ = logistic(η)` and the deviance, in parallel chunks whose partial sums are added in chunk order.
func updateMeans(eta: [Double], y: [Double], prior: [Double], mu: inout [Double]) -> Double {
    let n = y.count
    let chunks = RowBlocks.chunks(rows: n)
    var partial = [Double](repeating: 0, count: max(chunks.count, 1))
    mu.withUnsafeMutableBufferPointer { mb in partial.withUnsafeMutableBufferPointer { pb in
        let ms = SharedPointer(mb.baseAddress!), out = SharedPointer(pb.baseAddress!)
        eta.withUnsafeBufferPointer { e in y.withUnsafeBufferPointer { yy in prior.withUnsafeBufferPointer { pr in
            let es = SharedConstPointer(e.baseAddress!), ys = SharedConstPointer(yy.baseAddress!), ps = SharedConstPointer(pr.baseAddress!)
            RowBlocks.forEachChunk(rows: n) { k, range in
                var d = 0.0
                for i in range {
                    let m = logistic(es.base[i])
                    ms.base[i] = m
                    let c = min(max(m, 1e-300), 1 - 1e-16)
                    d -= 2 * ps.base[i] * (ys.base[i] == 1 ? log(c) : log1p(-c))
                }
                out.base[k] = d
            }
        } } }
    } }
    return partial.reduce(0, +)
}

/// The binomial deviance for 0/1 responses.
func deviance(_ y: [Double], _ mu: [Double], _ w: [Double]) -> Double {
    var d = 0.0
    for i in y.indices {
        let m = min(max(mu[i], 1e-300), 1 - 1e-16)
        d -= 2 * w[i] * (y[i] == 1 ? log(m) : log1p(-m))
    }
    return d
}
