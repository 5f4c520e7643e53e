import Registers
import Stats

/// A matched row: a person observed from a month on, with its matching weight and matched set.
public struct MatchedUnit: Sendable {
    /// The person (an index into `Registers/persons`).
    public var person: Int
    /// The start month of the risk set the unit was matched in: month 0 of its event time.
    public var month: Month
    /// Whether the unit is a participant (`true`) or a comparison.
    public var treated: Bool
    /// The matching weight (`MatchedSample/weights`).
    public var weight: Double
    /// The cluster: the matched set (`MatchedSample/subclass`), or another cluster where sets overlap (the evaluator
    /// passes the person when matching with replacement). Standard errors are clustered on it and ``PairBootstrap``
    /// resamples it.
    public var subclass: Int

    /// A matched unit from its person, start month, treatment status, matching weight and matched set.
    public init(person: Int, month: Month, treated: Bool, weight: Double, subclass: Int) {
        self.person = person
        self.month = month
        self.treated = treated
        self.weight = weight
        self.subclass = subclass
    }
}

/// The ATT at each month relative to the start (an event-study curve) on a matched sample:
/// ```
/// ATT_k = β̂ in  Y_{i, mᵢ+k} = α + β·Dᵢ + εᵢ,   weighted by the matching weights wᵢ,
///       = Σ_T wᵢY_{i, mᵢ+k} / Σ_T wᵢ − Σ_C wᵢY_{i, mᵢ+k} / Σ_C wᵢ
/// SE: two-way cluster-robust by matched set g = ``MatchedUnit/subclass`` and by person h (HC1-type, sandwich's
///     vcovCL with cluster = ~ g + h):   V = V_g + V_h − V_{g∩h},
///     V_c = C/(C − 1) · (n − 1)/(n − 2) · B (Σ_c S_c S_c') B,   B = (X'WX)⁻¹,   S_c = Σ_{i∈c} wᵢeᵢxᵢ
/// 95 % interval: β̂ ± t₀.₉₇₅(n − 2) · SE
/// ```
/// The matched set carries the dependence between a participant and its comparisons (Abadie & Spiess 2022); the
/// person carries that of one person's rows in several start months' risk sets — a comparison matched in two months,
/// or a participant who served as a comparison before starting (Cameron, Gelbach & Miller 2011). Should the
/// two-way variance not be positive, the one-way variance by matched set is used.
/// Units whose month `mᵢ + k` lies outside the panel are left out of that month's regression; an outcome constant at
/// `k` gets estimate and standard error 0. Months before the start (k < 0) show pre-trends; with matching on the
/// history they should be near zero. The standard errors take the matched sample as given: they do not reflect the
/// estimation of the propensity score or the matching (``PairBootstrap`` resamples matched sets).
///
/// References: Ho, Imai, King & Stuart (2007), matching as preprocessing before a parametric analysis, and MatchIt's
/// vignette "Estimating Effects After Matching" (the ATT by weighted regression, clustered by subclass); Zeileis, Köll
/// & Graham (2020) for sandwich's `vcovCL`; Abadie & Imbens (2006) on matching estimators of the ATT.
public struct EventStudy: Sendable {
    /// One point of the curve: the ATT on an outcome at month `k` relative to the start, its cluster-robust standard
    /// error and 95 % interval, and the weighted group means and unit counts behind it (formulas in ``EventStudy``).
    public struct Estimate: Sendable {
        public var outcome: Outcome
        /// `k`: months from the start month (0 is the start month).
        public var relativeMonth: Int
        /// `ATT_k = β̂`, the weighted difference in means (0 for an outcome constant at `k`).
        public var estimate: Double
        /// Two-way cluster-robust by matched set and person (HC1-type); 0 for an outcome constant at `k`.
        public var standardError: Double
        /// `β̂ − t₀.₉₇₅(n − 2)·SE`.
        public var confidenceLow: Double
        /// `β̂ + t₀.₉₇₅(n − 2)·SE`.
        public var confidenceHigh: Double
        /// Treated units observed at the month.
        public var treatedCount: Int
        /// Control units observed at the month.
        public var controlCount: Int
        /// `Σ wᵢYᵢ / Σ wᵢ` over the treated units observed at the month.
        public var meanTreated: Double
        /// `Σ wᵢYᵢ / Σ wᵢ` over the control units observed at the month.
        public var meanControl: Double
    }

