import Effects
import Payback
import Registers
import Reporting
import Transitions

extension CohortResults {
    /// `results.json`: the run's results for programs (notebooks, dashboards). Deterministic — keys in a fixed
    /// order, numbers in their shortest round-trip form, no timings — and disclosure-controlled like the CSV files:
    /// a suppressed or undefined value is `null`.
    ///
    /// Top-level keys: `tool`, `version`, `cohort`, `data`, `options`, `inputs_sha256`, `min_cell`, `notes`,
    /// `headline` (summary.csv's measures), `indicators` (overall shares per time point), `transitions` (row
    /// shares per time point and state before), `transitions_from_public_support` (the report's transition
    /// chart), `balance`, `effects` (per outcome, by month), `did`, `pretrend`, `placebo` (starts moved 12 months earlier; `months` relative to the placebo start), `sensitivity`, `estimators` (matching, IPW and AIPW at the headline months), `overlap`, `payback`, `scope` (the participants evaluated),
    /// `effects_by_group` and `heterogeneity` (null without `--by`), `federations` and `insatser` (the raw and
    /// shrunken ATT at +12 months and the random-effects model per outcome).
    public var json: String { jsonDocument.rendered }

    var jsonDocument: JSONValue {
        .object([
            "tool": .string("FinsamEval evaluate"),
            "version": .string(provenance.version),
            "cohort": .integer(provenance.cohort),
            "data": .string(provenance.data),
            "options": .object(provenance.options.map { JSONValue.Member($0.0, .string($0.1)) }),
            "inputs_sha256": .object(provenance.inputs.keys.sorted().map { JSONValue.Member($0, .string(provenance.inputs[$0]!)) }),
            "min_cell": .integer(provenance.minimumCell),
            "notes": .array(notes.map { .string($0) }),
            "headline": .object(headline.map { JSONValue.Member($0.measure, .number($0.value)) }),
            "indicators": indicatorsJSON,
            "transitions": transitionsJSON,
            "transitions_from_public_support": supportPathsJSON,
            "balance": balanceJSON,
            "effects": effectsJSON,
            "did": didJSON,
            "sensitivity": .array(matched.sensitivity.map { s in
                .object([
                    "outcome": .string(s.outcome.rawValue), "effect": .string(s.relativeMonth == nil ? "did" : "month"),
                    "relative_month": .integer(s.relativeMonth), "scale": .string(s.scale.rawValue), "estimate": .number(s.estimate), "conf_low": .number(s.low),
                    "conf_high": .number(s.high), "evalue_point": .number(s.evalue.point),
                    "evalue_ci": .number(s.evalue.confidenceLimit), "rosenbaum_gamma": .number(s.rosenbaumGamma),
                ])
            }),
            "estimators": .array(matched.estimators.map { e in
                .object([
                    "outcome": .string(e.outcome.rawValue), "relative_month": .integer(e.relativeMonth),
                    "estimator": .string(e.estimator.rawValue), "att": .number(e.estimate),
                    "std_error": .number(e.standardError), "conf_low": .number(e.confidenceLow),
                    "conf_high": .number(e.confidenceHigh), "treated_rows": .integer(e.treatedCount),
                    "control_rows": .integer(e.controlCount),
                ])
            }),
            "overlap": .object([
                "participants_off_support": .integer(matched.participantsOffSupport),
                "share_off_support": .number(matched.participantsOffSupportShare),
                "bins": .array(matched.overlap.map { b in
                    .object([
                        "sample": .string(b.sample), "score_low": .number(b.low), "score_high": .number(b.high),
                        "participants": .integer(b.participants), "comparisons": .integer(b.comparisons),
                        "suppressed": .bool(b.suppressed),
                    ])
                }),
            ]),
            "pretrend": .array(matched.pretrends.map { t in
                .object([
                    "outcome": .string(t.outcome.rawValue),
                    "months": .array([.integer(t.months.lowerBound), .integer(t.months.upperBound)]),
                    "chi2": .number(t.chiSquared), "df": .integer(t.degreesOfFreedom), "p_value": .number(t.pValue),
                ])
            }),
            "placebo": .array(matched.placebos.map { t in
                .object([
                    "outcome": .string(t.outcome.rawValue), "shift_months": .integer(t.shift),
                    "months": .array([.integer(t.months.lowerBound), .integer(t.months.upperBound)]),
                    "att": .number(t.estimate), "std_error": .number(t.standardError),
                    "conf_low": .number(t.confidenceLow), "conf_high": .number(t.confidenceHigh),
                    "treated_units": .integer(t.treatedCount), "control_units": .integer(t.controlCount),
                ])
            }),
            "payback": paybackJSON,
            "scope": .string(provenance.scope),
            "effects_by_group": groups.map(\.effectsJSON) ?? .null,
            "heterogeneity": groups.map(\.heterogeneityJSON) ?? .null,
            "federations": localJSON(.federation),
            "insatser": localJSON(.insats),
        ])
    }

    /// Per time point: the members observed and the share for each indicator (all members).
    var indicatorsJSON: JSONValue {
        .array(TimePoint.allCases.map { t in
            let cells = Indicator.allCases.map { beforeAfter.overallShare($0, at: t) }
            let persons = cells.compactMap { $0?.persons }.first
            return .object([JSONValue.Member("time_point", .string(t.description)), JSONValue.Member("persons", .integer(persons))]
                           + zip(Indicator.allCases, cells).map { JSONValue.Member($0.rawValue, .number($1?.share)) })
        })
    }

