import Linalg
import Registers

/// Which non-participants may serve as comparisons.
public enum ComparisonPool: String, Sendable, CaseIterable {
    /// Persons who have not (yet) started a participation by the month: "participate now" against "not now"
    /// (Sianesi 2004; Fredriksson & Johansson 2008). The default.
    case notYet = "not-yet"
    /// Persons who never participate in the data window. This conditions on the future and is offered for
    /// comparison only.
    case never
}

/// The risk sets of a cohort: for each start month, the cohort members starting then and the eligible comparisons
/// (aged 16–64 in the month, not participating by the month — or never, with ``ComparisonPool/never`` — and on
/// public support in the month before), each with the matching covariates (``CovariateColumns``) measured at the
/// month.
///
/// Comparisons are meant to be persons on public support in the month before. Participants who were not on support
/// then (about one in ten: the published share on support before the start is 90 %) would have no comparable
/// comparison and bias the ATT, so for them comparisons off support in the month before are drawn as well; matching
/// is exact on the month and on this status (``Row/supportedBefore``), so a participant on support is compared only
/// with persons on support.
public struct RiskSets: Sendable {
    /// One row per (person, start month): treated members and their eligible comparisons.
    public struct Row: Sendable {
        public var person: Int
        public var month: Month
        public var treated: Bool
        /// On public support in the month before.
        public var supportedBefore: Bool
    }

    public let rows: [Row]
    /// Covariate names, in column order.
    public var covariateNames: [String] { covariates.names }
    /// The covariates, each exactly as computed (``CovariateColumns``).
    public let covariates: CovariateColumns
    /// Start months without any eligible comparison (their members cannot be matched).
    public let monthsWithoutComparisons: [Month]

    /// - Parameters:
    ///   - starts: the cohort's members as (person, start month).
    ///   - firstParticipation: each person's first participation start month (any insats), nil if none.
    ///   - comparisonsPerParticipant: when given, at most this many comparisons per participant are kept in each start
    ///     month and support status before (``sampledRows(_:perParticipant:seed:)``, drawn with `seed`).
    public init(starts: [(person: Int, month: Month)], firstParticipation: [Month?], registers r: Registers,
                panel: SupportPanel, pool: ComparisonPool, comparisonsPerParticipant: Int? = nil, seed: UInt64 = 0) {
        var rows: [Row] = []
        let months = Array(Set(starts.map(\.month))).sorted()
        var empty: [Month] = []
        for m in months {
            let members = starts.filter { $0.month == m }.map(\.person)
            let memberSet = Set(members)
            func supported(_ p: Int) -> Bool {
                panel.cell(person: p, month: m.advanced(by: -1)).map { panel.publicSupport(cell: $0) } ?? false
            }
            let statuses = Set(members.map(supported))
            var controls: [(Int, Bool)] = []
            for p in 0..<r.persons.count where !memberSet.contains(p) {
                let age = m.year - Int(r.persons.birthYear[p])
                guard (16...64).contains(age) else { continue }
                switch pool {
                case .notYet: if let f = firstParticipation[p], f <= m { continue }
                case .never: if firstParticipation[p] != nil { continue }
                }
                guard panel.cell(person: p, month: m.advanced(by: -1)) != nil else { continue }
                let status = supported(p)
                guard statuses.contains(status) else { continue }
                controls.append((p, status))
            }
            if controls.isEmpty { empty.append(m) }
            rows += members.map { Row(person: $0, month: m, treated: true, supportedBefore: supported($0)) }
            rows += controls.map { Row(person: $0.0, month: m, treated: false, supportedBefore: $0.1) }
        }
        if let cap = comparisonsPerParticipant {
            rows = RiskSets.sampledRows(rows, perParticipant: cap, seed: seed).map { rows[$0.row] }
        }
        self.rows = rows
        monthsWithoutComparisons = empty
        covariates = RiskSets.covariates(rows: rows, registers: r, panel: panel)
    }

