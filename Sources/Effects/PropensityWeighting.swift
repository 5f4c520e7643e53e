import Linalg
import Matching
import Registers
import Stats

/// Two more estimators of the ATT from the same risk sets and propensity score as the matching: inverse-probability
/// weighting (IPW) and the doubly robust augmented IPW (AIPW).
///
/// In each start month (stratum) `s` with `n_{T,s}` participants, participants weigh 1 and a comparison with
/// propensity `eᵢ` weighs its odds, normalised so that the comparisons of the month weigh as much as its participants:
/// ```
/// wᵢ = 1 (participants),   wᵢ = n_{T,s} · (eᵢ/(1 − eᵢ)) / Σ_{j ∈ C,s} eⱼ/(1 − eⱼ)   (comparisons)
/// ATT_IPW  = β̂ in  Yᵢ = α + β·Dᵢ + εᵢ,  weighted by wᵢ   = Σ_T Yᵢ / n_T − Σ_C wᵢYᵢ / Σ_C wᵢ
/// ATT_AIPW = the same on the residuals  rᵢ = Yᵢ − m̂₀(xᵢ),  m̂₀ the least-squares fit of Y on the propensity
///            model's design (intercept, start months, covariates) over the comparisons
/// ```
/// The odds weights make the comparisons' covariate distribution that of the participants (Hirano, Imbens & Ridder
/// 2003; the ATT weights of Imbens 2004); normalising within the month keeps each month's participants compared with
/// that month's comparisons, as the risk-set matching does. AIPW subtracts the comparisons' outcome regression before
/// weighting, so the estimate is consistent when either the propensity model or the outcome model is right (Robins,
/// Rotnitzky & Zhao 1994; for the ATT, Sant'Anna & Zhao 2020, the "traditional" doubly robust estimator).
///
/// Standard errors: the weighted regression's sandwich clustered by person, HC1-type (sandwich's
/// `vcovCL(cluster = ~ person, type = "HC1")`), computed from each row's influence
/// `ψᵢ = ±wᵢ(Yᵢ − μ̂_arm)/W_arm`: `V = G/(G − 1) · (n − 1)/(n − 2) · Σ_persons (Σ ψᵢ)²`, with `n` rows and `G` persons
/// (a person is a comparison in several start months and may later be a participant). Intervals use t with `n − 2`
/// degrees of freedom. The weights and the outcome model are taken as given: the variance from estimating the
/// propensity score and `m̂₀` is not added (it is in M-estimation sandwiches such as WeightIt's); the generator's
/// truth checks the intervals' coverage.
///
/// Months whose month `k` lies beyond the data for a start month leave that month's rows out; every row of a start
/// month shares its observation window, so the outcome model is built from per-month cross products
/// (`X'X` and `X'Y` once for all outcomes and months, one streamed pass over the design).
public struct PropensityWeighting: Sendable {
    /// The estimators reported side by side.
    public enum Estimator: String, Sendable, CaseIterable {
        case matching, ipw, aipw
    }

    /// One estimate of the ATT on an outcome at month `k` from the start.
    public struct Estimate: Sendable, Equatable {
        public var outcome: Outcome
        public var relativeMonth: Int
        public var estimator: Estimator
        public var estimate: Double
        /// Clustered by person (HC1-type).
        public var standardError: Double
        public var confidenceLow: Double
        public var confidenceHigh: Double
        /// `n − 2`, of the t quantile of the interval.
        public var degreesOfFreedom: Int
        /// Participant rows observed at the month.
        public var treatedCount: Int
        /// Comparison rows observed at the month (with positive weight).
        public var controlCount: Int
    }

    /// The matching estimate ``EventStudy`` made at the same month, for the side-by-side table (its standard error is
    /// clustered two ways, by matched set and person).
    public static func matching(_ e: EventStudy.Estimate) -> Estimate {
        Estimate(outcome: e.outcome, relativeMonth: e.relativeMonth, estimator: .matching, estimate: e.estimate,
                 standardError: e.standardError, confidenceLow: e.confidenceLow, confidenceHigh: e.confidenceHigh,
                 degreesOfFreedom: e.treatedCount + e.controlCount - 2, treatedCount: e.treatedCount,
                 controlCount: e.controlCount)
    }

    /// An outcome at a month from the start: one column of outcomes.
    public struct Column: Sendable, Equatable {
        public var outcome: Outcome
        public var relativeMonth: Int
        /// The outcome at month `relativeMonth`.
        public init(_ outcome: Outcome, _ relativeMonth: Int) {
            self.outcome = outcome
            self.relativeMonth = relativeMonth
        }
    }

