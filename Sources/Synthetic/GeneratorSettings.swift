/// What to generate. Scale 1 is national size: about 17,000 new participants with personal data a year (SUS 2014,
/// Riksdagen 2014/15:RFR13) and a comparison population of 20 × that many non-participants.
public struct GeneratorSettings: Sendable, Equatable {
    /// The size relative to national size (1).
    public var scale: Double
    /// The seed of every random draw.
    public var seed: UInt64
    /// Participants start from January of `fromYear` to December of `toYear`.
    public var fromYear: Int
    public var toYear: Int
    /// Years of register history simulated before `fromYear` (the matching covariates look 36 months back).
    public var historyYears = 3
    public var participantsPerYearAtScale1 = 17_000
    public var comparisonsPerAnnualParticipant = 20
    /// Whether the effect differs by age group, sex, birth country, state before the start, förbund and insats
    /// (``EffectHeterogeneity``); without, every participant's effect follows the same hazard.
    public var heterogeneousEffect = true
    /// The strength `S` of a planted hidden confounder: each person has `U ~ N(0, 1)`, never written to the registers;
    /// `exp(|S|·U)` multiplies the monthly hazard of starting an insats and `exp(−S·U)` the monthly chance of leaving
    /// public support (with or without one). With `S > 0` (hidden needs, such as ill health) those who start would have
    /// stayed on support longer anyway, and matching on the registers understates the effect; with `S < 0` (hidden
    /// motivation) they would have left sooner, and it overstates the effect. 0 (the default): none.
    public var hiddenConfounding = 0.0

    /// Settings at `scale`, with the seed and the years in which participants start.
    public init(scale: Double = 0.05, seed: UInt64 = 20_140_101, fromYear: Int = 2008, toYear: Int = 2022,
                heterogeneousEffect: Bool = true, hiddenConfounding: Double = 0) {
        self.scale = scale
        self.seed = seed
        self.fromYear = fromYear
        self.toYear = toYear
        self.heterogeneousEffect = heterogeneousEffect
        self.hiddenConfounding = hiddenConfounding
    }

    public var participantsPerYear: Int { max(1, Int((Double(participantsPerYearAtScale1) * scale).rounded())) }
    /// Persons designated to start in a year; only those who meet the start hazard within the year do (about half).
    public var designatedPerYear: Int { Int((Double(participantsPerYear) / 0.5).rounded()) }
    public var comparisonCount: Int { participantsPerYear * comparisonsPerAnnualParticipant }
    public var yearCount: Int { toYear - fromYear + 1 }
    public var personCount: Int { designatedPerYear * yearCount + comparisonCount }
    public var firstYear: Int { fromYear - historyYears }
    public var monthCount: Int { (toYear - firstYear + 1) * 12 }
    /// The insats period (0…2) of a start year: each förbund runs three individual insatser of five years each.
    func insatsPeriod(year: Int) -> Int { min(2, max(0, (year - fromYear) / 5)) }
}
