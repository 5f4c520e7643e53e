import Effects
import Reporting
import Stats

/// Renders the cohort results as CSV: `transitions.csv`, `indicators.csv`, `agreement.csv`, `balance.csv`,
/// `effects.csv`, `did.csv`, `pretrend.csv`, `sensitivity.csv`, `estimators.csv`, `overlap.csv` and `summary.csv`. Suppressed values (nil in ``CohortResults``) are empty cells with
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
         ("balance.csv", balance), ("effects.csv", effects), ("did.csv", did), ("pretrend.csv", pretrend),
         ("sensitivity.csv", sensitivity), ("estimators.csv", estimators), ("overlap.csv", overlap), ("summary.csv", summary)]
    }

    var transitions: String {
        let rows: [[CSVWriter.Cell]] = results.beforeAfter.transitions.map { c in
            [.text(c.timePoint.description), .text(c.from.rawValue), .text(c.to.rawValue), .count(c.persons),
             .count(c.rowTotal), .optional(c.rowShare), .flag(c.suppressed)]
        }
        return writer.render(header: ["time_point", "from_state", "to_state", "persons", "row_total", "row_share", "suppressed"], rows: rows)
    }

    var indicators: String {
        let rows: [[CSVWriter.Cell]] = results.beforeAfter.indicators.map { c in
            [.text(c.subgroup.rawValue), .text(c.group), .text(c.timePoint.description), .text(c.indicator.rawValue),
             .count(c.persons), .count(c.count), .optional(c.share), .flag(c.suppressed)]
        }
        return writer.render(header: ["subgroup", "group", "time_point", "indicator", "persons", "count", "share", "suppressed"], rows: rows)
    }

    var agreement: String {
        let rows: [[CSVWriter.Cell]] = results.beforeAfter.agreement.map { r in
            [.text(r.moment), .text(r.reported), .text(r.register), .count(r.persons), .flag(r.suppressed)]
        }
        return writer.render(header: ["moment", "sus_reported", "register_state", "persons", "suppressed"], rows: rows)
    }

    var balance: String {
        let rows: [[CSVWriter.Cell]] = results.matched.balance.map { r in
            [.text(r.covariate), .text(r.sample), .optional(r.meansTreated), .optional(r.meansControl),
             .optional(r.standardizedMeanDifference), .optional(r.varianceRatio), .optional(r.ecdfMean), .optional(r.ecdfMax),
             .flag(r.suppressed)]
        }
        return writer.render(header: ["covariate", "sample", "means_treated", "means_control", "std_mean_diff", "var_ratio", "ecdf_mean", "ecdf_max", "suppressed"], rows: rows)
    }

    var effects: String {
        let rows: [[CSVWriter.Cell]] = results.matched.effects.map { e in
            [.text(e.outcome.rawValue), .number(Double(e.relativeMonth)), .optional(e.estimate), .optional(e.standardError),
             .optional(e.confidenceLow), .optional(e.confidenceHigh), .optional(e.bandLow), .optional(e.bandHigh),
             .optional(e.bootstrapStandardError), .optional(e.bootstrapLow),
             .optional(e.bootstrapHigh), .optional(e.meanTreated), .optional(e.meanControl), .count(e.treatedPersons),
             .count(e.controlPersons), .flag(e.suppressed)]
        }
        return writer.render(header: ["outcome", "relative_month", "att", "std_error", "conf_low", "conf_high", "band_low", "band_high", "boot_std_error", "boot_conf_low", "boot_conf_high", "mean_treated", "mean_control", "treated_persons", "control_persons", "suppressed"], rows: rows)
    }

    var did: String {
        let (pre, post) = results.matched.didWindows
        let rows: [[CSVWriter.Cell]] = results.matched.did.map { e in
            [.text(e.outcome.rawValue), .text("\(pre.lowerBound)…\(pre.upperBound)"), .text("\(post.lowerBound)…\(post.upperBound)"),
             .optional(e.estimate), .optional(e.standardError), .optional(e.confidenceLow), .optional(e.confidenceHigh), .flag(e.suppressed)]
        }
        return writer.render(header: ["outcome", "pre_months", "post_months", "estimate", "std_error", "conf_low", "conf_high", "suppressed"], rows: rows)
    }

    var pretrend: String {
        let tests = results.matched.pretrends, placebos = results.matched.placebos
        let outcomes = Outcome.allCases.filter { o in tests.contains { $0.outcome == o } || placebos.contains { $0.outcome == o } }
        let rows: [[CSVWriter.Cell]] = outcomes.map { outcome in
            let t = tests.first { $0.outcome == outcome }, p = placebos.first { $0.outcome == outcome }
            return [.text(outcome.rawValue), .text(t.map { "\($0.months.lowerBound)…\($0.months.upperBound)" } ?? ""),
                    .optional(t?.chiSquared), .count(t?.degreesOfFreedom), .optional(t?.pValue),
                    .text(p.map { "\(-$0.shift + $0.months.lowerBound)…\(-$0.shift + $0.months.upperBound)" } ?? ""),
                    .optional(p?.estimate), .optional(p?.standardError), .optional(p?.confidenceLow), .optional(p?.confidenceHigh)]
        }
        return writer.render(header: ["outcome", "months", "chi2", "df", "p_value", "placebo_months", "placebo_att",
                                      "placebo_std_error", "placebo_conf_low", "placebo_conf_high"], rows: rows)
    }

    var sensitivity: String {
        let rows: [[CSVWriter.Cell]] = results.matched.sensitivity.map { s in
            [.text(s.outcome.rawValue), .text(s.relativeMonth == nil ? "did" : "month"), .count(s.relativeMonth), .text(s.scale.rawValue), .number(s.estimate), .number(s.low),
             .number(s.high), .number(s.evalue.point), .number(s.evalue.confidenceLimit), .optional(s.rosenbaumGamma)]
        }
        return writer.render(header: ["outcome", "effect", "relative_month", "scale", "estimate", "conf_low", "conf_high", "evalue_point", "evalue_ci",
                                      "rosenbaum_gamma"], rows: rows)
    }

    var estimators: String {
        let rows: [[CSVWriter.Cell]] = results.matched.estimators.map { e in
            [.text(e.outcome.rawValue), .count(e.relativeMonth), .text(e.estimator.rawValue), .number(e.estimate),
             .number(e.standardError), .number(e.confidenceLow), .number(e.confidenceHigh), .count(e.treatedCount),
             .count(e.controlCount)]
        }
        return writer.render(header: ["outcome", "relative_month", "estimator", "att", "std_error", "conf_low", "conf_high",
                                      "treated_rows", "control_rows"], rows: rows)
    }

    var overlap: String {
        let rows: [[CSVWriter.Cell]] = results.matched.overlap.map { b in
            [.text(b.sample), .number(b.low), .number(b.high), .count(b.participants), .count(b.comparisons), .flag(b.suppressed)]
        }
        return writer.render(header: ["sample", "score_low", "score_high", "participants", "comparisons", "suppressed"], rows: rows)
    }

    var summary: String {
        writer.render(header: ["measure", "value", "suppressed"],
                      rows: results.headline.map { [.text($0.measure), .optional($0.value), .flag($0.value == nil)] })
    }
}
