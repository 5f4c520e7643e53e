import Foundation
import Linalg

/// Ordinary or weighted least squares from a formula: the specification (``LinearModel``) takes no data; ``fit(_:)``
/// returns a ``RegressionFit``.
///
/// ```
/// β̂ = (X'WX)⁻¹ X'Wy          (W = diag(w), prior weights; W = I for OLS)
/// ```
/// computed from `X'WX` formed by `dsyrk` over row blocks and a Cholesky factorization, with aliased columns
/// dropped in model order as R's `lm` does. With absorbed fixed effects (`y ~ x | firm + year`), `X` and `y` are
/// first demeaned within the groups by alternating projections (``FixedEffectsDemeaning``), which gives the same
/// slopes as the model with one dummy per group (Frisch–Waugh–Lovell; Guimarães & Portugal 2010; Correia 2016).
///
/// Results equal R's `lm` (and `sandwich` for robust covariances) to about 1e−10 relative on well-conditioned data.
public struct LinearModel: Sendable {
    /// The model formula.
    public var formula: Formula
    /// A column of non-negative prior weights (WLS); rows with weight 0 are dropped, as `lm` does for the fit.
    public var weights: String?
    /// Columns kept with the fit for later cluster-robust inference; they take part in listwise deletion.
    public var clusterVariables: [String]
    /// Convergence tolerance of the fixed-effect demeaning.
    public var demeaningTolerance: Double = 1e-13

    /// A specification from a parsed formula, an optional weight column and the cluster columns to carry.
    public init(formula: Formula, weights: String? = nil, clusterVariables: [String] = []) {
        self.formula = formula
        self.weights = weights
        self.clusterVariables = clusterVariables
    }

    /// A specification from formula text such as `y ~ x + factor(g) | firm`.
    ///
    /// - Throws: when the formula does not parse.
    public init(_ formula: String, weights: String? = nil, clusterVariables: [String] = []) throws {
        self.init(formula: try Formula(formula), weights: weights, clusterVariables: clusterVariables)
    }

    /// Fits the model to the rows of `table` complete in the formula's, the weight's and the cluster variables
    /// (listwise deletion, as `lm` does; rows with weight 0 are dropped):
    /// ```
    /// β̂ = (X'WX)⁻¹X'Wy,   eᵢ = yᵢ − xᵢ'β̂,   σ̂² = Σ wᵢeᵢ² / (n − k − k_FE)
    /// ```
    /// with aliased columns reported (R's `NA`) and absorbed effects demeaned first. Standard errors of any type are
    /// then a view on the fit (``RegressionFit/inference(_:confidenceLevel:)``). (R's `lm`; fixest's `feols` with
    /// absorbed effects.)
    ///
    /// - Throws: ``DataError`` for a missing or non-numeric column, a negative weight, a constant response (with an
    ///   intercept or absorbed effects), or no residual degrees of freedom; located in the table's file.
    public func fit(_ table: DataTable) throws -> RegressionFit {
        let frame = try ModelFrame(formula: formula, table: table, weights: weights, carrying: clusterVariables)
        do {
            return try fit(frame)
        } catch var error as DataError where error.file == nil {
            error.file = table.fileName
            throw error
        }
    }