    /// The IPW and AIPW estimates, column by column (IPW before AIPW); a column without participants and comparisons
    /// observed is left out, and AIPW where the outcome model has no comparisons.
    public let estimates: [Estimate]

    /// IPW and AIPW on the risk sets of a matching.
    ///
    /// - Parameters:
    ///   - rows: the risk-set rows, in order of start month (as ``Matching/RiskSets`` builds them).
    ///   - propensity: each row's propensity score.
    ///   - included: whether a row takes part (rows discarded outside the common support do not).
    ///   - samplingWeight: when the comparisons are a sample of the risk sets (`RiskSets/sampledRows(_:perParticipant:seed:)`),
    ///     each row's sampling weight; it multiplies a comparison's odds before the normalisation.
    ///   - design: the propensity model's design over the rows, for the outcome model.
    ///   - months: the months `k` from the start (the headline months by default).
    public init(rows: [RiskSets.Row], propensity: [Double], included: [Bool], samplingWeight: [Double]? = nil,
                design: some DesignSource, panel: SupportPanel, outcomes: [Outcome] = Outcome.allCases,
                months: [Int] = [6, 12, 24, 36]) throws {
        let startMonths = Array(Set(rows.map(\.month))).sorted()
        let index = Dictionary(uniqueKeysWithValues: startMonths.enumerated().map { ($1, $0) })
        let columns = months.flatMap { k in outcomes.map { Column($0, k) } }
        try self.init(person: rows.map(\.person), stratum: rows.map { index[$0.month]! }, treated: rows.map(\.treated),
                      propensity: propensity, included: included, samplingWeight: samplingWeight, design: design,
                      columns: columns,
                      observed: { s, q in panel.cell(person: 0, month: startMonths[s].advanced(by: columns[q].relativeMonth)) != nil },
                      value: { i, q in
                          let c = columns[q]
                          return c.outcome.value(panel, cell: panel.cell(person: rows[i].person, month: rows[i].month.advanced(by: c.relativeMonth))!)
                      })
    }

    /// The estimators on rows grouped by stratum, with the outcome of row `i` in column `q` given by `value(i, q)`,
    /// called only where `observed(stratum, q)`.
    init(person: [Int], stratum: [Int], treated: [Bool], propensity: [Double], included: [Bool], samplingWeight: [Double]? = nil,
         design: some DesignSource, columns: [Column], observed: (Int, Int) -> Bool, value: @escaping @Sendable (Int, Int) -> Double) throws {
        let n = person.count
        precondition(zip(stratum, stratum.dropFirst()).allSatisfy { $0 <= $1 }, "rows must be grouped by stratum")
        let ranges = PropensityWeighting.runs(stratum)
        let weight = PropensityWeighting.weights(ranges: ranges, treated: treated, propensity: propensity, included: included,
                                                 samplingWeight: samplingWeight ?? [Double](repeating: 1, count: n))
        let seen = ranges.map { r in columns.indices.map { observed(stratum[r.lowerBound], $0) } }
        let model = try ComparisonOutcomeModel(design: design, ranges: ranges, seen: seen, treated: treated, weight: weight,
                                     columnCount: columns.count, value: value)
        let sample = Sample(person: person, treated: treated, weight: weight)
        let rowStratum = ranges.enumerated().flatMap { s, r in [Int](repeating: s, count: r.count) }
        var estimates: [Estimate] = []
        // As many columns a pass as keep their outcomes and fitted values within about 512 MB (all of them for a
        // regional cohort; a few for a national one, whose risk sets have millions of rows).
        let perPass = max(1, min(columns.count, 512 << 20 / max(16 * n, 1)))
        for first in stride(from: 0, to: columns.count, by: perPass) {
            let group = Array(first..<min(first + perPass, columns.count))
            let fitted = model.fittedValues(columns: group)
            var outcomes = [Double](repeating: 0, count: n * group.count)
            outcomes.withUnsafeMutableBufferPointer { yb in
                let out = SharedPointer(yb.baseAddress!)
                RowBlocks.forEachChunk(rows: n) { _, range in
                    for (g, q) in group.enumerated() {
                        for i in range where weight[i] > 0 && seen[rowStratum[i]][q] { out.base[g * n + i] = value(i, q) }
                    }
                }
            }
            let y = outcomes
            var found = [[Estimate]](repeating: [], count: group.count)
            found.withUnsafeMutableBufferPointer { out in
                let results = SharedPointer(out.baseAddress!)
                RowBlocks.forEachPart(count: group.count) { part in
                    for g in part {
                        let q = group[g]
                        let used = ranges.indices.filter { seen[$0][q] }.flatMap { ranges[$0] }.filter { weight[$0] > 0 }
                        let outcome = y[(g * n)..<((g + 1) * n)], residual = model.hasFit(q)
                            ? zip(outcome, fitted[(g * n)..<((g + 1) * n)]).map { $0 - $1 } : nil
                        results.base[g] = [(Estimator.ipw, Array(outcome)), (.aipw, residual)].compactMap { estimator, values in
                            guard let values, let d = sample.difference(rows: used, values) else { return nil }
                            return Estimate(outcome: columns[q].outcome, relativeMonth: columns[q].relativeMonth,
                                            estimator: estimator, estimate: d.estimate, standardError: d.standardError,
                                            confidenceLow: d.estimate - d.t * d.standardError,
                                            confidenceHigh: d.estimate + d.t * d.standardError,
                                            degreesOfFreedom: d.rows - 2, treatedCount: d.treated, controlCount: d.controls)
                        }
                    }
                }
            }
            estimates += found.flatMap { $0 }
        }
        self.estimates = estimates
    }

