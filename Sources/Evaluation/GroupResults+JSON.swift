import Reporting

extension GroupResults {
    /// Per grouping, outcome and group: the ATT by month (suppressed values null).
    var effectsJSON: JSONValue {
        .array(effects.map { e in
            .object(["grouping": .string(e.grouping.rawValue), "group": .string(e.group), "group_name": .string(e.groupName),
                     "outcome": .string(e.outcome.rawValue), "relative_month": .integer(e.relativeMonth),
                     "att": .number(e.estimate), "std_error": .number(e.standardError), "conf_low": .number(e.confidenceLow),
                     "conf_high": .number(e.confidenceHigh), "treated_persons": .integer(e.treatedPersons),
                     "control_persons": .integer(e.controlPersons), "suppressed": .bool(e.suppressed)])
        })
    }

    /// The Wald tests of equal group ATTs.
    var heterogeneityJSON: JSONValue {
        .array(heterogeneity.map { h in
            .object(["grouping": .string(h.grouping.rawValue), "outcome": .string(h.outcome.rawValue),
                     "relative_month": .integer(h.relativeMonth), "chi2": .number(h.chiSquared),
                     "df": .integer(h.degreesOfFreedom), "p_value": .number(h.pValue)])
        })
    }
}

extension CohortResults {
    /// The förbund (or insatser) compared: per outcome the random-effects model and the rows.
    func localJSON(_ level: Grouping) -> JSONValue {
        guard let l = local.first(where: { $0.level == level }) else { return .null }
        return .array(l.summaries.map { s in
            let m = s.model
            return .object([
                "outcome": .string(s.outcome.rawValue), "relative_month": .integer(LocalEffects.month),
                "cohort_att": .number(s.cohortEstimate), "cohort_std_error": .number(s.cohortStandardError),
                "method": m.map { .string($0.method.rawValue) } ?? .null, "mu": .number(m?.mu),
                "tau2": .number(m?.tau2), "tau2_conf_low": .number(m?.tau2Low), "tau2_conf_high": .number(m?.tau2High),
                "i2_percent": .number(m?.i2), "differing_holm": .integer(s.differingHolm),
                "differing_bh": .integer(s.differingBenjaminiHochberg),
                "rows": .array(l.rows.filter { $0.outcome == s.outcome }.map { r in
                    .object(["id": .string(r.id), "name": .string(r.name), "att": .number(r.estimate),
                             "std_error": .number(r.standardError), "conf_low": .number(r.confidenceLow),
                             "conf_high": .number(r.confidenceHigh), "shrunken_att": .number(r.shrunken?.estimate),
                             "shrunken_conf_low": .number(r.shrunken?.low), "shrunken_conf_high": .number(r.shrunken?.high),
                             "p_holm": .number(r.pHolm), "p_bh": .number(r.pBenjaminiHochberg),
                             "treated_persons": .integer(r.treatedPersons), "suppressed": .bool(r.suppressed)])
                }),
            ])
        })
    }
}
