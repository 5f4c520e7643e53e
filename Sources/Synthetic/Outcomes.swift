import Registers

/// A maximal run of one state in a monthly path: months `first...last`.
struct Run: Sendable {
    var state: SimState
    var first: Int
    var last: Int
}

func runs(_ path: [SimState]) -> [Run] {
    var out: [Run] = []
    var a = 0
    for m in 1...path.count {
        if m == path.count || path[m] != path[a] {
            out.append(Run(state: path[a], first: a, last: m - 1))
            a = m
        }
    }
    return out
}

/// The valuation of runs: benefit rates, extents and earnings, drawn per run so that both potential paths of a
/// participant get the same values for a run that starts in the same month.
struct RunValuation: Sendable {
    let context: SimulationContext
    /// Per year from the first simulated one: the work threshold and the prisbasbelopp relative to 2014, looked up
    /// once (the price table is searched by name).
    let thresholds: [Double]
    let priceIndex: [Double]

    init(context: SimulationContext) {
        self.context = context
        let prices = context.reference.prices
        let years = context.settings.firstYear...(context.settings.toYear + 1)
        thresholds = years.map { prices.value("work_threshold_monthly_earnings", year: $0) ?? 0 }
        priceIndex = years.map { (prices.value("prisbasbelopp", year: $0) ?? 1) / (prices.value("prisbasbelopp", year: 2014) ?? 1) }
    }

    var prices: PriceTable { context.reference.prices }

    /// Monthly full-time rate of a benefit in a year: the 2014 average of `prices.csv`, moved with the
    /// prisbasbelopp.
    func monthlyRate(_ b: BenefitCode, year: Int) -> Double {
        let base = prices.value("average_benefit_monthly_\(b.rawValue)", year: 2014) ?? 10_000
        guard let pbb = prices.value("prisbasbelopp", year: year), let pbb14 = prices.value("prisbasbelopp", year: 2014) else { return base }
        return base * pbb / pbb14
    }

    /// Units (calendar days or weekdays) per full-time month in the rate's convention.
    func unitsPerMonth(_ b: BenefitCode) -> Double {
        b.dayConvention == .weekdays ? 5.0 * 52 / 12 : 365.0 / 12
    }

    func extent(_ p: Int, _ run: Run) -> Int {
        let u = context.u(p, run.first, .extent)
        switch run.state {
        case .sjp: return u < 0.70 ? 100 : u < 0.80 ? 75 : u < 0.95 ? 50 : 25
        case .se: return u < 0.70 ? 100 : u < 0.80 ? 75 : 50
        case .ae: return u < 0.85 ? 100 : 50
        default: return 100
        }
    }

    /// The spell's rate per unit (day or weekday) at full time, with individual variation (lognormal, σ = 0.15).
    func dailyRate(_ p: Int, _ run: Run) -> Double {
        let b = run.state.benefit!
        let level = _exp(0.15 * context.rng.normal(p, run.first, SimulationContext.Stream.level.rawValue * 1000))
        return monthlyRate(b, year: context.year(ofMonth: run.first)) * level / unitsPerMonth(b)
    }

    func workThreshold(year: Int) -> Double { thresholds[min(max(year - context.settings.firstYear, 0), thresholds.count - 1)] }

    /// Monthly earnings of a work run: lognormal around 21,000 kr (2014), moved with the prisbasbelopp, and at least
    /// 5 % above the work threshold.
    func earnings(_ p: Int, _ run: Run) -> Double {
        max(fullTimeWage(p, run, stream: 1), workThreshold(year: context.year(ofMonth: run.first)) * 1.05).rounded()
    }

    /// Part-time work beside a benefit run — partial sickness or activity compensation with a job, a-kassa with
    /// part-time work, ekonomiskt bistånd topping up low earnings: the first month with part-time earnings, or nil.
    /// Without treatment a run has part-time work throughout with probability 0.6 (partial SJP, SE, AE), 0.3
    /// (AKASSA) or 0.15 (EB). A participant's treatment adds `multiplier · partTimeBoost` to that probability for
    /// runs going on two months after the start, from then on — the effect that raises work more than it lowers
    /// public support.
    func partTimeStart(_ p: Int, _ run: Run, treatment: Treatment?) -> Int? {
        let base: Double
        switch run.state {
        case .sjp, .se, .ae: base = extent(p, run) < 100 ? 0.6 : 0
        case .akassa: base = 0.3
        case .eb: base = 0.15
        default: base = 0
        }
        guard base > 0 else { return nil }
        let u = context.u(p, run.first, .partTime)
        if u < base { return run.first }
        guard let treatment else { return nil }
        let from = max(run.first, treatment.start + 2)
        guard from <= run.last, u < min(0.95, base + treatment.multiplier * StateModel.partTimeBoost) else { return nil }
        return from
    }

