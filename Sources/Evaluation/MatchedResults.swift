import Effects
import Matching
import Reporting

/// The matched comparison with disclosure control, computed once for `balance.csv`, `effects.csv`, `did.csv`,
/// `pretrend.csv`, `sensitivity.csv`, `estimators.csv`, `overlap.csv`, `results.json` and the report: covariate
/// balance before and after matching, the ATT by month, the difference in differences, the tests of pre-trends, the
/// E-values and Rosenbaum bounds, the ATT by matching, IPW and AIPW side by side, and the overlap of the propensity
/// score. Holds aggregates only (the matched persons stay in the matching result).
public struct MatchedResults: Sendable {
    /// A covariate's balance in one sample (`all` before matching, `matched` after); nil values are suppressed.
    public struct Balance: Sendable {
        public var covariate: String
        public var sample: String
        public var meansTreated: Double?
        public var meansControl: Double?
        public var standardizedMeanDifference: Double?
        /// nil for a binary covariate, or suppressed.
        public var varianceRatio: Double?
        public var ecdfMean: Double?
        public var ecdfMax: Double?
        public var suppressed: Bool
    }

    /// The ATT of an outcome at a month relative to the start; nil values are suppressed (or, for the bootstrap
    /// columns, not computed).
    public struct Effect: Sendable {
        public var outcome: Outcome
        public var relativeMonth: Int
        public var estimate: Double?
        public var standardError: Double?
        public var confidenceLow: Double?
        public var confidenceHigh: Double?
        /// The simultaneous 95 % band over all months (`SimultaneousBand`).
        public var bandLow: Double?
        public var bandHigh: Double?
        public var bootstrapStandardError: Double?
        public var bootstrapLow: Double?
        public var bootstrapHigh: Double?
        public var meanTreated: Double?
        public var meanControl: Double?
        public var treatedPersons: Int?
        public var controlPersons: Int?
        public var suppressed: Bool
    }

    /// The difference in differences of an outcome; nil values are suppressed.
    public struct DiD: Sendable {
        public var outcome: Outcome
        public var estimate: Double?
        public var standardError: Double?
        public var confidenceLow: Double?
        public var confidenceHigh: Double?
        public var suppressed: Bool
    }

    /// A bin of the propensity score's histogram (`Overlap`) in a sample (`all` before matching,
    /// `matched`): risk-set rows of each arm; nil when suppressed.
    public struct OverlapBin: Sendable {
        public var sample: String
        public var low: Double
        public var high: Double
        public var participants: Int?
        public var comparisons: Int?
        public var suppressed: Bool
    }

    /// Persons per group in a sample; nil when suppressed.
    public struct GroupSizes: Sendable {
        public var treated: Int?
        public var control: Int?
    }

    public let balance: [Balance]
    public let all: GroupSizes
    public let matched: GroupSizes
    public let effects: [Effect]
    public let did: [DiD]
    /// The windows of the difference in differences (months relative to the start).
    public let didWindows: (pre: ClosedRange<Int>, post: ClosedRange<Int>)
    /// The joint tests of zero ATT before the start, per outcome; empty when the matched participants or comparisons
    /// are below the minimum.
    public let pretrends: [PreTrendTest]
    /// The placebo tests per outcome (starts moved 12 months earlier); empty under the same rule as ``pretrends``, and
    /// a test is left out when its participants or comparisons are below the minimum.
    public let placebos: [PlaceboTest]
    /// The E-values of the effects at ``sensitivityMonths``, for the effects that are published.
    public let sensitivity: [EffectSensitivity]
    /// The ATT at ``sensitivityMonths`` by matching, IPW and AIPW (`PropensityWeighting`), for the effects that are
    /// published.
    public let estimators: [PropensityWeighting.Estimate]
    /// The propensity score's histograms before and after matching.
    public let overlap: [OverlapBin]
    /// Participants whose propensity score lies outside the comparisons' range, and their share; nil when suppressed.
    public let participantsOffSupport: Int?
    public let participantsOffSupportShare: Double?
    /// The months at which the effects' sensitivity to unmeasured confounding is given.
    public static let sensitivityMonths = [6, 12, 24, 36]

