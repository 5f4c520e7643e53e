import Stats

/// Propensity-score matching on a table: the score from the project's logit (`treat ~ covariates`), common
/// support, nearest-neighbour matching (``NearestNeighborMatching``), the balance table, and — given an outcome —
/// the ATT as MatchIt's "Estimating effects" vignette computes it: the treatment coefficient of a weighted
/// regression of the outcome on the treatment over the matched sample, with standard errors clustered by matched
/// set (HC1-type, as `sandwich::vcovCL`), or HC3 with replacement.
public struct PropensityScoreMatching: Sendable {
    /// The 0/1 treatment column.
    public var treatment: String
    /// Formula terms of the propensity model (`age`, `factor(region)`, `I(age^2)`, …).
    public var covariates: [String]
    /// Columns to match on exactly (MatchIt's `exact`): matching runs within each combination of their values.
    public var exact: [String] = []
    /// The nearest-neighbour matching (1:1 without replacement or caliper by default).
    public var matching = NearestNeighborMatching()
    /// Which units outside the common support of the distance are discarded before matching.
    public var commonSupport: CommonSupport = .none
    /// A column holding the distance to match on instead of estimating a propensity score.
    public var distanceColumn: String?

    /// A specification matching on the logit propensity score of `treatment` on `covariates`, with the default
    /// nearest-neighbour matching, no exact strata and no common-support restriction.
    public init(treatment: String, covariates: [String]) {
        self.treatment = treatment
        self.covariates = covariates
    }

    /// A matching's result; every array is indexed like ``rows`` (the complete rows of the input, in order).
    public struct Result: Sendable {
        /// Rows of the input used (complete in every variable), 0-based.
        public var rows: [Int]
        /// The propensity score `ê(x)` (fitted probability) or the given distance, per row used.
        public var distance: [Double]
        /// The treatment indicator per row used.
        public var treated: [Bool]
        /// Weights, matched sets, matches and discarded units.
        public var sample: MatchedSample
        /// Covariate balance before and after matching (factor levels as 0/1 columns).
        public var balance: BalanceTable
        /// Notes for the reader: rows removed for missing values, discarded and unmatched units, the logit's notes.
        public var notes: [String]
    }

    /// Estimates the distance, matches and computes the balance, on the rows complete in every variable used:
    /// ```
    /// ê(x) = P(D = 1 | x) = 1 / (1 + exp(−x'β̂)),   β̂ by IRLS (`LogisticModel`)   — or the `distanceColumn`
    /// discard by ``commonSupport``, then nearest-neighbour matching on ê within the `exact` strata
    /// ```
    /// (Rosenbaum & Rubin 1983 on the propensity score; Ho, Imai, King & Stuart 2007, 2011, and MatchIt's
    /// `matchit(method = "nearest", distance = "glm")`, whose results it reproduces).
    ///
    /// - Throws: ``DataError`` for a missing column, a treatment that is not 0/1, a group without units, a logit that
    ///   fails (e.g. separation), or when no treated unit finds a control.
    public func run(_ table: DataTable) throws -> Result {
        // Complete rows in every variable used.
        var used = [treatment] + exact + (distanceColumn.map { [$0] } ?? [])
        let covariateFormula = try Formula("\(treatment) ~ " + (covariates.isEmpty ? "1" : covariates.joined(separator: " + ")))
        used += covariateFormula.variableNames
        for name in used where table[name] == nil {
            throw DataError(file: table.fileName, column: name, "no such column; the columns are: " + table.names.joined(separator: ", "))
        }
        let complete = (0..<table.rowCount).map { i in !used.contains { table[$0]!.isMissing(i) } }
        let rows = (0..<table.rowCount).filter { complete[$0] }
        var notes: [String] = []
        if rows.count < table.rowCount {
            notes.append("\(table.rowCount - rows.count) rows removed because of missing values")
        }
        let data = table.filteringRows(complete)
        guard case .numeric(let t, _)? = data[treatment] else {
            throw DataError(file: table.fileName, column: treatment, "expected a 0/1 treatment column, found text")
        }
        if let bad = t.firstIndex(where: { $0 != 0 && $0 != 1 }) {
            throw DataError(file: table.fileName, line: data.line(ofRow: bad), column: treatment,
                            "expected 0 or 1, found \(formatShortest(t[bad]))")
        }
        let treated = t.map { $0 == 1 }
        guard treated.contains(true), treated.contains(false) else {
            throw DataError(column: treatment, "matching needs both treated (1) and control (0) units; found only \(treated.first! ? "treated" : "controls")")
        }
        let distance: [Double]
        if let distanceColumn {
            guard case .numeric(let d, _)? = data[distanceColumn] else {
                throw DataError(column: distanceColumn, "expected numeric distances")
            }
            distance = d
        } else {
            let fit = try LogisticModel(formula: covariateFormula).fit(data)
            distance = fit.fittedValues
            notes += fit.notes
        }
        var strata: [Int]? = nil
        if !exact.isEmpty {
            var index: [String: Int] = [:]
            strata = (0..<data.rowCount).map { i in
                let key = exact.map { data[$0]!.text(at: i) ?? "" }.joined(separator: "\u{1}")
                if let s = index[key] { return s }
                index[key] = index.count
                return index.count - 1
            }
        }
        let discarded = commonSupport.discarded(distance: distance, treated: treated)
        if discarded.contains(true) {
            notes.append("\(discarded.filter { $0 }.count) units outside the common support discarded (\(commonSupport.rawValue))")
        }
        let sample = matching.match(distance: distance, treated: treated, strata: strata, discarded: discarded)
        if sample.matchedTreatedCount == 0 {
            throw DataError("no treated unit found a control (caliper, exact strata or common support too strict)")
        }
        if sample.unmatchedTreatedCount > 0 {
            notes.append("\(sample.unmatchedTreatedCount) treated units without a control (caliper, exact strata or too few controls); the estimand is the ATT of the matched treated")
        }
        let balance = BalanceTable(covariates: try balanceColumns(data), treated: treated, sample: sample)
        return Result(rows: rows, distance: distance, treated: treated, sample: sample, balance: balance, notes: notes)
    }

