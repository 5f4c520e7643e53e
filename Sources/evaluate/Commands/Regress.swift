import ArgumentParser
import Foundation
import Reporting
import Stats

/// `evaluate regress`: OLS, WLS or logit from a formula on any CSV, printed like R's `summary()`, with a tidy CSV.
struct Regress: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Fit OLS/WLS or a logit from an R-style formula on a CSV file.",
        discussion: """
            Formulas: y ~ x1 + x2 + factor(g) + x1:x2 + log(x) - 1, with absorbed fixed effects after '|' \
            (y ~ x | firm + year). Rows with a missing value in a used variable are dropped (reported). \
            Standard errors: iid, HC0–HC3, or cluster:COL[,COL2] (one- or two-way), as R's sandwich computes them; \
            with absorbed fixed effects, fixest's small-sample convention.
            """
    )

    @Option(help: "The input CSV (either dialect; .csv.gz accepted).")
    var data: String

    @Option(help: "The model formula, e.g. \"y ~ x1 + factor(g)\".")
    var formula: String

    @Flag(help: "Fit a logistic regression (binomial, logit link) instead of least squares.")
    var logit = false

    @Option(help: "A column of non-negative prior weights.")
    var weights: String?

    @Option(help: "Standard errors: iid, HC0, HC1, HC2, HC3, cluster:COL or cluster:COL1,COL2.")
    var vcov: String = "iid"

    @Option(help: "Write the tidy coefficient table (term, estimate, std_error, statistic, p_value, conf_low, conf_high) here.")
    var out: String?

    @OptionGroup var csv: CSVOptions

    func validate() throws {
        guard CovarianceType(vcov) != nil else {
            throw ValidationError("--vcov must be iid, HC0, HC1, HC2, HC3, cluster:COL or cluster:COL1,COL2 (got '\(vcov)')")
        }
    }

    func run() throws {
        let type = CovarianceType(vcov)!
        let output: OutputFile?
        do {
            output = try out.map { path throws(OutputLocationError) in
                try OutputFile(path: path, inputs: [data], isEarlierOutput: CoefficientTable.isTidyHeader)
            }
        } catch { throw report(error) }
        do {
            let parsed = try Formula(formula)
            let table = try DataTable.read(path: data)
            let fit: RegressionFit
            if logit {
                fit = try LogisticModel(formula: parsed, weights: weights, clusterVariables: type.clusterVariables).fit(table)
            } else {
                fit = try LinearModel(formula: parsed, weights: weights, clusterVariables: type.clusterVariables).fit(table)
            }
            let inference = try fit.inference(type)
            let summary = RegressionSummary(fit: fit, table: inference)
            print(summary.body)
            for note in summary.notes { printNote(note) }
            try output?.commit(inference.tidyCSV(dialect: csv.dialect))
        } catch {
            output?.abandon()
            throw report(error)
        }
    }
}