    /// - Balance rows of a sample are suppressed when its smaller group is below the minimum.
    /// - An effect, or a difference in differences, is suppressed when its treated or its control persons are below
    ///   the minimum.
    /// - Pre-trend tests are left out when the matched participants or comparisons are below the minimum.
    /// - E-values, and the IPW and AIPW estimates, are left out where the matching effect is suppressed.
    /// - Each arm's bins of the propensity score's histogram in a sample form a line whose total is known: it is
    ///   protected by `protectLine`; the participants off common support
    ///   are suppressed when fewer than the minimum but not none.
    public init(balance table: BalanceTable, events: EventStudy, did: DifferenceInDifferences, pretrends: [PreTrendTest],
                placebos: [PlaceboTest],
                sensitivity: [EffectSensitivity], weighting: PropensityWeighting, overlap: Overlap, bands: [SimultaneousBand], bootstrap: PairBootstrap?,
                disclosure: Disclosure) {
        let sizes = table.sampleSizes
        func group(_ treated: Int, _ control: Int) -> GroupSizes {
            GroupSizes(treated: disclosure.allows(treated) ? treated : nil, control: disclosure.allows(control) ? control : nil)
        }
        all = group(sizes.all.treated, sizes.all.control)
        matched = group(sizes.matched.treated, sizes.matched.control)
        var balance: [Balance] = []
        for (sample, rows, n) in [("all", table.before, min(sizes.all.treated, sizes.all.control)),
                                  ("matched", table.after, min(sizes.matched.treated, sizes.matched.control))] {
            let hide = !disclosure.allows(n)
            for r in rows {
                balance.append(Balance(covariate: r.covariate, sample: sample,
                                       meansTreated: hide ? nil : r.meansTreated, meansControl: hide ? nil : r.meansControl,
                                       standardizedMeanDifference: hide ? nil : r.standardizedMeanDifference,
                                       varianceRatio: hide ? nil : r.varianceRatio,
                                       ecdfMean: hide ? nil : r.ecdfMean, ecdfMax: hide ? nil : r.ecdfMax, suppressed: hide))
            }
        }
        self.balance = balance
        effects = events.estimates.map { e in
            let hide = !disclosure.allows(e.treatedCount) || !disclosure.allows(e.controlCount)
            let boot = hide ? nil : bootstrap?.interval(e.outcome, month: e.relativeMonth)
            let c = hide ? nil : bands.first { $0.outcome == e.outcome && $0.months.contains(e.relativeMonth) }?.criticalValue
            return Effect(outcome: e.outcome, relativeMonth: e.relativeMonth,
                          estimate: hide ? nil : e.estimate, standardError: hide ? nil : e.standardError,
                          confidenceLow: hide ? nil : e.confidenceLow, confidenceHigh: hide ? nil : e.confidenceHigh,
                          bandLow: c.map { e.estimate - $0 * e.standardError }, bandHigh: c.map { e.estimate + $0 * e.standardError },
                          bootstrapStandardError: boot?.standardError, bootstrapLow: boot?.low, bootstrapHigh: boot?.high,
                          meanTreated: hide ? nil : e.meanTreated, meanControl: hide ? nil : e.meanControl,
                          treatedPersons: hide ? nil : e.treatedCount, controlPersons: hide ? nil : e.controlCount,
                          suppressed: hide)
        }
        self.did = did.estimates.map { e in
            let hide = !disclosure.allows(e.treatedCount) || !disclosure.allows(e.controlCount)
            return DiD(outcome: e.outcome, estimate: hide ? nil : e.estimate, standardError: hide ? nil : e.standardError,
                       confidenceLow: hide ? nil : e.confidenceLow, confidenceHigh: hide ? nil : e.confidenceHigh,
                       suppressed: hide)
        }
        didWindows = (did.pre, did.post)
        let testsShown = disclosure.allows(sizes.matched.treated) && disclosure.allows(sizes.matched.control)
        self.pretrends = testsShown ? pretrends : []
        self.placebos = testsShown ? placebos.filter { disclosure.allows($0.treatedCount) && disclosure.allows($0.controlCount) } : []
        let suppressed = effects.filter(\.suppressed)
        func published(_ outcome: Outcome, _ k: Int) -> Bool {
            !suppressed.contains { $0.outcome == outcome && $0.relativeMonth == k }
        }
        let didShown = Set(self.did.filter { !$0.suppressed }.map(\.outcome))
        self.sensitivity = sensitivity.filter { s in s.relativeMonth.map { published(s.outcome, $0) } ?? didShown.contains(s.outcome) }
        let all = events.estimates.filter { MatchedResults.sensitivityMonths.contains($0.relativeMonth) }
            .map(PropensityWeighting.matching) + weighting.estimates
        var estimators: [PropensityWeighting.Estimate] = []
        for outcome in Outcome.allCases {
            for k in MatchedResults.sensitivityMonths where published(outcome, k) {
                for estimator in PropensityWeighting.Estimator.allCases {
                    if let e = all.first(where: { $0.outcome == outcome && $0.relativeMonth == k && $0.estimator == estimator }) {
                        estimators.append(e)
                    }
                }
            }
        }
        self.estimators = estimators
        var bins: [OverlapBin] = []
        for (sample, treated, control) in [("all", overlap.bins.map(\.treatedAll), overlap.bins.map(\.controlAll)),
                                           ("matched", overlap.bins.map(\.treatedMatched), overlap.bins.map(\.controlMatched))] {
            let (hideTreated, hideControl) = (disclosure.protectLine(treated), disclosure.protectLine(control))
            for (b, bin) in overlap.bins.enumerated() {
                bins.append(OverlapBin(sample: sample, low: bin.low, high: bin.high,
                                       participants: hideTreated.contains(b) ? nil : treated[b],
                                       comparisons: hideControl.contains(b) ? nil : control[b],
                                       suppressed: hideTreated.contains(b) || hideControl.contains(b)))
            }
        }
        self.overlap = bins
        let off = overlap.participantsOffSupport
        let shown = off == 0 || disclosure.allows(off)
        participantsOffSupport = shown ? off : nil
        participantsOffSupportShare = shown && overlap.participants > 0 ? Double(off) / Double(overlap.participants) : nil
    }

    /// The effect on `outcome` at month `k` (nil: not estimated).
    public func effect(_ outcome: Outcome, month k: Int) -> Effect? {
        effects.first { $0.outcome == outcome && $0.relativeMonth == k }
    }

    /// The effects on `outcome`, by month.
    public func effects(_ outcome: Outcome) -> [Effect] {
        effects.filter { $0.outcome == outcome }.sorted { $0.relativeMonth < $1.relativeMonth }
    }
}
