/// Estimates with standard errors, test statistics, p-values and 95 % confidence intervals: the inference view of a
/// ``RegressionFit`` for one ``CovarianceType``.
///
/// Statistics are `t` (OLS/WLS; `n − K` degrees of freedom, as `lmtest::coeftest` does with a sandwich covariance;
/// with absorbed fixed effects and clustering, `G − 1` with `G` the smallest cluster count, as fixest does) or `z`
/// (logit). Aliased terms keep their row with NaN in every column (R prints `NA`).
public struct CoefficientTable: Sendable {
    /// One term: estimate, standard error, `t` or `z` statistic, two-sided p-value and confidence interval
    /// `estimate ∓ critical · SE` (NaN throughout for an aliased term).
    public struct Row: Sendable, Equatable {
        public var term: String
        public var estimate: Double
        public var standardError: Double
        public var statistic: Double
        public var pValue: Double
        public var confidenceLow: Double
        public var confidenceHigh: Double
    }

    /// One row per model column, aliased ones included.
    public var rows: [Row]
    /// The covariance the standard errors come from.
    public var covarianceType: CovarianceType
    /// Degrees of freedom of the t distribution (nil: normal).
    public var degreesOfFreedom: Int?
    /// Number of clusters per cluster variable.
    public var clusterCounts: [Int]
    /// The covariance of the kept coefficients.
    public var covariance: [[Double]]
    /// The level of the intervals (0.95 by default).
    public var confidenceLevel: Double
    /// Notes for the reader (e.g. a two-way cluster covariance that is not positive semi-definite).
    public var notes: [String] = []

    /// The row of `term`, nil if the model has no such term.
    public subscript(term: String) -> Row? { rows.first { $0.term == term } }
}

extension RegressionFit {
    /// The coefficient table under a covariance type (no refit).
    public func inference(_ type: CovarianceType = .iid, confidenceLevel: Double = 0.95) throws -> CoefficientTable {
        let v = try covariance(type)
        let clusterCounts = type.clusterVariables.compactMap { clusters[$0]?.count }
        var df: Int? = estimator == .logit ? nil : residualDegreesOfFreedom
        if estimator != .logit, !absorbed.isEmpty {
            // fixest convention: K counts the absorbed effects not nested in the clusters; clustered: G − 1.
            if let g = clusterCounts.min() {
                df = g - 1
            } else {
                df = observationCount - parameterCount(nestedIn: [])
            }
        }
        let alpha = 1 - confidenceLevel
        let critical = df.map { StudentT.quantile(1 - alpha / 2, degreesOfFreedom: Double($0)) }
            ?? Normal.quantile(1 - alpha / 2)
        var rows: [CoefficientTable.Row] = []
        for (j, name) in columnNames.enumerated() {
            guard let kk = keptColumns.firstIndex(of: j) else {
                rows.append(.init(term: name, estimate: .nan, standardError: .nan, statistic: .nan, pValue: .nan,
                                  confidenceLow: .nan, confidenceHigh: .nan))
                continue
            }
            let estimate = coefficients[j]
            let se = v[kk, kk].squareRoot()
            let stat = estimate / se
            let p = df.map { StudentT.twoSidedPValue(stat, degreesOfFreedom: Double($0)) }
                ?? min(1, 2 * Normal.survival(abs(stat)))
            rows.append(.init(term: name, estimate: estimate, standardError: se, statistic: stat, pValue: p,
                              confidenceLow: estimate - critical * se, confidenceHigh: estimate + critical * se))
        }
        let cov = (0..<v.rows).map { i in (0..<v.columns).map { v[i, $0] } }
        var table = CoefficientTable(rows: rows, covarianceType: type, degreesOfFreedom: df,
                                     clusterCounts: clusterCounts, covariance: cov, confidenceLevel: confidenceLevel)
        let negative = keptColumns.enumerated().filter { v[$0.offset, $0.offset] < 0 }.map { columnNames[$0.element] }
        if !negative.isEmpty {
            // sandwich (fix = FALSE, its default) leaves such a matrix as it is; R then reports NaN.
            table.notes.append("the covariance matrix is not positive semi-definite (as two-way clustering with few "
                               + "clusters can give); standard errors are NaN for: " + negative.joined(separator: ", "))
        }
        return table
    }
}