    /// Monthly earnings of part-time work beside a benefit run: a full-time wage as in ``earnings(_:_:)`` times the
    /// part not on benefit (half for a-kassa, 40 % for ekonomiskt bistånd), at least 5 % above the work threshold.
    func partTimeEarnings(_ p: Int, _ run: Run) -> Double {
        let share: Double
        switch run.state {
        case .akassa: share = 0.5
        case .eb: share = 0.4
        default: share = 1 - Double(extent(p, run)) / 100
        }
        let y = context.year(ofMonth: run.first)
        return max(fullTimeWage(p, run, stream: 2) * share, workThreshold(year: y) * 1.05).rounded()
    }

    /// A lognormal full-time monthly wage around 21,000 kr (2014), moved with the prisbasbelopp.
    func fullTimeWage(_ p: Int, _ run: Run, stream: Int) -> Double {
        let y = context.year(ofMonth: run.first)
        let index = priceIndex[min(max(y - context.settings.firstYear, 0), priceIndex.count - 1)]
        return 21_000 * index * _exp(0.35 * context.rng.normal(p, run.first, SimulationContext.Stream.level.rawValue * 1000 + stream))
    }

    /// Whether a work run is subsidised employment: 30 % of the runs a participant starts in the year after the
    /// start (`start`: the participant's first start, nil for others), 4 % of all others.
    func isSubsidized(_ p: Int, _ run: Run, start: Int?) -> Bool {
        let share = (start.map { run.first >= $0 && run.first < $0 + 12 } ?? false) ? 0.30 : 0.04
        return context.u(p, run.first, .subsidy) < share
    }

    /// Units of the benefit's convention in month `m`.
    func units(_ b: BenefitCode, month m: Int) -> Int {
        let month = context.month(m)
        return b.dayConvention == .weekdays ? month.weekdayCount : month.dayCount
    }
}

extension RunValuation {
    /// The run of `path` that contains month `m`.
    func run(containing m: Int, in path: [SimState]) -> Run {
        var first = m, last = m
        while first > 0 && path[first - 1] == path[m] { first -= 1 }
        while last + 1 < path.count && path[last + 1] == path[m] { last += 1 }
        return Run(state: path[m], first: first, last: last)
    }

    /// Public support and work in month `m` of `path` (1 or 0): the first two of ``outcomes(_:_:treatment:)``
    /// for one month, without valuing the whole path.
    func supportAndWork(_ p: Int, _ path: [SimState], month m: Int, treatment: Treatment?) -> (support: Double, work: Double) {
        let run = run(containing: m, in: path)
        let threshold = workThreshold(year: context.year(ofMonth: m))
        if run.state.isSupport {
            guard let from = partTimeStart(p, run, treatment: treatment), from <= m else { return (1, 0) }
            return (1, partTimeEarnings(p, run) >= threshold ? 1 : 0)
        }
        return (0, run.state == .work && earnings(p, run) >= threshold ? 1 : 0)
    }
}

/// The outcomes whose effects are estimated, in one month of a path.
struct MonthOutcomes: Sendable {
    static let names = ["public_support", "work", "work_or_study", "self_sufficient", "support_fte",
                        "amount_fk", "amount_state", "amount_kommun", "earnings", "amount_taxable"]
    var values = [Double](repeating: 0, count: MonthOutcomes.names.count)
}

extension RunValuation {
    /// Monthly outcomes of a whole path (`treatment`: the participant's, for the treated path; nil otherwise).
    func outcomes(_ p: Int, _ path: [SimState], treatment: Treatment?) -> [MonthOutcomes] {
        var out = [MonthOutcomes](repeating: MonthOutcomes(), count: path.count)
        // Work as the register measures it: earnings at or above the month's year's threshold. A run's earnings
        // are set in its first year, so a long run can fall below a later threshold.
        func addEarnings(_ e: Double, month m: Int, onSupport: Bool) {
            out[m].values[8] = e
            guard e >= workThreshold(year: context.year(ofMonth: m)) else { return }
            out[m].values[1] = 1; out[m].values[2] = 1
            if !onSupport { out[m].values[3] = 1 }
        }
        for run in runs(path) {
            if let b = run.state.benefit {
                let rate = dailyRate(p, run)
                let extent = Double(extent(p, run)) / 100
                let slot = b.payer == .forsakringskassan ? 5 : b.payer == .state ? 6 : 7
                for m in run.first...run.last {
                    out[m].values[0] = 1
                    out[m].values[4] = extent
                    out[m].values[slot] = rate * extent * Double(units(b, month: m))
                    if b.isTaxable { out[m].values[9] = out[m].values[slot] }
                }
                if let from = partTimeStart(p, run, treatment: treatment) {
                    let e = partTimeEarnings(p, run)
                    for m in from...run.last { addEarnings(e, month: m, onSupport: true) }
                }
            } else if run.state == .work {
                let e = earnings(p, run)
                for m in run.first...run.last { addEarnings(e, month: m, onSupport: false) }
            } else if run.state == .studies {
                for m in run.first...run.last { out[m].values[2] = 1; out[m].values[3] = 1 }
            }
        }
        return out
    }
}
