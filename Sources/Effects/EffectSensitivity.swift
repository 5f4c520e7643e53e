import Foundation
import Registers
import Stats

/// How strong unmeasured confounding would have to be to explain away the matched ATT at a month, or the difference
/// in differences: its E-values
/// (``Stats/EValue``; VanderWeele & Ding 2017).
///
/// - An indicator outcome (public support, work, …) is put on the risk-ratio scale from the matched means,
///   `RR = μ̂_T / μ̂_C`, with the interval `exp(log RR ± t₀.₉₇₅(n − 2)·SE)`, `SE` the delta-method standard error of
///   `log RR` clustered as the ATT's (two ways, by matched set and person): each unit's influence on its arm's mean
///   divided by that mean, `ψᵢ = ±wᵢ(Yᵢ − μ̂)/(W·μ̂)`.
/// - Any other outcome (support FTE, amounts, earnings) is put on the standardized-difference scale,
///   `d = ATT / σ̂` with `σ̂` the pooled within-arm weighted standard deviation at the month and `SE(d) = SE / σ̂`,
///   and through `RR ≈ exp(0.91·d)` (R's EValue `evalues.MD`).
///
/// The E-value of the estimate says how strongly (as a risk ratio) a confounder would have to be associated with both
/// taking part and the outcome to move the estimate to no effect; that of the interval, to move its limit nearest
/// no effect onto it (1 when the interval already contains no effect).
public struct EffectSensitivity: Sendable {
    /// The scale the effect is put on.
    public enum Scale: String, Sendable {
        case riskRatio = "risk_ratio"
        case standardizedDifference = "standardized_difference"
    }

    public var outcome: Outcome
    /// The month of the effect from the start; nil for the difference in differences.
    public var relativeMonth: Int?
    public var scale: Scale
    /// `μ̂_T / μ̂_C` or `d = ATT / σ̂`.
    public var estimate: Double
    /// The interval the E-value of the interval starts from: the risk ratio's, or `d ± (1.78/0.91)·SE(d)` (the limits
    /// that map to EValue's `exp(0.91·d ± 1.78·SE)`).
    public var low: Double
    public var high: Double
    public var evalue: EValue
    /// The Γ at which Rosenbaum's bound of the one-sided p-value, in the effect's direction, reaches 0.05
    /// (``Stats/RosenbaumBounds``): McNemar's test on the discordant pairs when the outcome is an indicator and every
    /// participant has exactly one comparison, else Wilcoxon's signed-rank test on each participant's difference from
    /// the mean of its comparisons (sets of one participant and m comparisons reduced to pairs). 1: not significant
    /// even without hidden bias; nil without matched sets.
    public var rosenbaumGamma: Double?

    /// A participant and its comparisons, as matched.
    public struct MatchedSet: Sendable {
        public var treated: MatchedUnit
        public var controls: [MatchedUnit]
        /// A participant with its comparisons.
        public init(treated: MatchedUnit, controls: [MatchedUnit]) {
            self.treated = treated
            self.controls = controls
        }
    }

    /// The E-values at month `k`; nil when an arm is not observed, an indicator's mean is 0 in an arm, or the
    /// outcome does not vary.
    public init?(units: [MatchedUnit], panel: SupportPanel, outcome: Outcome, month k: Int, sets: [MatchedSet] = []) throws {
        try self.init(units: units, outcome: outcome, relativeMonth: k, riskRatio: outcome.isIndicator, sets: sets) { u in
            panel.cell(person: u.person, month: u.month.advanced(by: k)).map { outcome.value(panel, cell: $0) }
        }
    }

    /// The E-values of the difference in differences (``DifferenceInDifferences``): the change `ΔY` from the `pre` to
    /// the `post` window is a continuous outcome for every outcome, so it is put on the standardized-difference
    /// scale, and Rosenbaum's bound uses Wilcoxon's test on the matched sets' differences in `ΔY`. nil as for a month.
    public init?(differenceInDifferences units: [MatchedUnit], panel: SupportPanel, outcome: Outcome,
                 pre: ClosedRange<Int> = -12...(-1), post: ClosedRange<Int> = 0...12, sets: [MatchedSet] = []) throws {
        try self.init(units: units, outcome: outcome, relativeMonth: nil, riskRatio: false, sets: sets) { u in
            DifferenceInDifferences.change(u, panel: panel, outcome: outcome, pre: pre, post: post)
        }
    }

