import Effects
import Reporting
import Stats

/// A fair comparison of förbund (or insatser): each one's ATT at +12 months on public support and on work, its
/// empirical-Bayes shrunken estimate, and whether it differs from the cohort's ATT after a multiplicity correction —
/// for `federations.csv`, `insatser.csv`, `random_effects.csv`, `results.json` and the report's caterpillar plot.
///
/// - Raw: `GroupedEventStudy` by förbund (matching exact on förbund) or by insats, two-way clustered.
/// - Standard error: the larger of the two-way clustered one and the one that treats every unit as independent
///   (HC1). A matched-pair variance estimated from a few sets can be near zero — in a förbund of nine participants
///   whose pairs all agree it is — and would let that förbund count as exact in the model below; the two samples'
///   spread bounds it. Interval: `ATT̂_f ± t₀.₉₇₅(n − K)·SE_f`.
/// - Shrunken: the normal–normal random-effects model on the published raw estimates,
///   `ATT̂_f ~ N(θ_f, SE_f²)`, `θ_f ~ N(μ, τ²)`, τ² by REML (or DerSimonian–Laird), with the Q-profile interval of τ²
///   and I² (`RandomEffectsMeta`, as metafor's `rma`), and each förbund's BLUP
///   `λ_f·ATT̂_f + (1 − λ_f)·μ̂`, `λ_f = τ̂²/(τ̂² + SE_f²)` (Raudenbush & Bryk 2002): a small förbund's noisy estimate
///   is pulled towards the mean, so that it is not ranked on noise. (The model treats the förbund's estimates as
///   independent; comparisons shared across förbund make them slightly dependent.)
/// - Differs from the cohort: the contrast `ATT̂_f − ATT̂` with the cohort's ATT on the same matched sample,
///   `ATT̂ = Σ_g n_g·ATT̂_g / Σ_g n_g` (`n_g` participants observed at +12), its variance `c'Vc` from the joint
///   covariance `V` (the förbund's own variance replaced by its bounded `SE_f²`), a two-sided normal p-value, adjusted over the published förbund by Holm (1979; controls the
///   familywise error) and by Benjamini & Hochberg (1995; controls the false discovery rate).
/// Disclosure: as ``GroupResults``; suppressed förbund are left out of the random-effects model.
public struct LocalEffects: Sendable {
    /// One förbund's (or insats') effect on an outcome; nil values are suppressed or not computed.
    public struct Row: Sendable {
        public var level: Grouping
        public var id: String
        public var name: String
        public var outcome: Outcome
        public var estimate: Double?
        public var standardError: Double?
        public var confidenceLow: Double?
        public var confidenceHigh: Double?
        public var shrunken: RandomEffectsMeta.Shrunken?
        /// Two-sided p-value of `ATT_f = ATT` (the cohort's).
        public var pValue: Double?
        public var pHolm: Double?
        public var pBenjaminiHochberg: Double?
        public var treatedPersons: Int?
        public var controlPersons: Int?
        public var suppressed: Bool
    }

    /// The random-effects model and the multiplicity-corrected count of one level and outcome.
    public struct Summary: Sendable {
        public var level: Grouping
        public var outcome: Outcome
        /// The cohort's ATT on the same matched sample, with its standard error.
        public var cohortEstimate: Double
        public var cohortStandardError: Double
        /// nil with fewer than two published förbund.
        public var model: RandomEffectsMeta?
        /// Published förbund whose ATT differs from the cohort's at 5 % after Holm's, and after Benjamini–Hochberg's,
        /// adjustment.
        public var differingHolm: Int
        public var differingBenjaminiHochberg: Int
        public var published: Int
    }

    /// The month of the comparison and its outcomes.
    public static let month = 12
    public static let outcomes: [Outcome] = [.publicSupport, .work]

    public let level: Grouping
    public let rows: [Row]
    public let summaries: [Summary]

    /// - Parameters:
    ///   - analysis: the effects by ``Grouping/federation`` or ``Grouping/insats`` (at least +12 months on
    ///     ``outcomes``, with the joint covariance there).
    ///   - disclosure: the minimum cell, applied to each row's participants and comparisons.
    ///   - method: how τ² is estimated (REML or DerSimonian–Laird).
    public init(_ analysis: GroupAnalysis, disclosure: Disclosure, method: RandomEffectsMeta.Method) {
        level = analysis.grouping
        var rows: [Row] = [], summaries: [Summary] = []
        for outcome in LocalEffects.outcomes {
            guard let joint = analysis.study.covariance(outcome, month: LocalEffects.month) else { continue }
            let line = analysis.study.estimates.filter { $0.outcome == outcome && $0.relativeMonth == LocalEffects.month }
            let hidden = GroupResults.suppressed(line, disclosure)
            let p = joint.groups.count
            // The cohort's ATT: the participants' weighted mean of the groups' ATTs.
            let n = joint.groups.map { g in Double(line.first { $0.group == g }!.treatedCount) }
            let share = n.map { $0 / n.reduce(0, +) }
            let cohort = zip(share, joint.estimates).reduce(0) { $0 + $1.0 * $1.1 }
            func variance(_ c: [Double]) -> Double {
                var v = 0.0
                for a in 0..<p { for b in 0..<p { v += c[a] * c[b] * joint.covariance[a * p + b] } }
                return v
            }
            let cohortSE = variance(share).squareRoot()
            let se = line.map { max($0.standardError, $0.independentStandardError) }
            // Published rows with a positive variance enter the model and the tests.
            let published = line.indices.filter { !hidden.contains($0) && se[$0] > 0 }
            let pValues = published.map { i -> Double in
                let a = joint.groups.firstIndex(of: line[i].group)!
                let c = (0..<p).map { ($0 == a ? 1 : 0) - share[$0] }
                // The contrast's variance, with the förbund's own variance the bounded one.
                let v = variance(c) - joint.covariance[a * p + a] + se[i] * se[i]
                let z = (line[i].estimate - cohort) / v.squareRoot()
                return 2 * Normal.survival(abs(z))
            }
            let holm = PValueAdjustment.holm(pValues), bh = PValueAdjustment.benjaminiHochberg(pValues)
            let model = published.count >= 2 ? try? RandomEffectsMeta(
                estimates: published.map { line[$0].estimate },
                variances: published.map { se[$0] * se[$0] }, method: method) : nil
            for (i, e) in line.enumerated() {
                let hide = hidden.contains(i)
                let k = published.firstIndex(of: i)
                let t = StudentT.quantile(0.975, degreesOfFreedom: Double(e.degreesOfFreedom))
                rows.append(Row(level: level, id: analysis.labels[e.group], name: analysis.names[e.group], outcome: outcome,
                                estimate: hide ? nil : e.estimate, standardError: hide ? nil : se[i],
                                confidenceLow: hide ? nil : e.estimate - t * se[i], confidenceHigh: hide ? nil : e.estimate + t * se[i],
                                shrunken: k.flatMap { model?.shrunken[$0] }, pValue: k.map { pValues[$0] },
                                pHolm: k.map { holm[$0] }, pBenjaminiHochberg: k.map { bh[$0] },
                                treatedPersons: hide ? nil : e.treatedCount, controlPersons: hide ? nil : e.controlCount,
                                suppressed: hide))
            }
            summaries.append(Summary(level: level, outcome: outcome, cohortEstimate: cohort, cohortStandardError: cohortSE,
                                     model: model, differingHolm: holm.filter { $0 < 0.05 }.count,
                                     differingBenjaminiHochberg: bh.filter { $0 < 0.05 }.count, published: published.count))
        }
        self.rows = rows
        self.summaries = summaries
    }
}