    /// The rows of `rows` kept when at most `perParticipant` comparisons per participant are drawn in each start
    /// month and support status in the month before, each with its sampling weight (the inverse of its chance of being
    /// kept): every participant (weight 1), and in each such stratum with `t` participants and `c` comparisons,
    /// `k = min(c, perParticipant·t)` comparisons by simple random sampling without replacement (Knuth's selection
    /// sampling, which keeps the rows' order; Knuth 1997, §3.4.2, Algorithm S), weight `c/k`, from a generator seeded
    /// by `seed` and the stratum. Matching exact on the stratum needs no weights; weighting across strata does.
    public static func sampledRows(_ rows: [Row], perParticipant: Int, seed: UInt64) -> [(row: Int, weight: Double)] {
        // Stratum codes in order of first appearance; rows come grouped by month, so one month's two codes are cached.
        var codes: [Int32: Int] = [:]
        var stratum = [Int](repeating: 0, count: rows.count)
        var month: Month? = nil, cache = [-1, -1]
        for (i, row) in rows.enumerated() {
            if row.month != month { month = row.month; cache = [-1, -1] }
            let s = row.supportedBefore ? 1 : 0
            if cache[s] < 0 {
                let key = row.month.rawValue * 2 + Int32(s)
                cache[s] = codes[key] ?? codes.count
                codes[key] = cache[s]
            }
            stratum[i] = cache[s]
        }
        var participants = [Int](repeating: 0, count: codes.count), comparisons = participants
        for (i, row) in rows.enumerated() {
            if row.treated { participants[stratum[i]] += 1 } else { comparisons[stratum[i]] += 1 }
        }
        var remaining = comparisons
        var needed = codes.keys.map { _ in 0 }
        var generators = [SplitMix64](repeating: SplitMix64(state: 0), count: codes.count)
        for (key, k) in codes {
            needed[k] = min(comparisons[k], perParticipant * participants[k])
            generators[k] = SplitMix64(state: SplitMix64.mix(seed ^ SplitMix64.mix(UInt64(bitPattern: Int64(key)))))
        }
        let weights = needed.indices.map { Double(comparisons[$0]) / Double(max(needed[$0], 1)) }
        var kept: [(row: Int, weight: Double)] = []
        for (i, row) in rows.enumerated() {
            if row.treated { kept.append((i, 1)); continue }
            let k = stratum[i]
            // Selection sampling: keep with probability (still wanted) / (still left).
            let u = Double(generators[k].next() >> 11) * 0x1p-53
            if Double(remaining[k]) * u < Double(needed[k]) {
                kept.append((i, weights[k]))
                needed[k] -= 1
            }
            remaining[k] -= 1
        }
        return kept
    }

    /// Covariates at the month: age, age², sex, education, born abroad, län, main state in m−1, and per benefit the
    /// months and amounts in m−12…m−1 and m−36…m−13, with earnings in the same windows.
    static func covariates(rows: [Row], registers r: Registers, panel: SupportPanel) -> CovariateColumns {
        var names = ["age", "age2", "female", "education_2", "education_3", "born_abroad"]
        // Län: the first county of the person's kommun's förbund is not known for comparisons; use the kommun's
        // county from its code (the first two digits are the county code).
        let counties = Array(Set(r.persons.kommun.map { Int($0) / 100 })).sorted()
        names += counties.dropFirst().map { "lan_\(String(format: "%02d", $0))" }
        let states = MainState.allCases
        // Names usable as command-line values (`--exact`): "subsidised work" becomes state_before_subsidised_work.
        names += states.dropFirst().map { "state_before_" + $0.rawValue.split(separator: " ").joined(separator: "_") }
        for window in ["12", "36"] {
            for b in BenefitCode.allCases { names += ["months_\(b.rawValue)_\(window)", "amount_\(b.rawValue)_\(window)"] }
            names += ["earnings_\(window)"]
        }
        // Columns are filled in parallel row chunks (each row writes only its own cells); amounts are the only
        // columns that are not small integers.
        var columns = CovariateColumns(names: names, exactInSingle: names.map { !$0.hasPrefix("amount_") && !$0.hasPrefix("earnings_") },
                                       rowCount: rows.count)
        let countyIndex = Dictionary(uniqueKeysWithValues: counties.enumerated().map { ($1, $0) })
        let countyOfPerson = r.persons.kommun.map { countyIndex[Int($0) / 100]! }
        let laterStates = Array(states.dropFirst())
        let benefits = BenefitCode.allCases
        let windows = [(-12, -1), (-36, -13)]
        columns.withWriter { writer in
        RowBlocks.forEachChunk(rows: rows.count) { _, range in
            var monthsOn = [Double](repeating: 0, count: benefits.count)
            var amounts = monthsOn
            for i in range {
                let row = rows[i]
                let p = row.person
                let age = Double(row.month.year - Int(r.persons.birthYear[p]))
                var j = 0
                func put(_ v: Double) { writer.set(row: i, column: j, v); j += 1 }
                put(age); put(age * age); put(r.persons.sex[p] == .female ? 1 : 0)
                put(r.persons.education[p] == 2 ? 1 : 0); put(r.persons.education[p] == 3 ? 1 : 0)
                put(r.persons.bornAbroad[p] ? 1 : 0)
                let county = countyOfPerson[p]
                for k in 1..<counties.count { put(county == k ? 1 : 0) }
                let before = panel.cell(person: p, month: row.month.advanced(by: -1)).map { panel.mainState(cell: $0) } ?? .none
                for s in laterStates { put(before == s ? 1 : 0) }
                for (from, to) in windows {
                    for b in monthsOn.indices { monthsOn[b] = 0; amounts[b] = 0 }
                    var earnings = 0.0
                    for k in from...to {
                        guard let c = panel.cell(person: p, month: row.month.advanced(by: k)) else { continue }
                        var mask = panel.benefitMask[c]
                        while mask != 0 {
                            let b = mask.trailingZeroBitCount
                            monthsOn[b] += 1
                            amounts[b] += panel.amount(benefits[b], cell: c)
                            mask &= mask - 1
                        }
                        earnings += Double(panel.earnings[c])
                    }
                    for b in monthsOn.indices { put(monthsOn[b]); put(amounts[b] / 1000) }
                    put(earnings / 1000)
                }
            }
        }
        }
        return columns
    }
}