    /// The covariates as MatchIt's summary lists them: numeric columns as they are, every level of a factor as a
    /// 0/1 column.
    func balanceColumns(_ data: DataTable) throws -> [(name: String, values: [Double])] {
        var out: [(String, [Double])] = []
        for c in covariates {
            let frame = try ModelFrame(formula: Formula("\(treatment) ~ \(c) - 1"), table: data)
            for (j, name) in frame.columnNames.enumerated() { out.append((name, frame.augmented.column(j))) }
        }
        return out
    }

    /// The ATT on `outcome` (one value per row used, in the order of ``Result/rows``) over the matched sample:
    /// ```
    /// ATT = β̂ in  Yᵢ = α + β·Dᵢ + εᵢ,   WLS with the matching weights wᵢ > 0
    ///     = Σ_T wᵢYᵢ / Σ_T wᵢ − Σ_C wᵢYᵢ / Σ_C wᵢ
    /// SE: cluster-robust by matched set (sandwich's vcovCL, HC1-type):
    ///     V = G/(G − 1) · (n − 1)/(n − 2) · B (Σ_g S_g S_g') B,   B = (X'WX)⁻¹,   S_g = Σ_{i∈g} wᵢeᵢxᵢ
    ///     with replacement (no matched sets): HC3
    /// 95 % interval: β̂ ± t₀.₉₇₅(n − 2) · SE
    /// ```
    /// as MatchIt's vignette "Estimating Effects After Matching" computes it (Ho, Imai, King & Stuart 2007, 2011;
    /// Zeileis, Köll & Graham 2020 for `vcovCL`). The standard error takes the matched sample as given; it does not
    /// reflect the estimation of the propensity score (Abadie & Imbens 2016).
    ///
    /// - Throws: ``DataError`` when the regression cannot be fitted.
    public static func effect(outcome: [Double], result: Result) throws -> CoefficientTable.Row {
        let keep = result.sample.weights.map { $0 > 0 }
        var y: [Double] = [], tr: [Double] = [], w: [Double] = [], sub: [Double] = []
        for i in keep.indices where keep[i] {
            y.append(outcome[i]); tr.append(result.treated[i] ? 1 : 0); w.append(result.sample.weights[i])
            sub.append(Double(result.sample.subclass[i] ?? 0))
        }
        let table = DataTable(["y": .numeric(y, isInteger: false), "treat": .numeric(tr, isInteger: true),
                               "w": .numeric(w, isInteger: false), "subclass": .numeric(sub, isInteger: true)])
        if let first = y.first, y.allSatisfy({ $0 == first }) {
            throw DataError("the outcome is constant (\(formatShortest(first))) in the matched sample: the ATT is 0 and has no standard error")
        }
        let replace = result.sample.replace
        let fit = try LinearModel("y ~ treat", weights: "w", clusterVariables: replace ? [] : ["subclass"]).fit(table)
        return try fit.inference(replace ? .hc3 : .cluster(["subclass"]))["treat"]!
    }
}