    /// The estimates, outcome by outcome and month by month; an (outcome, `k`) without an observed treated or control
    /// unit is left out.
    public let estimates: [Estimate]

    /// Estimates `ATT_k` for every outcome and every `k` in `relativeMonths` (−24…36 by default) by a weighted
    /// regression with standard errors clustered by matched set and person.
    ///
    /// - Throws: ``DataError`` when a regression cannot be fitted (e.g. fewer than three units with non-zero weight).
    public init(units: [MatchedUnit], panel: SupportPanel, outcomes: [Outcome] = Outcome.allCases,
                relativeMonths: ClosedRange<Int> = -24...36) throws {
        var estimates: [Estimate] = []
        for outcome in outcomes {
            for k in relativeMonths {
                var y: [Double] = [], d: [Double] = [], w: [Double] = [], g: [Double] = [], h: [Double] = []
                for u in units {
                    guard let c = panel.cell(person: u.person, month: u.month.advanced(by: k)) else { continue }
                    y.append(outcome.value(panel, cell: c)); d.append(u.treated ? 1 : 0); w.append(u.weight)
                    g.append(Double(u.subclass)); h.append(Double(u.person))
                }
                let nt = d.filter { $0 == 1 }.count, nc = d.count - nt
                guard nt > 0, nc > 0 else { continue }
                estimates.append(try EventStudy.estimate(outcome: outcome, k: k, y: y, d: d, w: w, g: g, h: h, nt: nt, nc: nc))
            }
        }
        self.estimates = estimates
    }

    static func estimate(outcome: Outcome, k: Int, y: [Double], d: [Double], w: [Double], g: [Double], h: [Double],
                         nt: Int, nc: Int) throws -> Estimate {
        let mt = weightedMean(y, w, where: d, 1), mc = weightedMean(y, w, where: d, 0)
        let table = DataTable(["y": .numeric(y, isInteger: false), "d": .numeric(d, isInteger: true),
                               "w": .numeric(w, isInteger: false), "g": .numeric(g, isInteger: true),
                               "h": .numeric(h, isInteger: true)])
        // A constant outcome (everyone 0) has no variance: the difference is exactly 0 with standard error 0.
        if Set(y).count == 1 {
            return Estimate(outcome: outcome, relativeMonth: k, estimate: 0, standardError: 0, confidenceLow: 0,
                            confidenceHigh: 0, treatedCount: nt, controlCount: nc, meanTreated: mt, meanControl: mc)
        }
        let fit = try LinearModel("y ~ d", weights: "w", clusterVariables: ["g", "h"]).fit(table)
        var row = try fit.inference(.cluster(["g", "h"]))["d"]!
        if !(row.standardError > 0) { row = try fit.inference(.cluster(["g"]))["d"]! }
        return Estimate(outcome: outcome, relativeMonth: k, estimate: row.estimate, standardError: row.standardError,
                        confidenceLow: row.confidenceLow, confidenceHigh: row.confidenceHigh, treatedCount: nt,
                        controlCount: nc, meanTreated: mt, meanControl: mc)
    }
}

extension EventStudy {
    /// The matched difference of a per-unit value (nil: the unit is left out), with the standard error and interval of
    /// ``EventStudy``; nil without participant and comparison units.
    static func estimate(units: [MatchedUnit], outcome: Outcome, value: (MatchedUnit) -> Double?) throws -> Estimate? {
        var y: [Double] = [], d: [Double] = [], w: [Double] = [], g: [Double] = [], h: [Double] = []
        for u in units {
            guard let v = value(u) else { continue }
            y.append(v); d.append(u.treated ? 1 : 0); w.append(u.weight); g.append(Double(u.subclass))
            h.append(Double(u.person))
        }
        let nt = d.filter { $0 == 1 }.count
        guard nt > 0, d.count > nt else { return nil }
        return try estimate(outcome: outcome, k: 0, y: y, d: d, w: w, g: g, h: h, nt: nt, nc: d.count - nt)
    }
}

func weightedMean(_ y: [Double], _ w: [Double], where d: [Double], _ value: Double) -> Double {
    var s = 0.0, sw = 0.0
    for i in y.indices where d[i] == value { s += w[i] * y[i]; sw += w[i] }
    return sw > 0 ? s / sw : .nan
}

