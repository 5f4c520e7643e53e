import Foundation

/// A printed summary in the layout of R's `summary()`: a header naming the estimator, response, observations,
/// standard-error type and cluster counts; the coefficient table with a 95 % interval; a footer with degrees of
/// freedom, R² or deviance and AIC (``body``); and NOTE lines (``notes``). `description` is both; a command-line
/// tool prints the body to stdout and the notes to stderr.
public struct RegressionSummary: Sendable, CustomStringConvertible {
    /// The fit summarised.
    public let fit: RegressionFit
    /// The coefficient table shown (of any covariance type).
    public let table: CoefficientTable

    /// The summary of `fit` with the coefficient table `table`.
    public init(fit: RegressionFit, table: CoefficientTable) {
        self.fit = fit
        self.table = table
    }

    public var description: String {
        ([body] + notes.map { "NOTE: " + $0 }).joined(separator: "\n")
    }

    /// The notes and warnings of the fit and of its inference (dropped rows, aliased coefficients, convergence,
    /// fixest's small-sample convention), without the "NOTE: " prefix.
    public var notes: [String] {
        var notes = fit.notes + table.notes
        if !fit.absorbed.isEmpty {
            notes.append("small-sample convention as fixest's defaults: K counts the coefficients and the absorbed "
                         + "fixed effects not nested in a cluster variable; clustered t tests use G − 1 degrees of freedom.")
        }
        return notes
    }

    /// The summary without the notes: header, coefficient table and footer.
    public var body: String {
        var lines: [String] = []
        let estimatorName: String
        switch fit.estimator {
        case .ols: estimatorName = "OLS"
        case .wls: estimatorName = "WLS"
        case .logit: estimatorName = "Logit (binomial, IRLS)"
        }
        lines.append("\(estimatorName) estimation, dependent variable: \(fit.responseName)")
        lines.append("Formula: \(fit.formula)")
        var obs = "Observations: \(fit.observationCount)"
        if fit.droppedMissing > 0 { obs += " (\(fit.droppedMissing) removed because of missing values)" }
        lines.append(obs)
        if !fit.absorbed.isEmpty {
            lines.append("Fixed effects: " + fit.absorbed.map { "\($0.name) (\($0.groupCount))" }.joined(separator: ", "))
        }
        var se = "Standard errors: \(seLabel)"
        if !table.clusterCounts.isEmpty {
            se += "; clusters: " + zip(table.covarianceType.clusterVariables, table.clusterCounts)
                .map { "\($0) (\($1))" }.joined(separator: ", ")
        }
        lines.append(se)
        lines.append("")
        let statName = table.degreesOfFreedom == nil ? "z value" : "t value"
        let pName = table.degreesOfFreedom == nil ? "Pr(>|z|)" : "Pr(>|t|)"
        let lowName = formatPercent((1 - table.confidenceLevel) / 2)
        let highName = formatPercent(1 - (1 - table.confidenceLevel) / 2)
        let header = ["", "Estimate", "Std. Error", statName, pName, lowName, highName]
        var cells: [[String]] = [header]
        for r in table.rows {
            if r.estimate.isNaN {
                cells.append([r.term, "NA", "NA", "NA", "NA", "NA", "NA"])
            } else {
                cells.append([r.term, formatNumber(r.estimate), formatNumber(r.standardError),
                              String(format: "%.3f", r.statistic), formatPValue(r.pValue) + stars(r.pValue),
                              formatNumber(r.confidenceLow), formatNumber(r.confidenceHigh)])
            }
        }
        let widths = (0..<header.count).map { c in cells.map { $0[c].count }.max() ?? 0 }
        for row in cells {
            var line = row[0].padding(toLength: widths[0], withPad: " ", startingAt: 0)
            for c in 1..<row.count { line += "  " + String(repeating: " ", count: widths[c] - row[c].count) + row[c] }
            lines.append(line)
        }
        lines.append("---")
        lines.append("Signif. codes:  0 '***' 0.001 '**' 0.01 '*' 0.05 '.' 0.1 ' ' 1")
        lines.append("")
        let s = fit.statistics
        if fit.estimator == .logit {
            if let nullDev = s.nullDeviance {
                lines.append("Null deviance: \(formatNumber(nullDev)) on \(fit.observationCount - (fit.hasIntercept ? 1 : 0)) degrees of freedom")
            }
            lines.append("Residual deviance: \(formatNumber(s.deviance)) on \(fit.residualDegreesOfFreedom) degrees of freedom")
            lines.append("Log-likelihood: \(formatNumber(s.logLikelihood)),  AIC: \(formatNumber(s.aic)),  BIC: \(formatNumber(s.bic))")
            lines.append("Number of Fisher Scoring iterations: \(s.iterations ?? 0)")
        } else {
            if let sigma = s.sigma {
                lines.append("Residual standard error: \(formatNumber(sigma)) on \(fit.residualDegreesOfFreedom) degrees of freedom")
            }
            if let r2 = s.rSquared, let adj = s.adjustedRSquared {
                var line = "Multiple R-squared: \(formatNumber(r2)),  Adjusted R-squared: \(formatNumber(adj))"
                if let within = s.withinRSquared { line += ",  Within R-squared: \(formatNumber(within))" }
                lines.append(line)
            }
            if let f = s.fStatistic {
                let p = FisherF.survival(f.value, numerator: Double(f.numerator), denominator: Double(f.denominator))
                lines.append("F-statistic: \(formatNumber(f.value)) on \(f.numerator) and \(f.denominator) DF,  p-value: \(formatPValue(p))")
            }
            lines.append("Log-likelihood: \(formatNumber(s.logLikelihood)),  AIC: \(formatNumber(s.aic)),  BIC: \(formatNumber(s.bic)),  RSS: \(formatNumber(s.deviance))")
        }
        return lines.joined(separator: "\n")
    }

    private var seLabel: String {
        switch table.covarianceType {
        case .iid: return "classical (iid)"
        case .hc0, .hc1, .hc2, .hc3: return "heteroskedasticity-robust (\(table.covarianceType))"
        case .cluster(let names): return "cluster-robust by \(names.joined(separator: " and "))"
                + (fit.estimator == .logit ? " (G/(G−1) adjustment)" : " (HC1-type: G/(G−1)·(n−1)/(n−K))")
        }
    }
}

func formatNumber(_ x: Double) -> String {
    if x.isNaN { return "NA" }
    if x != 0, abs(x) < 1e-4 || abs(x) >= 1e7 { return String(format: "%.4e", x) }
    return String(format: "%.6g", x)
}

func formatPValue(_ p: Double) -> String {
    if p.isNaN { return "NA" }
    if p < 2.2e-16 { return "<2e-16" }
    return String(format: p < 1e-3 ? "%.2e" : "%.4f", p)
}

private func stars(_ p: Double) -> String {
    p < 0.001 ? " ***" : p < 0.01 ? " **" : p < 0.05 ? " *" : p < 0.1 ? " ." : ""
}

private func formatPercent(_ q: Double) -> String {
    let s = String(format: "%.1f", q * 100)
    return (s.hasSuffix(".0") ? String(s.dropLast(2)) : s) + " %"
}
