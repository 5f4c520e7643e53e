import Foundation
import Matching
import Payback
import Reporting
import Stats

/// The options of a cohort evaluation: the same names, defaults and meaning as the options of `evaluate --cohort`
/// (whose `--help` and the README's table of command-line values give their ranges).
public struct EvaluationOptions: Sendable {
    /// The cohort: persons whose first individual insats starts in this year.
    public var cohort = 2014
    /// The dataset folder.
    public var data = "Datasets/synthetic"
    /// Comparisons: persons not yet participating (the default) or never participating.
    public var controls: ComparisonPool = .notYet
    /// Comparisons per participant.
    public var ratio = 1
    /// Caliper in standard deviations of the propensity score (nil: none).
    public var caliper: Double? = nil
    /// Match with replacement (standard errors are then clustered by person).
    public var replace = false
    /// Order of the participants in the matching (`random` uses ``seed``).
    public var order: NearestNeighborMatching.Order = .largest
    /// Risk-set covariates to match exactly on as well (names as in `balance.csv`).
    public var exact: [String] = []
    /// Units outside the common support of the propensity score that are discarded.
    public var discard: CommonSupport = .none
    /// Evaluate only the participants of these förbund (ids as in `federations.csv`; empty: all).
    public var federations: [String] = []
    /// Evaluate only the participants of these insatser (ids as in `interventions.csv`; empty: all).
    public var insatser: [String] = []
    /// Where comparisons come from: anywhere in the country, or the participant's own län.
    public var pool: ComparisonArea = .national
    /// Groupings for effects, heterogeneity tests and payback by group (`--by`).
    public var groupings: [Grouping] = []
    /// The estimator of the between-förbund variance τ² for the shrunken estimates.
    public var shrinkage: RandomEffectsMeta.Method = .reml
    /// Smallest number of persons an aggregate may rest on.
    public var minCell = 5
    /// Pair-bootstrap replicates for the effects and the payback (0: none).
    public var bootstrap = 0
    /// Seed of the bootstrap and of the random order: the run is deterministic for a given seed.
    public var seed: UInt64 = 1
    /// Cost per participant (kr) for the payback.
    public var costPerParticipant: Double = 82_000
    /// Take the cost per participant from SUS budgets instead of ``costPerParticipant``.
    public var costFromBudgets = false
    /// Payback horizon in months.
    public var horizon = 60
    /// Yearly discount rate of the payback.
    public var discount = 0.035
    /// How the effect is carried beyond the observed months to the payback horizon.
    public var extrapolation: Extrapolation = .constant
    /// When the cost per participant falls: in the start month, or spread over the participation.
    public var costTiming: CostTiming = .start
    /// Language of `report.html` and of the console summary's report.
    public var language: ReportLanguage = .sv
    /// Also write `microdata_matched.csv` (person ids; for use inside the secure environment only).
    public var microdata = false
    /// CSV dialect of the outputs.
    public var dialect: CSVDialect = .excelSwedish

    /// The defaults of `evaluate --cohort`.
    public init() {}

    /// Checks every numeric option against its documented range (``OptionRanges``), in the order of the command's
    /// checks; `evaluate --cohort` runs the same check before any work.
    ///
    /// - Throws: ``OptionValueError`` naming the first option out of range, NaN or infinite.
    public func validate() throws {
        try OptionRanges.year.check("--cohort", cohort, what: "a year")
        try OptionRanges.ratio.check("--ratio", ratio)
        if let caliper { try OptionRanges.caliper.check("--caliper", caliper) }
        try OptionRanges.minCell.check("--min-cell", minCell)
        try OptionRanges.bootstrap.check("--bootstrap", bootstrap)
        if !costFromBudgets { try OptionRanges.cost.check("--cost-per-participant", costPerParticipant) }
        try OptionRanges.horizon.check("--horizon", horizon)
        try OptionRanges.discount.check("--discount", discount, what: "a yearly rate", hint: OptionRanges.discountHint)
    }

    /// The options as `run.json` lists them, in order.
    public var manifest: [(String, String)] {
        [("cohort", String(cohort)), ("data", data), ("controls", controls.rawValue), ("ratio", String(ratio)),
         ("caliper", caliper.map { formatShortest($0) } ?? "none"), ("replace", replace ? "yes" : "no"),
         ("order", order.rawValue), ("exact", exact.joined(separator: ",")), ("discard", discard.rawValue),
         ("federation", federations.joined(separator: ",")), ("insats", insatser.joined(separator: ",")),
         ("pool", pool.rawValue), ("by", groupings.map(\.rawValue).joined(separator: ",")),
         ("shrinkage", shrinkage.rawValue),
         ("seed", String(seed)), ("min_cell", String(minCell)), ("microdata", microdata ? "yes" : "no"),
         ("csv", dialect.rawValue), ("cost_per_participant", costFromBudgets ? "budgets" : formatShortest(costPerParticipant)),
         ("horizon", String(horizon)), ("discount", formatShortest(discount)), ("extrapolate", extrapolation.description),
         ("cost_timing", costTiming.rawValue),
         ("bootstrap", String(bootstrap)), ("lang", language.rawValue)]
    }
}

/// Where a participant's comparisons come from.
public enum ComparisonArea: String, Sendable, CaseIterable {
    /// Anywhere in the country (the default).
    case national
    /// The participant's own län: matching is exact on län as well.
    case sameLan = "same-lan"
}