/// The difference-in-differences summary of an event study: for each unit the mean outcome over the post window
/// minus the mean over the pre window, regressed on treatment with the matching weights (cluster-robust by matched
/// set):
/// ```
/// ΔYᵢ = mean_{k∈post} Y_{i, mᵢ+k} − mean_{k∈pre} Y_{i, mᵢ+k}
/// DiD = β̂ in  ΔYᵢ = α + β·Dᵢ + εᵢ,   weighted by the matching weights wᵢ
///     = Σ_T wᵢΔYᵢ / Σ_T wᵢ − Σ_C wᵢΔYᵢ / Σ_C wᵢ
/// SE and 95 % interval as in ``EventStudy``: two-way cluster-robust by matched set and person, t with n − 2 degrees of freedom
/// ```
/// Only units observed in every month of both windows count. With matching on the history, the pre window mostly
/// removes level differences that matching left. This is the conditional difference-in-differences matching
/// estimator (Heckman, Ichimura & Todd 1997; Smith & Todd 2005).
public struct DifferenceInDifferences: Sendable {
    /// The difference-in-differences of one outcome, with its cluster-robust standard error and 95 % interval.
    public struct Estimate: Sendable {
        public var outcome: Outcome
        /// `β̂`, the weighted difference between the groups' mean changes `ΔY`.
        public var estimate: Double
        /// Two-way cluster-robust by matched set and person (HC1-type).
        public var standardError: Double
        /// `β̂ − t₀.₉₇₅(n − 2)·SE`.
        public var confidenceLow: Double
        /// `β̂ + t₀.₉₇₅(n − 2)·SE`.
        public var confidenceHigh: Double
        /// Treated units observed over both windows.
        public var treatedCount: Int
        /// Control units observed over both windows.
        public var controlCount: Int
    }

    /// The pre window, in months relative to the start (−12…−1 by default).
    public let pre: ClosedRange<Int>
    /// The post window, in months relative to the start (0…12 by default).
    public let post: ClosedRange<Int>
    /// One estimate per outcome that has treated and control units observed over both windows.
    public let estimates: [Estimate]

    /// Estimates the difference-in-differences of every outcome over the `pre` and `post` windows. Only units observed
    /// in every month of both windows count; an outcome without such treated and control units is left out.
    ///
    /// - Throws: ``DataError`` when a regression cannot be fitted.
    public init(units: [MatchedUnit], panel: SupportPanel, outcomes: [Outcome] = Outcome.allCases,
                pre: ClosedRange<Int> = -12...(-1), post: ClosedRange<Int> = 0...12) throws {
        self.pre = pre
        self.post = post
        var estimates: [Estimate] = []
        for outcome in outcomes {
            guard let e = try EventStudy.estimate(units: units, outcome: outcome, value: {
                DifferenceInDifferences.change($0, panel: panel, outcome: outcome, pre: pre, post: post)
            }) else { continue }
            estimates.append(Estimate(outcome: outcome, estimate: e.estimate, standardError: e.standardError,
                                      confidenceLow: e.confidenceLow, confidenceHigh: e.confidenceHigh,
                                      treatedCount: e.treatedCount, controlCount: e.controlCount))
        }
        self.estimates = estimates
    }

    /// `ΔY` of a unit: its mean outcome over `post` less that over `pre`; nil unless observed in every month of both.
    static func change(_ u: MatchedUnit, panel: SupportPanel, outcome: Outcome, pre: ClosedRange<Int>,
                       post: ClosedRange<Int>) -> Double? {
        guard let b = mean(u, panel: panel, outcome: outcome, months: pre),
              let a = mean(u, panel: panel, outcome: outcome, months: post) else { return nil }
        return a - b
    }

    /// A unit's mean outcome over `months` (relative to its start); nil unless observed in every one of them.
    static func mean(_ u: MatchedUnit, panel: SupportPanel, outcome: Outcome, months: ClosedRange<Int>) -> Double? {
        let cells = months.compactMap { panel.cell(person: u.person, month: u.month.advanced(by: $0)) }
        guard cells.count == months.count else { return nil }
        return cells.reduce(0) { $0 + outcome.value(panel, cell: $1) } / Double(cells.count)
    }
}
