import Dispatch
import Linalg
import Registers
import Stats

/// Risk-set propensity-score matching of a cohort: the pooled logit of participation on the
/// covariates of ``RiskSets`` with start-month fixed effects, then nearest-neighbour matching within each start
/// month and public-support status the month before (exact on both) with MatchIt's semantics.
public struct CohortMatching: Sendable {
    public var pool: ComparisonPool = .notYet
    public var matching = NearestNeighborMatching()
    public var commonSupport: CommonSupport = .none
    /// Risk-set covariates (``RiskSets/covariateNames``) to match exactly on, besides the start month and public
    /// support in the month before.
    public var exact: [String] = []
    /// Match exactly on the participant's län (county, the first two digits of the kommun code) as well: comparisons
    /// come from the participant's own län.
    public var sameCounty = false
    /// When given, at most this many comparisons per participant enter each start month's risk set (drawn at random
    /// with the matching's seed, `RiskSets/sampledRows(_:perParticipant:seed:)`); nil: every eligible comparison.
    public var comparisonsPerParticipant: Int? = nil
    /// Whether to measure covariate balance (`Result/balance`); without it the table is empty (a placebo matching
    /// needs none).
    public var measuresBalance = true
    /// Told the name of each step as it starts (risk sets, propensity score, nearest neighbours, balance), for a
    /// progress display.
    public var onStep: (@Sendable (String) -> Void)? = nil

    /// The defaults: not-yet comparisons, 1:1 nearest neighbour without replacement or caliper, no discarding.
    public init() {}

    /// The matched risk sets and what the run learned on the way.
    public struct Result: Sendable {
        public var riskSets: RiskSets
        public var distance: [Double]
        public var sample: MatchedSample
        public var balance: BalanceTable
        public var notes: [String]
        /// Coefficients of the propensity model (name, estimate).
        public var propensityTerms: [(String, Double)]
        /// Seconds per step: risk sets, propensity score, matching, balance.
        public var timings: [(String, Double)]
        /// The exact-matching stratum of each risk-set row.
        public var strata: [Int]
        /// Whether each risk-set row was discarded outside the common support.
        public var discarded: [Bool]

        /// The propensity model's design over the risk-set rows `rows` (all when nil) — intercept, start months, the
        /// covariates it kept — expanded block by block: for outcome models on the same terms.
        public func propensityDesign(rows: [Int]? = nil) -> some DesignSource {
            let months = Array(Set(riskSets.rows.map(\.month))).sorted()
            let index = Dictionary(uniqueKeysWithValues: months.enumerated().map { ($1, Int32($0)) })
            let kept = Set(propensityTerms.map(\.0))
            return RiskSetDesign(sets: riskSets, months: months, rowMonth: riskSets.rows.map { index[$0.month]! },
                                 leavingOut: Set(riskSets.covariateNames.filter { !kept.contains($0) }), subset: rows)
        }
    }

