import Effects
import Foundation
import Matching
import Registers
import Reporting
import Stats
import Transitions

/// Renders the cohort run's tables as CSV with disclosure control: no person ids, and every aggregate resting on
/// fewer than `--min-cell` persons suppressed (empty value, `suppressed = 1`).
struct CohortReport {
    let cohort: Cohort
    let registers: Registers
    let panel: SupportPanel
    let disclosure: Disclosure
    let writer: CSVWriter

    func transitionFiles() -> [(String, String)] {
        var rows: [[CSVWriter.Cell]] = []
        for t in TimePoint.allCases where t != .beforeStart {
            let m = TransitionMatrix(cohort: cohort, panel: panel, to: t)
            for (i, from) in m.states.enumerated() {
                let suppressed = disclosure.suppressRow(m.counts[i])
                let total = m.rowTotal(i)
                guard total > 0 else { continue }
                for (j, to) in m.states.enumerated() where m.counts[i][j] > 0 {
                    let hide = suppressed[j] || !disclosure.allows(total)
                    rows.append([.text(t.description), .text(from.rawValue), .text(to.rawValue),
                                 hide ? .missing : .number(Double(m.counts[i][j])),
                                 hide ? .missing : .number(Double(total)),
                                 hide ? .missing : .number(m.rowShare(i, j) ?? .nan), .number(hide ? 1 : 0)])
                }
            }
        }
        let transitions = writer.render(header: ["time_point", "from_state", "to_state", "persons", "row_total", "row_share", "suppressed"], rows: rows)
        let shares = IndicatorShares(cohort: cohort, panel: panel, registers: registers)
        let indicatorRows: [[CSVWriter.Cell]] = shares.cells.map { c in
            let hide = !disclosure.allows(c.persons) || (c.count > 0 && c.count < disclosure.minimumCell) || (c.persons - c.count > 0 && c.persons - c.count < disclosure.minimumCell)
            return [.text(c.subgroup.rawValue), .text(c.group), .text(c.timePoint.description), .text(c.indicator.rawValue),
                    hide ? .missing : .number(Double(c.persons)), hide ? .missing : .number(Double(c.count)),
                    hide ? .missing : .number(c.share), .number(hide ? 1 : 0)]
        }
        let indicators = writer.render(header: ["subgroup", "group", "time_point", "indicator", "persons", "count", "share", "suppressed"], rows: indicatorRows)
        let agreement = SupportAgreement(cohort: cohort, panel: panel, registers: registers)
        let agreementRows: [[CSVWriter.Cell]] = agreement.rows.map { r in
            let hide = !disclosure.allows(r.persons)
            return [.text(r.moment.rawValue), .text(r.reported), .text(r.register), hide ? .missing : .number(Double(r.persons)), .number(hide ? 1 : 0)]
        }
        return [("transitions.csv", transitions), ("indicators.csv", indicators),
                ("agreement.csv", writer.render(header: ["moment", "sus_reported", "register_state", "persons", "suppressed"], rows: agreementRows))]
    }

