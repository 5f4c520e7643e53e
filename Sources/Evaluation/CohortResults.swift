import Effects
import Payback
import Reporting
import Transitions

/// Everything a cohort run publishes, built once from the run and disclosure-controlled: every output of the run
/// folder (the CSV files, `results.json`, `report.html`) and the console summary are renderings of it. It holds
/// aggregates only — no person ids, and no value resting on fewer than `--min-cell` persons (nil instead).
public struct CohortResults: Sendable {
    /// What produced the results: tool version, options, input fingerprints.
    public struct Provenance: Sendable {
        public var version: String
        public var cohort: Int
        public var data: String
        /// The run's options in order, as `run.json` lists them.
        public var options: [(String, String)]
        /// SHA-256 per input file name.
        public var inputs: [String: String]
        public var minimumCell: Int
        /// The participants evaluated: "all", or the chosen förbund and insatser by name and id.
        public var scope: String
    }

    public let provenance: Provenance
    /// The cohort's size; nil when below the minimum cell.
    public let participants: Int?
    public let beforeAfter: BeforeAfterResults
    public let matched: MatchedResults
    public let payback: PaybackResults
    /// Effects, heterogeneity tests and payback by group (`--by`); nil without groupings.
    public let groups: GroupResults?
    /// The förbund and the insatser compared (raw and shrunken ATT at +12 months).
    public let local: [LocalEffects]
    /// Notes and warnings of the run (propensity model, matching, valuation defaults).
    public let notes: [String]

    /// The outcomes whose ATT at +12 months is a headline figure.
    public static let headlineOutcomes: [Outcome] = [.publicSupport, .work, .selfSufficient]

    /// The headline figures in `summary.csv`'s order and names: participants, the share on public support before,
    /// at exit and 12 months after, the matched counts, the ATT at +12 months with its 95 % interval, and the
    /// counterfactual break-even cost for society and the public sector (with its bootstrap interval when there are
    /// replicates). An outcome without an estimate at +12 months has no rows; a suppressed value is nil.
    public var headline: [(measure: String, value: Double?)] {
        func share(_ t: TimePoint) -> Double? {
            guard let cell = beforeAfter.overallShare(.publicSupport, at: t) else { return .nan }
            return cell.share
        }
        var rows: [(String, Double?)] = [
            ("participants", participants.map(Double.init)),
            ("public_support_before", share(.beforeStart)),
            ("public_support_exit", share(.exit)),
            ("public_support_exit_plus_12", share(.exitPlus12)),
            ("matched_participants", matched.matched.treated.map(Double.init)),
            ("matched_comparisons", matched.matched.control.map(Double.init)),
        ]
        for outcome in CohortResults.headlineOutcomes {
            guard let e = matched.effect(outcome, month: 12) else { continue }
            rows.append(("att_\(outcome.rawValue)_12", e.estimate))
            rows.append(("att_\(outcome.rawValue)_12_conf_low", e.confidenceLow))
            rows.append(("att_\(outcome.rawValue)_12_conf_high", e.confidenceHigh))
        }
        // The counterfactual payback's break-even cost per participant, for society and the public sector; empty
        // when the counterfactual payback is withheld (its matched sample below the minimum cell).
        let counterfactual = payback.sources.first { $0.name == "counterfactual" }
        for perspective in [Perspective.society, .publicSector] {
            let curve = counterfactual?.curves.first { $0.perspective == perspective }
            rows.append(("break_even_cost_\(perspective.rawValue)", curve?.breakEvenCost))
            if payback.replicates > 1 {
                let ci = counterfactual?.intervals[perspective]
                rows.append(("break_even_cost_\(perspective.rawValue)_low", ci?.breakEvenLow))
                rows.append(("break_even_cost_\(perspective.rawValue)_high", ci?.breakEvenHigh))
            }
        }
        return rows
    }

    /// Where the members on public support before the start are later (the report's transition chart).
    public var supportPaths: SupportPaths { SupportPaths(beforeAfter.transitions) }
}
