import Stats

/// Renders the comparison of förbund and insatser as CSV: `federations.csv`, `insatser.csv` (one row per förbund or
/// insats and outcome) and `random_effects.csv` (the random-effects model and the multiplicity-corrected counts).
public struct LocalEffectsReport {
    let local: [LocalEffects]
    let writer: CSVWriter

    /// A writer of `local` in the dialect of `writer`.
    public init(local: [LocalEffects], writer: CSVWriter) {
        self.local = local
        self.writer = writer
    }

    /// Every file: name and contents.
    public func files() -> [(String, String)] {
        local.map { (($0.level == .federation ? "federations.csv" : "insatser.csv"), rows($0)) } + [("random_effects.csv", summaries)]
    }

    func rows(_ l: LocalEffects) -> String {
        let rows: [[CSVWriter.Cell]] = l.rows.map { r in
            [.text(r.id), .text(r.name), .text(r.outcome.rawValue), .number(Double(LocalEffects.month)),
             .optional(r.estimate), .optional(r.standardError), .optional(r.confidenceLow), .optional(r.confidenceHigh),
             .optional(r.shrunken?.estimate), .optional(r.shrunken?.standardError), .optional(r.shrunken?.low),
             .optional(r.shrunken?.high), .optional(r.pValue), .optional(r.pHolm), .optional(r.pBenjaminiHochberg),
             .count(r.treatedPersons), .count(r.controlPersons), .flag(r.suppressed)]
        }
        return writer.render(header: ["id", "name", "outcome", "relative_month", "att", "std_error", "conf_low", "conf_high",
                                      "shrunken_att", "shrunken_std_error", "shrunken_conf_low", "shrunken_conf_high",
                                      "p_value_vs_cohort", "p_holm", "p_bh", "treated_persons", "control_persons",
                                      "suppressed"], rows: rows)
    }

    var summaries: String {
        let rows: [[CSVWriter.Cell]] = local.flatMap(\.summaries).map { s in
            let m = s.model
            return [.text(s.level.rawValue), .text(s.outcome.rawValue), .number(Double(LocalEffects.month)),
                    .number(Double(s.published)), .number(s.cohortEstimate), .number(s.cohortStandardError),
                    m.map { .text($0.method.rawValue) } ?? .missing, .optional(m?.mu), .optional(m?.muLow),
                    .optional(m?.muHigh), .optional(m?.tau2), .optional(m?.tau2Low), .optional(m?.tau2High),
                    .optional(m?.i2), .optional(m?.q), .optional(m.map { Double($0.qDegreesOfFreedom) }), .optional(m?.qPValue),
                    .number(Double(s.differingHolm)), .number(Double(s.differingBenjaminiHochberg))]
        }
        return writer.render(header: ["level", "outcome", "relative_month", "published", "cohort_att", "cohort_std_error",
                                      "method", "mu", "mu_conf_low", "mu_conf_high", "tau2", "tau2_conf_low",
                                      "tau2_conf_high", "i2_percent", "q", "q_df", "q_p_value", "differing_holm",
                                      "differing_bh"], rows: rows)
    }
}
