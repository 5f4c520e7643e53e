import Reporting
import Stats

/// Renders the cohort results as CSV: `transitions.csv`, `indicators.csv`, `agreement.csv`, `balance.csv`,
/// `effects.csv`, `did.csv` and `summary.csv`. Suppressed values (nil in ``CohortResults``) are empty cells with
/// `suppressed = 1`.
public struct CohortReport {
    let results: CohortResults
    let writer: CSVWriter

    /// A writer of `results` in the dialect of `writer`.
    public init(results: CohortResults, writer: CSVWriter) {
        self.results = results
        self.writer = writer
    }

    /// Every file: name and contents.
    public func files() -> [(String, String)] {
        [("transitions.csv", transitions), ("indicators.csv", indicators), ("agreement.csv", agreement),
         ("balance.csv", balance), ("effects.csv", effects), ("did.csv", did), ("summary.csv", summary)]
    }

    var transitions: String {
        let rows: [[CSVWriter.Cell]] = results.beforeAfter.transitions.map { c in
            [.text(c.timePoint.description), .text(c.from.rawValue), .text(c.to.rawValue), count(c.persons),
             count(c.rowTotal), number(c.rowShare), flag(c.suppressed)]
        }
        return writer.render(header: ["time_point", "from_state", "to_state", "persons", "row_total", "row_share", "suppressed"], rows: rows)
    }

    var indicators: String {
        let rows: [[CSVWriter.Cell]] = results.beforeAfter.indicators.map { c in
            [.text(c.subgroup.rawValue), .text(c.group), .text(c.timePoint.description), .text(c.indicator.rawValue),
             count(c.persons), count(c.count), number(c.share), flag(c.suppressed)]
        }
        return writer.render(header: ["subgroup", "group", "time_point", "indicator", "persons", "count", "share", "suppressed"], rows: rows)
    }

    var agreement: String {
        let rows: [[CSVWriter.Cell]] = results.beforeAfter.agreement.map { r in
            [.text(r.moment), .text(r.reported), .text(r.register), count(r.persons), flag(r.suppressed)]
        }
        return writer.render(header: ["moment", "sus_reported", "register_state", "persons", "suppressed"], rows: rows)
    }

    var balance: String {
        let rows: [[CSVWriter.Cell]] = results.matched.balance.map { r in
            [.text(r.covariate), .text(r.sample), number(r.meansTreated), number(r.meansControl),
             number(r.standardizedMeanDifference), number(r.varianceRatio), number(r.ecdfMean), number(r.ecdfMax),
             flag(r.suppressed)]
        }
        return writer.render(header: ["covariate", "sample", "means_treated", "means_control", "std_mean_diff", "var_ratio", "ecdf_mean", "ecdf_max", "suppressed"], rows: rows)
    }

    var effects: String {
        let rows: [[CSVWriter.Cell]] = results.matched.effects.map { e in
            [.text(e.outcome.rawValue), .number(Double(e.relativeMonth)), number(e.estimate), number(e.standardError),
             number(e.confidenceLow), number(e.confidenceHigh), number(e.bootstrapStandardError), number(e.bootstrapLow),
             number(e.bootstrapHigh), number(e.meanTreated), number(e.meanControl), count(e.treatedPersons),
             count(e.controlPersons), flag(e.suppressed)]
        }
        return writer.render(header: ["outcome", "relative_month", "att", "std_error", "conf_low", "conf_high", "boot_std_error", "boot_conf_low", "boot_conf_high", "mean_treated", "mean_control", "treated_persons", "control_persons", "suppressed"], rows: rows)
    }

    var did: String {
        let (pre, post) = results.matched.didWindows
        let rows: [[CSVWriter.Cell]] = results.matched.did.map { e in
            [.text(e.outcome.rawValue), .text("\(pre.lowerBound)…\(pre.upperBound)"), .text("\(post.lowerBound)…\(post.upperBound)"),
             number(e.estimate), number(e.standardError), number(e.confidenceLow), number(e.confidenceHigh), flag(e.suppressed)]
        }
        return writer.render(header: ["outcome", "pre_months", "post_months", "estimate", "std_error", "conf_low", "conf_high", "suppressed"], rows: rows)
    }

    var summary: String {
        writer.render(header: ["measure", "value", "suppressed"],
                      rows: results.headline.map { [.text($0.measure), number($0.value), flag($0.value == nil)] })
    }

    func number(_ x: Double?) -> CSVWriter.Cell { x.map { .number($0) } ?? .missing }
    func count(_ n: Int?) -> CSVWriter.Cell { n.map { .number(Double($0)) } ?? .missing }
    func flag(_ suppressed: Bool) -> CSVWriter.Cell { .number(suppressed ? 1 : 0) }
}