    func matchingFiles(matched: CohortMatching.Result, events: EventStudy, did: DifferenceInDifferences,
                       bootstrap: PairBootstrap?) -> [(String, String)] {
        let sizes = matched.balance.sampleSizes
        let smallest = min(sizes.matched.treated, sizes.matched.control)
        var balanceRows: [[CSVWriter.Cell]] = []
        for (sample, rows, n) in [("all", matched.balance.before, min(sizes.all.treated, sizes.all.control)), ("matched", matched.balance.after, smallest)] {
            let hide = !disclosure.allows(n)
            for r in rows {
                balanceRows.append([.text(r.covariate), .text(sample), hide ? .missing : .number(r.meansTreated), hide ? .missing : .number(r.meansControl),
                                    hide ? .missing : .number(r.standardizedMeanDifference), (hide ? nil : r.varianceRatio).map { .number($0) } ?? .missing,
                                    hide ? .missing : .number(r.ecdfMean), hide ? .missing : .number(r.ecdfMax), .number(hide ? 1 : 0)])
            }
        }
        let balance = writer.render(header: ["covariate", "sample", "means_treated", "means_control", "std_mean_diff", "var_ratio", "ecdf_mean", "ecdf_max", "suppressed"], rows: balanceRows)
        let effectRows: [[CSVWriter.Cell]] = events.estimates.map { e in
            let hide = !disclosure.allows(e.treatedCount) || !disclosure.allows(e.controlCount)
            let boot = hide ? nil : bootstrap?.interval(e.outcome, month: e.relativeMonth)
            return [.text(e.outcome.rawValue), .number(Double(e.relativeMonth)), hide ? .missing : .number(e.estimate),
                    hide ? .missing : .number(e.standardError), hide ? .missing : .number(e.confidenceLow), hide ? .missing : .number(e.confidenceHigh),
                    boot.map { .number($0.standardError) } ?? .missing, boot.map { .number($0.low) } ?? .missing,
                    boot.map { .number($0.high) } ?? .missing,
                    hide ? .missing : .number(e.meanTreated), hide ? .missing : .number(e.meanControl),
                    hide ? .missing : .number(Double(e.treatedCount)), hide ? .missing : .number(Double(e.controlCount)), .number(hide ? 1 : 0)]
        }
        let effects = writer.render(header: ["outcome", "relative_month", "att", "std_error", "conf_low", "conf_high", "boot_std_error", "boot_conf_low", "boot_conf_high", "mean_treated", "mean_control", "treated_persons", "control_persons", "suppressed"], rows: effectRows)
        let didRows: [[CSVWriter.Cell]] = did.estimates.map { e in
            [.text(e.outcome.rawValue), .text("\(did.pre.lowerBound)…\(did.pre.upperBound)"), .text("\(did.post.lowerBound)…\(did.post.upperBound)"),
             .number(e.estimate), .number(e.standardError), .number(e.confidenceLow), .number(e.confidenceHigh)]
        }
        let didFile = writer.render(header: ["outcome", "pre_months", "post_months", "estimate", "std_error", "conf_low", "conf_high"], rows: didRows)
        return [("balance.csv", balance), ("effects.csv", effects), ("did.csv", didFile)]
    }

    func headline(_ events: EventStudy, _ outcome: Outcome, _ k: Int) -> EventStudy.Estimate? {
        events.estimates.first { $0.outcome == outcome && $0.relativeMonth == k }
    }

    func summary(matched: CohortMatching.Result, events: EventStudy) -> String {
        let shares = IndicatorShares(cohort: cohort, panel: panel, registers: registers, subgroups: [.all])
        func share(_ t: TimePoint) -> Double { shares.cells.first { $0.timePoint == t && $0.indicator == .publicSupport }?.share ?? .nan }
        var rows: [[CSVWriter.Cell]] = [
            [.text("participants"), .number(Double(cohort.members.count))],
            [.text("public_support_before"), .number(share(.beforeStart))],
            [.text("public_support_exit"), .number(share(.exit))],
            [.text("public_support_exit_plus_12"), .number(share(.exitPlus12))],
            [.text("matched_participants"), .number(Double(matched.balance.sampleSizes.matched.treated))],
            [.text("matched_comparisons"), .number(Double(matched.balance.sampleSizes.matched.control))],
        ]
        for outcome in [Outcome.publicSupport, .work, .selfSufficient] {
            if let e = headline(events, outcome, 12) {
                rows.append([.text("att_\(outcome.rawValue)_12"), .number(e.estimate)])
                rows.append([.text("att_\(outcome.rawValue)_12_conf_low"), .number(e.confidenceLow)])
                rows.append([.text("att_\(outcome.rawValue)_12_conf_high"), .number(e.confidenceHigh)])
            }
        }
        return writer.render(header: ["measure", "value"], rows: rows)
    }

    func consoleSummary(matched: CohortMatching.Result, events: EventStudy, outPath: String) -> String {
        let shares = IndicatorShares(cohort: cohort, panel: panel, registers: registers, subgroups: [.all])
        func pct(_ t: TimePoint) -> String {
            let c = shares.cells.first { $0.timePoint == t && $0.indicator == .publicSupport }!
            return disclosure.allows(c.persons) ? String(format: "%.1f %%", 100 * c.share) : ".."
        }
        var lines = ["Cohort \(cohort.year): \(cohort.members.count) participants",
                     "On public support: before \(pct(.beforeStart)), at exit \(pct(.exit)), 12 months after exit \(pct(.exitPlus12))",
                     "Matched: \(matched.balance.sampleSizes.matched.treated) participants to \(matched.balance.sampleSizes.matched.control) comparisons"]
        for outcome in [Outcome.publicSupport, .work] {
            if let e = headline(events, outcome, 12) {
                lines.append(String(format: "ATT on %@ at +12 months: %+.1f pp (95 %% CI %+.1f to %+.1f)", outcome.rawValue,
                                    100 * e.estimate, 100 * e.confidenceLow, 100 * e.confidenceHigh))
            }
        }
        lines.append("Results in \(outPath)/")
        return lines.joined(separator: "\n")
    }
}
