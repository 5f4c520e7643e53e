import Stats

/// Renders the effects by group as CSV: `effects_by_group.csv`, `heterogeneity.csv` and `payback_by_group.csv`.
/// Suppressed values (nil in ``GroupResults``) are empty cells with `suppressed = 1`.
public struct GroupReport {
    let results: GroupResults
    let writer: CSVWriter

    /// A writer of `results` in the dialect of `writer`.
    public init(results: GroupResults, writer: CSVWriter) {
        self.results = results
        self.writer = writer
    }

    /// Every file: name and contents.
    public func files() -> [(String, String)] {
        [("effects_by_group.csv", effects), ("heterogeneity.csv", heterogeneity), ("payback_by_group.csv", payback)]
    }

    var effects: String {
        let rows: [[CSVWriter.Cell]] = results.effects.map { e in
            [.text(e.grouping.rawValue), .text(e.group), .text(e.groupName), .text(e.outcome.rawValue),
             .number(Double(e.relativeMonth)), .optional(e.estimate), .optional(e.standardError), .optional(e.confidenceLow),
             .optional(e.confidenceHigh), .count(e.treatedPersons), .count(e.controlPersons), .flag(e.suppressed)]
        }
        return writer.render(header: ["grouping", "group", "group_name", "outcome", "relative_month", "att", "std_error",
                                      "conf_low", "conf_high", "treated_persons", "control_persons", "suppressed"], rows: rows)
    }

    var heterogeneity: String {
        let rows: [[CSVWriter.Cell]] = results.heterogeneity.map { h in
            [.text(h.grouping.rawValue), .text(h.outcome.rawValue), .number(Double(h.relativeMonth)), .number(h.chiSquared),
             .number(Double(h.degreesOfFreedom)), .number(h.pValue)]
        }
        return writer.render(header: ["grouping", "outcome", "relative_month", "chi2", "df", "p_value"], rows: rows)
    }

    var payback: String {
        let rows: [[CSVWriter.Cell]] = results.payback.map { p in
            [.text(p.grouping.rawValue), .text(p.group), .text(p.groupName), .text(p.source), .text(p.perspective.rawValue),
             .count(p.participants), .optional(p.cost), .optional(p.netPresentValue), .optional(p.returnOnInvestment),
             p.suppressed ? .missing : p.cost == 0 ? .text("no cost")
                 : p.paybackMonth.map { .number(Double($0)) } ?? .text("not within horizon"),
             .flag(p.suppressed)]
        }
        return writer.render(header: ["grouping", "group", "group_name", "source", "perspective", "participants", "cost",
                                      "npv", "roi", "payback_month", "suppressed"], rows: rows)
    }
}