    /// Fits a prepared frame (for example one built with ``ModelFrame/init(augmented:columnNames:responseName:hasIntercept:weights:carried:)``
    /// from a matrix already in memory, without a ``DataTable``). The frame's storage becomes the fit's.
    public func fit(_ frame: consuming ModelFrame) throws -> RegressionFit {
        var frame = frame
        var notes = missingValueNotes(frame)
        let n = frame.rowCount
        // A constant response leaves nothing to explain: R² is 0/0 and the t and F tests divide rounding noise by
        // rounding noise (R's summary.lm only warns "essentially perfect fit" and prints an R² of that noise).
        if frame.hasIntercept || !frame.absorbed.isEmpty, n > 1, let first = frame.response.first,
           frame.response.allSatisfy({ $0 == first }) {
            throw DataError(column: frame.responseName,
                            "the response is constant (\(formatShortest(first)) in all \(n) rows used): there is nothing "
                            + "to explain, and R², the F test and the t tests are undefined")
        }
        var names = frame.columnNames
        var absorbed: [AbsorbedEffect] = []
        var demeanedResponseSumOfSquares: Double? = nil
        let originalResponse = frame.response
        if !frame.absorbed.isEmpty {
            if frame.hasIntercept, names.first == "(Intercept)" {
                frame.augmented = frame.augmented.selecting(columns: Array(1..<frame.augmented.columns))
                names.removeFirst()
            }
            let demeaning = FixedEffectsDemeaning(groups: frame.absorbed.map { ($0.codes, $0.count) },
                                                  weights: frame.weights, tolerance: demeaningTolerance)
            let report = demeaning.demean(&frame.augmented)
            if !report.converged {
                notes.append("the fixed-effect demeaning stopped after \(report.iterations) iterations without reaching the tolerance")
            }
            absorbed = frame.absorbed.enumerated().map { k, fe in
                AbsorbedEffect(name: fe.name, groupCount: fe.count, parameterCount: k == 0 ? fe.count : fe.count - 1,
                               codes: fe.codes)
            }
            let yTilde = frame.augmented.column(frame.augmented.columns - 1)
            demeanedResponseSumOfSquares = weightedSumOfSquares(yTilde, frame.weights)
        }
        let p = names.count
        let solution = try LeastSquares.solve(&frame.augmented, rowScale: frame.weights)
        let k = solution.kept.count
        if k < p {
            let dropped = (0..<p).filter { !solution.kept.contains($0) }.map { names[$0] }
            notes.append("\(dropped.count) \(dropped.count == 1 ? "coefficient" : "coefficients") not defined because of "
                         + "singularities (collinear with earlier terms): " + dropped.joined(separator: ", "))
        }
        var coefficients = [Double](repeating: .nan, count: p)
        for (kk, j) in solution.kept.enumerated() { coefficients[j] = solution.beta[kk] }

        let w = frame.weights
        let e = solution.residuals
        let rss = weightedSumOfSquares(e, w)
        let kFE = absorbed.reduce(0) { $0 + $1.parameterCount }
        let df = n - k - kFE
        if df <= 0 {
            throw DataError("the model has \(k + kFE) parameters but only \(n) usable observations: no residual degrees of freedom")
        }
        let hasIntercept = frame.hasIntercept || !absorbed.isEmpty
        let sumW = w.map { $0.reduce(0, +) } ?? Double(n)
        let meanY = weightedSum(originalResponse, w) / sumW
        let tss = weightedSumOfSquares(originalResponse, w, around: hasIntercept ? meanY : 0)
        let r2 = 1 - rss / tss
        let interceptDF = hasIntercept ? 1 : 0
        let adjR2 = 1 - (1 - r2) * Double(n - interceptDF) / Double(df)
        var fStat: (Double, Int, Int)? = nil
        if absorbed.isEmpty, k - interceptDF > 0 {
            fStat = (((tss - rss) / Double(k - interceptDF)) / (rss / Double(df)), k - interceptDF, df)
        }
        let sumLogW = w.map { $0.reduce(0) { $0 + log($1) } } ?? 0
        let nd = Double(n)
        let logLik = 0.5 * (sumLogW - nd * (log(2 * Double.pi) + 1 - log(nd) + log(rss)))
        let parameters = Double(k + kFE + 1)
        let stats = FitStatistics(
            residualSumOfSquares: rss, rSquared: r2, adjustedRSquared: adjR2,
            withinRSquared: demeanedResponseSumOfSquares.map { 1 - rss / $0 },
            fStatistic: fStat.map { (value: $0.0, numerator: $0.1, denominator: $0.2) },
            sigma: (rss / Double(df)).squareRoot(), logLikelihood: logLik, aic: -2 * logLik + 2 * parameters,
            bic: -2 * logLik + log(nd) * parameters, deviance: rss, nullDeviance: nil, iterations: nil, converged: true)
        let fitted = zip(originalResponse, e).map { $0 - $1 }
        return RegressionFit(
            estimator: w == nil ? .ols : .wls, formula: formula, responseName: frame.responseName, columnNames: names,
            keptColumns: solution.kept, coefficients: coefficients, residuals: e, fittedValues: fitted, weights: w,
            observationCount: n, droppedMissing: frame.droppedMissing, hasIntercept: hasIntercept,
            residualDegreesOfFreedom: df, statistics: stats, absorbed: absorbed, notes: notes,
            design: frame.augmented, workingWeights: w, scoreFactors: w.map { zip($0, e).map { $0 * $1 } } ?? e,
            cholesky: solution.cholesky, clusters: frame.carried.mapValues(GroupCodes.init))
    }
}

/// `Σ wᵢvᵢ` (or `Σ vᵢ` without weights).
func weightedSum(_ v: [Double], _ w: [Double]?) -> Double {
    guard let w else { return v.reduce(0, +) }
    var s = 0.0
    for i in v.indices { s += w[i] * v[i] }
    return s
}

/// `Σ wᵢ(vᵢ − c)²` (or unweighted), without temporaries.
func weightedSumOfSquares(_ v: [Double], _ w: [Double]?, around c: Double = 0) -> Double {
    var s = 0.0
    if let w {
        for i in v.indices { s += w[i] * (v[i] - c) * (v[i] - c) }
    } else {
        for x in v { s += (x - c) * (x - c) }
    }
    return s
}

/// The NOTE lines about rows the frame dropped.
func missingValueNotes(_ frame: ModelFrame) -> [String] {
    var notes: [String] = []
    if frame.droppedMissing > 0 {
        notes.append("\(frame.droppedMissing) \(frame.droppedMissing == 1 ? "observation" : "observations") removed because of missing values")
    }
    if frame.droppedZeroWeight > 0 {
        notes.append("\(frame.droppedZeroWeight) \(frame.droppedZeroWeight == 1 ? "observation" : "observations") with weight 0 removed")
    }
    return notes
}