    /// The E-values of the effect on `value(unit)` (nil: not observed), on the risk-ratio scale when `riskRatio`.
    init?(units: [MatchedUnit], outcome: Outcome, relativeMonth k: Int?, riskRatio: Bool, sets: [MatchedSet],
          value: (MatchedUnit) -> Double?) throws {
        let grouped = units.map { GroupedEventStudy.Unit($0, group: 0) }
        let values = units.map(value)
        let cells = values.map { $0 == nil ? -1 : 0 }
        let y = values.map { $0 ?? 0 }
        let clusters = GroupedEventStudy.ClusterCodes(grouped)
        guard let fit = try GroupedEventStudy.month(units: grouped, cells: cells, y: y, groupCount: 1, clusters: clusters)
        else { return nil }
        let (treated, control) = fit.means[0]
        let se = fit.covariance[0].squareRoot()
        self.outcome = outcome
        relativeMonth = k
        if riskRatio {
            guard treated > 0, control > 0 else { return nil }
            // log RR's influence: each arm's influence on its mean divided by the mean — the ATT machinery on Y/μ̂.
            let scaled = units.indices.map { y[$0] / (units[$0].treated ? treated : control) }
            guard let ratio = try GroupedEventStudy.month(units: grouped, cells: cells, y: scaled, groupCount: 1, clusters: clusters)
            else { return nil }
            let logSE = ratio.covariance[0].squareRoot()
            scale = .riskRatio
            estimate = treated / control
            low = estimate * exp(-fit.t * logSE)
            high = estimate * exp(fit.t * logSE)
            evalue = EValue(riskRatio: estimate, low: low, high: high)
        } else {
            var squares = 0.0, weights = 0.0
            for i in units.indices where cells[i] >= 0 {
                let mean = units[i].treated ? treated : control
                squares += units[i].weight * (y[i] - mean) * (y[i] - mean)
                weights += units[i].weight
            }
            let sd = (squares / weights).squareRoot()
            guard sd > 0 else { return nil }
            scale = .standardizedDifference
            estimate = fit.estimates[0] / sd
            let halfWidth = EValue.standardizedLimitWidth / EValue.standardizedToLogRatio * se / sd
            low = estimate - halfWidth
            high = estimate + halfWidth
            evalue = EValue(standardizedDifference: estimate, standardError: se / sd)
        }
        rosenbaumGamma = sets.isEmpty ? nil : EffectSensitivity.rosenbaumGamma(sets, binary: riskRatio, direction: fit.estimates[0],
                                                                                value: value)
    }

    /// Rosenbaum's Γ of ``rosenbaumGamma`` from the matched sets observed (`value` not nil), in the direction of the
    /// sign of `direction` (the ATT); 1 for an ATT of 0. McNemar's bound when `binary` and every set is a pair.
    static func rosenbaumGamma(_ sets: [MatchedSet], binary: Bool, direction: Double, value: (MatchedUnit) -> Double?) -> Double {
        guard direction != 0 else { return 1 }
        var differences: [Double] = []
        var pairsOnly = true
        for set in sets {
            guard let treated = value(set.treated) else { continue }
            let controls = set.controls.compactMap(value)
            guard !controls.isEmpty else { continue }
            if set.controls.count != 1 { pairsOnly = false }
            differences.append((direction > 0 ? 1 : -1) * (treated - controls.reduce(0, +) / Double(controls.count)))
        }
        if binary && pairsOnly {
            let favouring = differences.filter { $0 > 0 }.count, discordant = differences.filter { $0 != 0 }.count
            return RosenbaumBounds.crossing { RosenbaumBounds.mcNemarUpperP(favouring: favouring, discordant: discordant, gamma: $0) }
        }
        let sums = RosenbaumBounds.signedRanks(differences)
        return RosenbaumBounds.crossing { RosenbaumBounds.signedRankUpperP(sums, gamma: $0) }
    }
}
