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

    func workThreshold(year: Int) -> Double { prices.value("work_threshold_monthly_earnings", year: year) ?? 0 }

    /// Monthly earnings of a work run: lognormal around 21,000 kr (2014), moved with the prisbasbelopp, and at least
    /// 5 % above the work threshold.
    func earnings(_ p: Int, _ run: Run) -> Double {
        let y = context.year(ofMonth: run.first)
        let index = (prices.value("prisbasbelopp", year: y) ?? 1) / (prices.value("prisbasbelopp", year: 2014) ?? 1)
        let draw = 21_000 * index * _exp(0.35 * context.rng.normal(p, run.first, SimulationContext.Stream.level.rawValue * 1000 + 1))
        return max(draw, workThreshold(year: y) * 1.05).rounded()
    }

    /// Units of the benefit's convention in month `m`.
    func units(_ b: BenefitCode, month m: Int) -> Int {
        let month = context.month(m)
        return b.dayConvention == .weekdays ? month.weekdayCount : month.dayCount
    }
}

/// The outcomes whose effects are estimated, in one month of a path.
struct MonthOutcomes: Sendable {
    static let names = ["public_support", "work", "work_or_study", "self_sufficient", "support_fte",
                        "amount_fk", "amount_state", "amount_kommun", "earnings"]
    var values = [Double](repeating: 0, count: MonthOutcomes.names.count)
}

extension RunValuation {
    /// Monthly outcomes of a whole path.
    func outcomes(_ p: Int, _ path: [SimState]) -> [MonthOutcomes] {
        var out = [MonthOutcomes](repeating: MonthOutcomes(), count: path.count)
        for run in runs(path) {
            if let b = run.state.benefit {
                let rate = dailyRate(p, run)
                let extent = Double(extent(p, run)) / 100
                let slot = b.payer == .forsakringskassan ? 5 : b.payer == .state ? 6 : 7
                for m in run.first...run.last {
                    out[m].values[0] = 1
                    out[m].values[4] = extent
                    out[m].values[slot] = rate * extent * Double(units(b, month: m))
                }
            } else if run.state == .work {
                let e = earnings(p, run)
                for m in run.first...run.last {
                    out[m].values[8] = e
                    // Work as the register measures it: earnings at or above the month's year's threshold.
                    // A run's earnings are set in its first year, so a long run can fall below a later threshold.
                    guard e >= workThreshold(year: context.year(ofMonth: m)) else { continue }
                    out[m].values[1] = 1; out[m].values[2] = 1; out[m].values[3] = 1
                }
            } else if run.state == .studies {
                for m in run.first...run.last { out[m].values[2] = 1; out[m].values[3] = 1 }
            }
        }
        return out
    }
}
