import Effects
import Foundation
import Payback
import Transitions

extension CohortResults {
    /// The end-of-run summary on stdout: participants, public support before and after, the matched counts, the
    /// ATT at +12 months with its 95 % interval, and the society's payback month, naive against counterfactual.
    /// A suppressed figure shows as `..`.
    public func consoleSummary(outPath: String) -> String {
        func count(_ n: Int?) -> String { n.map(String.init) ?? ".." }
        func pct(_ t: TimePoint) -> String {
            guard let share = beforeAfter.overallShare(.publicSupport, at: t)?.share, share.isFinite else { return ".." }
            return String(format: "%.1f %%", 100 * share)
        }
        var lines = ["Cohort \(provenance.cohort): \(count(participants)) participants"
                     + (provenance.scope == "all" ? "" : " of \(provenance.scope)"),
                     "On public support: before \(pct(.beforeStart)), at exit \(pct(.exit)), 12 months after exit \(pct(.exitPlus12))",
                     "Matched: \(count(matched.matched.treated)) participants to \(count(matched.matched.control)) comparisons"]
        for outcome in [Outcome.publicSupport, .work] {
            guard let e = matched.effect(outcome, month: 12) else { continue }
            if let estimate = e.estimate, let low = e.confidenceLow, let high = e.confidenceHigh {
                lines.append(String(format: "ATT on %@ at +12 months: %+.1f pp (95 %% CI %+.1f to %+.1f)", outcome.rawValue,
                                    100 * estimate, 100 * low, 100 * high))
            } else {
                lines.append("ATT on \(outcome.rawValue) at +12 months: .. (suppressed)")
            }
        }
        let horizon = payback.model.horizonMonths
        func month(_ curve: PaybackModel.Curve?) -> String {
            guard let curve else { return ".. (suppressed)" }
            return curve.paybackMonth.map { "\($0) months" } ?? "not within \(horizon) months"
        }
        func end(_ m: Double) -> String { m > Double(horizon) ? "not within \(horizon)" : formatInterval(m) }
        var paybackLine = "Payback (society): naive \(month(payback.curve("naive", .society))), "
            + "counterfactual \(month(payback.curve("counterfactual", .society)))"
        if let ci = payback.sources.first(where: { $0.name == "counterfactual" })?.intervals[.society] {
            paybackLine += " (95 % interval \(end(ci.paybackLow)) to \(end(ci.paybackHigh)))"
        }
        lines.append(paybackLine)
        lines.append("Results in \(outPath)/ (report.html, results.json and CSV files)")
        return lines.joined(separator: "\n")
    }

    /// An interval end in months: whole months as integers, interpolated quantiles with one decimal.
    private func formatInterval(_ m: Double) -> String {
        m == m.rounded() ? String(Int(m)) : String(format: "%.1f", m)
    }
}