    /// Per time point and state before (rows with members only): the row total and the share in each state after
    /// (every state, 0 for an empty cell, null for a suppressed one or when the row total is suppressed).
    var transitionsJSON: JSONValue {
        var rows: [JSONValue] = []
        for t in TimePoint.allCases where t != .beforeStart {
            let cells = beforeAfter.transitions.filter { $0.timePoint == t }
            var seen: Set<MainState> = []
            for from in cells.map(\.from) where seen.insert(from).inserted {
                let row = cells.filter { $0.from == from }
                // An empty row (nobody in the state before) is left out, as before.
                guard row.contains(where: { $0.rowTotal != 0 }) else { continue }
                rows.append(.object([
                    "time_point": .string(t.description),
                    "from_state": .string(from.rawValue),
                    "row_total": .integer(row.compactMap(\.rowTotal).first),
                    "shares": .object(row.map { JSONValue.Member($0.to.rawValue, .number($0.rowShare)) }),
                ]))
            }
        }
        return .array(rows)
    }

    var supportPathsJSON: JSONValue {
        .array(supportPaths.distributions.map { d in
            .object([
                "time_point": .string(d.timePoint.description),
                "persons": .integer(d.persons),
                "shares": .object(MainState.allCases.filter { d.counts[$0] != nil }.map { JSONValue.Member($0.rawValue, .number(d.share($0))) }),
                "suppressed_share": .number(d.suppressedShare),
            ])
        })
    }

    var balanceJSON: JSONValue {
        let all = matched.balance.filter { $0.sample == "all" }
        let after = Dictionary(matched.balance.filter { $0.sample == "matched" }.map { ($0.covariate, $0) }, uniquingKeysWith: { a, _ in a })
        func sizes(_ g: MatchedResults.GroupSizes) -> JSONValue { .object(["treated": .integer(g.treated), "control": .integer(g.control)]) }
        return .object([
            "sample_sizes": .object(["all": sizes(matched.all), "matched": sizes(matched.matched)]),
            "covariates": .array(all.map { r in
                .object([
                    "covariate": .string(r.covariate),
                    "std_mean_diff_all": .number(r.standardizedMeanDifference),
                    "std_mean_diff_matched": .number(after[r.covariate]?.standardizedMeanDifference),
                    "var_ratio_all": .number(r.varianceRatio),
                    "var_ratio_matched": .number(after[r.covariate]?.varianceRatio),
                ])
            }),
        ])
    }

    var effectsJSON: JSONValue {
        .object(Outcome.allCases.map { outcome in
            JSONValue.Member(outcome.rawValue, .array(matched.effects(outcome).map { e in
                .object([
                    "relative_month": .integer(e.relativeMonth),
                    "att": .number(e.estimate),
                    "std_error": .number(e.standardError),
                    "conf_low": .number(e.confidenceLow),
                    "conf_high": .number(e.confidenceHigh),
                    "band_low": .number(e.bandLow),
                    "band_high": .number(e.bandHigh),
                    "boot_conf_low": .number(e.bootstrapLow),
                    "boot_conf_high": .number(e.bootstrapHigh),
                    "mean_treated": .number(e.meanTreated),
                    "mean_control": .number(e.meanControl),
                ])
            }))
        })
    }

    var didJSON: JSONValue {
        let (pre, post) = matched.didWindows
        return .array(matched.did.map { e in
            .object([
                "outcome": .string(e.outcome.rawValue),
                "pre_months": .array([.integer(pre.lowerBound), .integer(pre.upperBound)]),
                "post_months": .array([.integer(post.lowerBound), .integer(post.upperBound)]),
                "suppressed": .bool(e.suppressed),
                "estimate": .number(e.estimate),
                "std_error": .number(e.standardError),
                "conf_low": .number(e.confidenceLow),
                "conf_high": .number(e.confidenceHigh),
            ])
        })
    }

    /// Per source and perspective: cost, gains, NPV, ROI and payback month (`null`: not within the horizon, or no
    /// cost), bootstrap intervals (`null` without `--bootstrap`; an interval end beyond the horizon is `null`
    /// too), and the cumulative discounted gain by month.
    var paybackJSON: JSONValue {
        let model = payback.model
        func month(_ m: Double?) -> JSONValue { m.map { $0 > Double(model.horizonMonths) ? .null : .number($0) } ?? .null }
        var results: [JSONValue] = [], curves: [JSONValue] = []
        for source in payback.sources {
            for c in source.curves {
                let ci = source.intervals[c.perspective]
                results.append(.object([
                    "source": .string(source.name),
                    "perspective": .string(c.perspective.rawValue),
                    "cost": .number(c.cost),
                    "total_gain": .number(c.totalGain),
                    "npv": .number(c.netPresentValue),
                    "roi": .number(c.returnOnInvestment),
                    "payback_month": .integer(c.paybackMonth),
                    "payback_month_low": month(ci?.paybackLow),
                    "payback_month_high": month(ci?.paybackHigh),
                    "npv_low": .number(ci?.npvLow),
                    "npv_high": .number(ci?.npvHigh),
                    "break_even_cost": .number(c.breakEvenCost),
                    "break_even_cost_low": .number(ci?.breakEvenLow),
                    "break_even_cost_high": .number(ci?.breakEvenHigh),
                ]))
                curves.append(.object([
                    "source": .string(source.name),
                    "perspective": .string(c.perspective.rawValue),
                    "cost": .number(c.cost),
                    "cumulative_discounted_gain": .array(c.cumulativeDiscounted.map { .number($0) }),
                ]))
            }
        }
        return .object([
            "cost_per_participant": .number(model.costPerParticipant),
            "horizon_months": .integer(model.horizonMonths),
            "discount_rate": .number(model.discountRate),
            "share_under_26": .number(model.valuation.shareUnder26),
            "employer_fee_rate": .number(model.valuation.feeRate),
            "bootstrap_replicates": .integer(payback.replicates),
            "results": .array(results),
            "curves": .array(curves),
        ])
    }
}