    /// Builds the risk sets of `starts` (each cohort member and start month), fits the propensity score
    /// `P(Dᵢ = 1 | xᵢ, month) = logistic(α_month + xᵢ'β)` by the streamed IRLS of
    /// ``Stats/LogisticModel/fit(_:response:start:)`` from a case-control start, and matches nearest neighbours
    /// within the exact strata (start month × public support in the month before × ``exact``); covariates whose
    /// coefficient diverges (separation) are left out of the score and noted. Balance is MatchIt's `summary()`
    /// over the risk-set rows. Risk-set ("dynamic") matching follows Sianesi (2004) and Fredriksson & Johansson
    /// (2008); the matching itself Ho, Imai, King & Stuart (2011).
    public func run(starts: [(person: Int, month: Month)], registers r: Registers, panel: SupportPanel) throws -> Result {
        var first = [Month?](repeating: nil, count: r.persons.count)
        for k in 0..<r.participations.count {
            let p = Int(r.participations.person[k]), m = r.participations.start[k].month
            if first[p].map({ m < $0 }) ?? true { first[p] = m }
        }
        var timings: [(String, Double)] = []
        var clock = DispatchTime.now().uptimeNanoseconds
        func lap(_ name: String) {
            let now = DispatchTime.now().uptimeNanoseconds
            timings.append((name, Double(now - clock) / 1e9))
            clock = now
        }
        onStep?("risk sets and covariates")
        let sets = RiskSets(starts: starts, firstParticipation: first, registers: r, panel: panel, pool: pool,
                            comparisonsPerParticipant: comparisonsPerParticipant, seed: matching.seed)
        lap("matching: risk sets and covariates (\(sets.rows.count) rows)")
        let exactColumns = try exact.map { name in
            guard let j = sets.covariateNames.firstIndex(of: name) else {
                throw DataError(column: name, "--exact: '\(name)' is not a risk-set covariate; choose among "
                                + sets.covariateNames.joined(separator: ", "))
            }
            return j
        }
        var notes: [String] = []
        if pool == .never {
            notes.append("comparisons restricted to persons who never participate: this conditions on the future and is biased for dynamically assigned insatser; the default is --controls not-yet")
        }
        if !sets.monthsWithoutComparisons.isEmpty {
            notes.append("start months without any eligible comparison (their participants stay unmatched): "
                         + sets.monthsWithoutComparisons.map(\.description).joined(separator: ", "))
        }
        onStep?("propensity score")
        let months = Array(Set(sets.rows.map(\.month))).sorted()
        let monthIndex = Dictionary(uniqueKeysWithValues: months.enumerated().map { ($1, $0) })
        let rowMonth = sets.rows.map { Int32(monthIndex[$0.month]!) }
        let treated = sets.rows.map(\.treated)
        var dropped: [String] = []
        var fit: StreamedLogitFit? = nil
        while fit == nil {
            let design = RiskSetDesign(sets: sets, months: months, rowMonth: rowMonth, leavingOut: Set(dropped))
            do {
                // R's default glm tolerance: the score needs no more precision, and millions of risk-set rows make
                // every IRLS iteration count.
                var logit = LogisticModel(formula: try Formula("participates ~ 1"))
                logit.tolerance = 1e-8
                // A case-control subsample gives the start: a national cohort then needs about three full passes.
                let start = logit.caseControlStart(design, response: treated)
                fit = try logit.fit(design, response: treated, start: start)
            } catch let error as DataError where error.message.contains("separation") && error.column != nil && dropped.count < 10 {
                dropped.append(error.column!)
                notes.append("covariate \(error.column!) separates participants from comparisons and was left out of the propensity model")
            }
        }
        let distance = fit!.fittedValues
        let terms = fit!.columnNames.enumerated().map { ($1, fit!.coefficients[$0]) }
        notes += fit!.notes
        lap("matching: propensity score (\(fit!.iterations) IRLS iterations)")
        onStep?("nearest neighbours")
        // Exact on the start month, on public support in the month before, and on the chosen covariates.
        var strata = sets.rows.map { 2 * monthIndex[$0.month]! + ($0.supportedBefore ? 1 : 0) }
        for j in exactColumns { strata = refine(strata, by: sets.covariates.column(j)) }
        if sameCounty { strata = refine(strata, by: sets.rows.map { Double(Int(r.persons.kommun[$0.person]) / 100) }) }
        let discarded = commonSupport.discarded(distance: distance, treated: treated)
        let sample = matching.match(distance: distance, treated: treated, strata: strata, discarded: discarded)
        if sample.unmatchedTreatedCount > 0 {
            notes.append("\(sample.unmatchedTreatedCount) participants found no comparison (caliper, common support or too few comparisons in their start month)")
        }
        lap("matching: nearest neighbours")
        onStep?("balance")
        let balance = BalanceTable(covariateNames: measuresBalance ? sets.covariateNames : [], values: { sets.covariates.column($0) }, treated: treated, sample: sample)
        lap("matching: balance")
        return Result(riskSets: sets, distance: distance, sample: sample, balance: balance, notes: notes,
                      propensityTerms: terms, timings: timings, strata: strata, discarded: discarded)
    }

    /// The nearest-neighbour matching of `result` again, exact on `groups` as well (one code per risk-set row): the
    /// same risk sets, propensity score, strata and discarded units, so that each group has comparisons of its own.
    public func rematch(_ result: Result, exactOn groups: [Int]) -> MatchedSample {
        let strata = refine(result.strata, by: groups.map(Double.init))
        return matching.match(distance: result.distance, treated: result.riskSets.rows.map(\.treated), strata: strata,
                              discarded: result.discarded)
    }

    /// Stratum codes of the pairs (stratum, value), numbered in order of first appearance.
    func refine(_ strata: [Int], by values: [Double]) -> [Int] {
        struct Key: Hashable { var stratum: Int; var value: Double }
        var codes: [Key: Int] = [:]
        return strata.indices.map { i in
            let key = Key(stratum: strata[i], value: values[i])
            if let code = codes[key] { return code }
            codes[key] = codes.count
            return codes.count - 1
        }
    }
}
