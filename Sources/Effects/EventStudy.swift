import Registers
import Stats

/// A matched row: a person observed from a month on, with its matching weight and matched set.
public struct MatchedUnit: Sendable {
    public var person: Int
    public var month: Month
    public var treated: Bool
    public var weight: Double
    public var subclass: Int

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
/// ATT_k = β̂ in  Y_{i, mᵢ+k} = α + β·Dᵢ + εᵢ,   weighted by the matching weights,
/// SE: cluster-robust by matched set (HC1-type, sandwich's vcovCL), 95 % t interval.
/// ```
/// Rows whose month `mᵢ + k` lies outside the panel are left out of that month's regression. Months before the start
/// (k < 0) show pre-trends; with matching on the history they should be near zero. (Abadie & Imbens 2006; the ATT
/// by weighted regression as in MatchIt's "Estimating effects" vignette.)
public struct EventStudy: Sendable {
    public struct Estimate: Sendable {
        public var outcome: Outcome
        public var relativeMonth: Int
        public var estimate: Double
        public var standardError: Double
        public var confidenceLow: Double
        public var confidenceHigh: Double
        /// Treated and control persons observed.
        public var treatedCount: Int
        public var controlCount: Int
        public var meanTreated: Double
        public var meanControl: Double
    }

    public let estimates: [Estimate]

    public init(units: [MatchedUnit], panel: SupportPanel, outcomes: [Outcome] = Outcome.allCases,
                relativeMonths: ClosedRange<Int> = -24...36) throws {
        var estimates: [Estimate] = []
        for outcome in outcomes {
            for k in relativeMonths {
                var y: [Double] = [], d: [Double] = [], w: [Double] = [], g: [Double] = []
                for u in units {
                    guard let c = panel.cell(person: u.person, month: u.month.advanced(by: k)) else { continue }
                    y.append(outcome.value(panel, cell: c)); d.append(u.treated ? 1 : 0); w.append(u.weight); g.append(Double(u.subclass))
                }
                let nt = d.filter { $0 == 1 }.count, nc = d.count - nt
                guard nt > 0, nc > 0 else { continue }
                estimates.append(try EventStudy.estimate(outcome: outcome, k: k, y: y, d: d, w: w, g: g, nt: nt, nc: nc))
            }
        }
        self.estimates = estimates
    }

    static func estimate(outcome: Outcome, k: Int, y: [Double], d: [Double], w: [Double], g: [Double], nt: Int, nc: Int) throws -> Estimate {
        let mt = weightedMean(y, w, where: d, 1), mc = weightedMean(y, w, where: d, 0)
        let table = DataTable(["y": .numeric(y, isInteger: false), "d": .numeric(d, isInteger: true),
                               "w": .numeric(w, isInteger: false), "g": .numeric(g, isInteger: true)])
        // A constant outcome (everyone 0) has no variance: the difference is exactly 0 with standard error 0.
        if Set(y).count == 1 {
            return Estimate(outcome: outcome, relativeMonth: k, estimate: 0, standardError: 0, confidenceLow: 0,
                            confidenceHigh: 0, treatedCount: nt, controlCount: nc, meanTreated: mt, meanControl: mc)
        }
        let fit = try LinearModel("y ~ d", weights: "w", clusterVariables: ["g"]).fit(table)
        let row = try fit.inference(.cluster(["g"]))["d"]!
        return Estimate(outcome: outcome, relativeMonth: k, estimate: row.estimate, standardError: row.standardError,
                        confidenceLow: row.confidenceLow, confidenceHigh: row.confidenceHigh, treatedCount: nt,
                        controlCount: nc, meanTreated: mt, meanControl: mc)
    }
}

func weightedMean(_ y: [Double], _ w: [Double], where d: [Double], _ value: Double) -> Double {
    var s = 0.0, sw = 0.0
    for i in y.indices where d[i] == value { s += w[i] * y[i]; sw += w[i] }
    return sw > 0 ? s / sw : .nan
}

/// The difference-in-differences summary of an event study: for each unit the mean outcome over the post window
/// minus the mean over the pre window, regressed on treatment with the matching weights (cluster-robust by matched
/// set). With matching on the history, the pre window mostly removes level differences that matching left.
public struct DifferenceInDifferences: Sendable {
    public struct Estimate: Sendable {
        public var outcome: Outcome
        public var estimate: Double
        public var standardError: Double
        public var confidenceLow: Double
        public var confidenceHigh: Double
    }

    public let pre: ClosedRange<Int>
    public let post: ClosedRange<Int>
    public let estimates: [Estimate]

    public init(units: [MatchedUnit], panel: SupportPanel, outcomes: [Outcome] = Outcome.allCases,
                pre: ClosedRange<Int> = -12...(-1), post: ClosedRange<Int> = 0...12) throws {
        self.pre = pre
        self.post = post
        var estimates: [Estimate] = []
        for outcome in outcomes {
            var y: [Double] = [], d: [Double] = [], w: [Double] = [], g: [Double] = []
            for u in units {
                let before = pre.compactMap { panel.cell(person: u.person, month: u.month.advanced(by: $0)) }
                let after = post.compactMap { panel.cell(person: u.person, month: u.month.advanced(by: $0)) }
                guard before.count == pre.count, after.count == post.count else { continue }
                let b = before.reduce(0) { $0 + outcome.value(panel, cell: $1) } / Double(before.count)
                let a = after.reduce(0) { $0 + outcome.value(panel, cell: $1) } / Double(after.count)
                y.append(a - b); d.append(u.treated ? 1 : 0); w.append(u.weight); g.append(Double(u.subclass))
            }
            let nt = d.filter { $0 == 1 }.count
            guard nt > 0, d.count > nt else { continue }
            let e = try EventStudy.estimate(outcome: outcome, k: 0, y: y, d: d, w: w, g: g, nt: nt, nc: d.count - nt)
            estimates.append(Estimate(outcome: outcome, estimate: e.estimate, standardError: e.standardError,
                                      confidenceLow: e.confidenceLow, confidenceHigh: e.confidenceHigh))
        }
        self.estimates = estimates
    }
}
