import Linalg

/// A fitted regression: the estimates and everything inference needs, so that standard errors of any type are a
/// view on the fit (``RegressionFit/inference(_:)``) computed without refitting.
///
/// The score of observation `i` for the kept coefficients is `sᵢ·xᵢ` and the bread is `(X'WX)⁻¹`:
/// - OLS/WLS: `W = diag(w)` (prior weights), `sᵢ = wᵢ·eᵢ`, `eᵢ = yᵢ − xᵢ'β`;
/// - logit: `W = diag(wᵢ μᵢ(1 − μᵢ))`, `sᵢ = wᵢ (yᵢ − μᵢ)`;
/// - with absorbed fixed effects, `X` and `y` are the within-transformed (demeaned) data.
public struct RegressionFit: Sendable {
    /// The estimator of a fit: OLS, WLS (with prior weights) or the logit (IRLS).
    public enum Estimator: String, Sendable {
        case ols = "OLS", wls = "WLS", logit = "Logit"
    }

    /// The estimator that produced the fit.
    public let estimator: Estimator
    /// The model formula.
    public let formula: Formula
    /// The name of the response.
    public let responseName: String
    /// Every model column, including aliased ones.
    public let columnNames: [String]
    /// Indices of the columns that were estimated (not aliased).
    public let keptColumns: [Int]
    /// One coefficient per model column; NaN for an aliased column (R's `NA`).
    public let coefficients: [Double]
    /// Response residuals `y − ŷ` (with absorbed fixed effects, of the within model, which equal the full model's).
    public let residuals: [Double]
    /// Fitted values `ŷ` (probabilities for the logit).
    public let fittedValues: [Double]
    /// Prior weights, if any.
    public let weights: [Double]?
    /// Number of observations used.
    public let observationCount: Int
    /// Rows dropped because of missing values.
    public let droppedMissing: Int
    /// Whether the model has an intercept (explicit, or implied by absorbed fixed effects).
    public let hasIntercept: Bool
    /// Residual degrees of freedom: `n − k`, and with absorbed fixed effects `n − k − k_FE`.
    public let residualDegreesOfFreedom: Int
    /// Goodness of fit.
    public let statistics: FitStatistics
    /// Absorbed fixed effects: name, group count, and the number of their parameters counted in `K`.
    public let absorbed: [AbsorbedEffect]
    /// Notes for the reader (dropped rows, aliased terms, convergence).
    public let notes: [String]

    // Inference ingredients (kept columns only).
    let design: Matrix
    let workingWeights: [Double]?
    let scoreFactors: [Double]
    let cholesky: CholeskyFactorization
    let clusters: [String: GroupCodes]

    /// Number of estimated (non-aliased) coefficients.
    public var rank: Int { keptColumns.count }

    /// Names of the aliased columns (R reports their coefficients as `NA`).
    public var aliasedColumns: [String] {
        columnNames.indices.filter { !keptColumns.contains($0) }.map { columnNames[$0] }
    }

    /// `(X'WX)⁻¹` over the kept columns.
    public var bread: Matrix { cholesky.inverse() }

    /// The dispersion that scales the classical covariance: `σ̂² = Σwᵢeᵢ²/(n − K)` for OLS/WLS, 1 for the logit.
    public var dispersion: Double {
        estimator == .logit ? 1 : statistics.residualSumOfSquares / Double(residualDegreesOfFreedom)
    }
}

/// An absorbed fixed effect and how it counts in the small-sample adjustment.
public struct AbsorbedEffect: Sendable {
    public let name: String
    public let groupCount: Int
    /// The parameters it adds to `K` (its group count, less one for every absorbed effect after the first).
    public let parameterCount: Int
    /// Group code per observation.
    let codes: [Int32]
}

/// Goodness-of-fit numbers; those that do not apply to an estimator are nil.
public struct FitStatistics: Sendable {
    public var residualSumOfSquares: Double
    public var rSquared: Double?
    public var adjustedRSquared: Double?
    /// R² of the within (demeaned) model, with absorbed fixed effects.
    public var withinRSquared: Double?
    /// The overall F test: statistic and its two degrees of freedom.
    public var fStatistic: (value: Double, numerator: Int, denominator: Int)?
    /// Residual standard error `σ̂`.
    public var sigma: Double?
    public var logLikelihood: Double
    public var aic: Double
    public var bic: Double
    public var deviance: Double
    public var nullDeviance: Double?
    /// IRLS iterations (logit).
    public var iterations: Int?
    public var converged: Bool
}