    /// The ranges of equal consecutive values of `stratum`.
    static func runs(_ stratum: [Int]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var start = 0
        for i in stratum.indices.dropFirst() where stratum[i] != stratum[start] {
            ranges.append(start..<i)
            start = i
        }
        if !stratum.isEmpty { ranges.append(start..<stratum.count) }
        return ranges
    }

    /// The normalised odds weights (see ``PropensityWeighting``), a comparison's odds times its sampling weight; 0 for
    /// rows not included and in strata without an included participant or comparison.
    static func weights(ranges: [Range<Int>], treated: [Bool], propensity: [Double], included: [Bool],
                        samplingWeight: [Double]) -> [Double] {
        var weight = [Double](repeating: 0, count: treated.count)
        func odds(_ i: Int) -> Double { samplingWeight[i] * propensity[i] / (1 - propensity[i]) }
        for r in ranges {
            var participants = 0.0, total = 0.0
            for i in r where included[i] {
                if treated[i] { participants += 1 } else { total += odds(i) }
            }
            guard participants > 0, total > 0, total.isFinite else { continue }
            for i in r where included[i] { weight[i] = treated[i] ? 1 : participants * odds(i) / total }
        }
        return weight
    }

    /// The rows' persons, arms and weights: the weighted difference in means with its person-clustered variance.
    struct Sample: Sendable {
        let treated: [Bool]
        let weight: [Double]
        /// Each row's person as a dense code `0 ..< clusterCount`, numbered once for every column's variance.
        let cluster: [Int]
        let clusterCount: Int

        init(person: [Int], treated: [Bool], weight: [Double]) {
            var codes: [Int: Int] = [:]
            cluster = person.map { p in
                if let code = codes[p] { return code }
                codes[p] = codes.count
                return codes.count - 1
            }
            clusterCount = codes.count
            self.treated = treated
            self.weight = weight
        }

        struct Difference {
            var estimate: Double
            var standardError: Double
            var t: Double
            var rows: Int
            var treated: Int
            var controls: Int
        }

        /// `Σ_T wY/W_T − Σ_C wY/W_C` over `rows`, with the HC1 variance clustered by person; nil without both arms or
        /// with fewer than three rows or two persons.
        func difference(rows: [Int], _ y: [Double]) -> Difference? {
            var w = [0.0, 0.0], wy = [0.0, 0.0], count = [0, 0]
            for i in rows {
                let arm = treated[i] ? 1 : 0
                let v = y[i]
                w[arm] += weight[i]; wy[arm] += weight[i] * v; count[arm] += 1
            }
            guard count[0] > 0, count[1] > 0, rows.count > 2 else { return nil }
            let mean = [wy[0] / w[0], wy[1] / w[1]]
            // Influence sums per person, accumulated by cluster code and read back in the order persons appear.
            var order: [Int] = []
            var dense = [Double](repeating: 0, count: clusterCount)
            var touched = [Bool](repeating: false, count: clusterCount)
            for i in rows {
                let arm = treated[i] ? 1 : 0
                let psi = (arm == 1 ? 1.0 : -1.0) * weight[i] * (y[i] - mean[arm]) / w[arm]
                let c = cluster[i]
                if !touched[c] { touched[c] = true; order.append(c) }
                dense[c] += psi
            }
            let clusters = Double(order.count)
            guard clusters > 1 else { return nil }
            let meat = order.reduce(0.0) { $0 + dense[$1] * dense[$1] }
            let n = Double(rows.count)
            let variance = clusters / (clusters - 1) * (n - 1) / (n - 2) * meat
            return Difference(estimate: mean[1] - mean[0], standardError: variance.squareRoot(),
                              t: StudentT.quantile(0.975, degreesOfFreedom: n - 2), rows: rows.count,
                              treated: count[1], controls: count[0])
        }
    }
}
