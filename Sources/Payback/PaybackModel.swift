import Foundation

/// The socioeconomic payback of an insats: its cost per participant against the valued monthly gains, per
/// perspective (README, "Payback").
///
/// Gains in month `k` per participant, from effects `ΔT_a` (transfers paid by actor a), `ΔT_x` (the taxable part of
/// all transfers) and `ΔE` (earnings), with the income tax rates `t_kommun`, `t_region`, `t_state` (`t` their sum):
/// ```
/// society        = ΔE · (1 + f)                       production; transfers and taxes cancel out
/// FK             = −ΔT_FK                             the payer saves the gross benefit
/// state          = −ΔT_state + ΔE·f + (ΔE + ΔT_x)·t_state        f: employer fee rate (age-weighted)
/// kommun         = −ΔT_kommun + (ΔE + ΔT_x)·t_kommun
/// region         = (ΔE + ΔT_x)·t_region
/// individual     = (ΔE + ΔT_x)·(1 − t) + (ΔT_FK + ΔT_state + ΔT_kommun − ΔT_x)
/// public sector  = FK + state + kommun + region        (society = public sector + individual)
/// ```
/// A taxable benefit avoided (ΔT_x < 0) saves its payer the gross amount, costs the kommun, the region and the state
/// the income tax on it, and costs the individual the net amount; a tax-free one (etableringsersättning, ekonomiskt
/// bistånd) costs the individual all of it. Benefits are taxed at the same rates as earnings (the average rates of
/// `prices.csv`; no basic allowance or job tax credit is modelled).
/// Costs: society and the public sector bear the whole cost per participant `C`; FK (the state's channel) 50 %,
/// the region 25 %, the kommun 25 % (Finsam's financing shares); the individual none. With the yearly discount rate
/// `r`, month `k` is discounted by `(1 + r)^(k/12)`; the cost falls in month 0, or as ``costSchedule`` spreads it.
/// ```
/// cumulative(k) = Σ_{j≤k} gain(j) / (1 + r)^(j/12)
/// payback month = the first k (counted from 1) with cumulative(k) ≥ C_perspective·D
/// NPV = cumulative(H) − C_perspective·D,   ROI = NPV / (C_perspective·D)
/// D = Σ_k w_k / (1 + r)^(k/12), the present value of a krona of cost as ``costSchedule`` spreads it (1 at the start)
/// ```
/// With a cost of 82,000 kr, a constant gain of 82,000 kr a year and no discounting this gives a 12-month payback
/// and 410,000 kr over 60 months — the figures of the 58 local evaluations (NNS 2015:1; seeds 003 and 004).
///
/// References: the actor split follows the socioeconomic models used for Finsam (NyttoSam, SEE AB);
/// the default discount rate is the 3.5 % real rate of Trafikverket's ASEK guidelines for Swedish socioeconomic
/// analysis; net present value as in cost–benefit analysis (Boardman, Greenberg, Vining & Weimer, *Cost-Benefit
/// Analysis: Concepts and Practice*).
public struct PaybackModel: Sendable {
    /// `C`: the insats's cost per participant (kr), borne in month 0.
    public var costPerParticipant: Double = 82_000
    /// `H`: the months over which gains are counted.
    public var horizonMonths: Int = 60
    /// `r`: the real discount rate a year (ASEK's 3.5 % by default).
    public var discountRate: Double = 0.035
    /// The prices that value earnings (employer fees, income taxes).
    public var valuation = Valuation()
    /// How the effect is carried from the last observed month to the horizon (held constant by default).
    public var extrapolation: Extrapolation = .constant
    /// When the cost falls: the shares `w_k` of the cost per participant in months `k = 0, 1, …` from the start,
    /// summing to 1. `[1]` (the default): all in the start month, as the 58 local evaluations count it;
    /// ``spreadSchedule(durations:)``: over the participants' own months of participation.
    public var costSchedule: [Double] = [1]
    /// The shares of the cost borne by FK (for the state), the region and the kommun: Finsam's 50/25/25.
    public var financing: (fk: Double, region: Double, kommun: Double) = (0.5, 0.25, 0.25)

    /// A model with the cost per participant (kr), the horizon (months), the yearly discount rate and the prices;
    /// the financing shares are Finsam's 50/25/25.
    public init(costPerParticipant: Double = 82_000, horizonMonths: Int = 60, discountRate: Double = 0.035,
                valuation: Valuation = Valuation()) {
        self.costPerParticipant = costPerParticipant
        self.horizonMonths = horizonMonths
        self.discountRate = discountRate
        self.valuation = valuation
    }

    /// The cost per participant the perspective bears, `C_p = s_p · C`: `s_p` = 1 for society and the public sector,
    /// `financing.fk` (0.5) for FK, `financing.region` (0.25) for the region, `financing.kommun` (0.25) for the kommun,
    /// and 0 for the state budget (its share runs through FK) and the individual.
    public func cost(_ p: Perspective) -> Double { costPerParticipant * costShare(p) }

    /// `D = Σ_k w_k / (1 + r)^(k/12)`: the present value of one krona of cost falling as ``costSchedule`` says (1 when
    /// it all falls in the start month).
    public var costDiscountFactor: Double {
        costSchedule.enumerated().reduce(0) { $0 + $1.element / pow(1 + discountRate, Double($1.offset) / 12) }
    }

    /// The cost schedule of participants whose participation lasts `durations` months (at least 1 each): each
    /// participant's cost spread evenly over its own months, averaged, `w_k = mean_i [k < d_i] / d_i`.
    public static func spreadSchedule(durations: [Int]) -> [Double] {
        guard !durations.isEmpty else { return [1] }
        var w = [Double](repeating: 0, count: durations.map { max($0, 1) }.max()!)
        for d in durations.map({ max($0, 1) }) { for k in 0..<d { w[k] += 1 / Double(d) } }
        return w.map { $0 / Double(durations.count) }
    }

    /// `s_p`, the share of the cost per participant that perspective `p` bears (see ``cost(_:)``).
    public func costShare(_ p: Perspective) -> Double {
        switch p {
        case .society, .publicSector: 1
        case .forsakringskassan: financing.fk
        case .region: financing.region
        case .kommun: financing.kommun
        case .state, .individual: 0
        }
    }

    /// The undiscounted gain of a perspective in month `k`.
    public func gain(_ p: Perspective, _ e: MonthlyEffects, month k: Int) -> Double {
        let v = valuation
        let dE = e.earnings[k], fk = e.transfersFK[k], st = e.transfersState[k], ko = e.transfersKommun[k]
        let taxed = dE + e.transfersTaxable[k]
        switch p {
        case .society: return dE * (1 + v.feeRate)
        case .forsakringskassan: return -fk
        case .state: return -st + dE * v.feeRate + taxed * v.stateTaxRate
        case .kommun: return -ko + taxed * v.municipalTaxRate
        case .region: return taxed * v.regionalTaxRate
        case .individual:
            return taxed * (1 - v.municipalTaxRate - v.regionalTaxRate - v.stateTaxRate) + fk + st + ko - e.transfersTaxable[k]
        case .publicSector:
            return [Perspective.forsakringskassan, .state, .kommun, .region].reduce(0) { $0 + gain($1, e, month: k) }
        }
    }

    /// One perspective's payback over the horizon: the monthly gains, their cumulative discounted sum, and the payback
    /// month, NPV and ROI (formulas in ``PaybackModel/curves(_:)``).
    public struct Curve: Sendable {
        public var perspective: Perspective
        /// `C_p`, the perspective's cost per participant (``PaybackModel/cost(_:)``).
        public var cost: Double
        /// Gain per month (undiscounted) and the cumulative discounted gain, months 1…H.
        public var monthlyGain: [Double]
        public var cumulativeDiscounted: [Double]
        /// The first month (1-based) in which the cumulative discounted gain reaches the cost; nil: not within the
        /// horizon (or no cost to recover).
        public var paybackMonth: Int?
        /// `cumulative(H) − C_p`.
        public var netPresentValue: Double
        /// NPV / cost; nil without a cost.
        public var returnOnInvestment: Double?
        /// Undiscounted gain over the horizon.
        public var totalGain: Double
        /// The break-even cost: the cost per participant `C*` (for the whole insats, before the perspective's share) at
        /// which the perspective's NPV over the horizon is zero, `C* = cumulative(H) / (s_p·D)`; nil for a perspective that
        /// bears no cost. Negative when the discounted gains are: then not even a free insats pays back.
        public var breakEvenCost: Double?
    }

    /// Payback curves for every perspective, over months m = 1…H counted from the start month (effects index m − 1):
    /// ```
    /// cumulative(m) = Σ_{j=1…m} gain_p(j) / (1 + r)^((j − 1)/12)      (month 1 is not discounted)
    /// paybackMonth  = min{ m ≤ H : cumulative(m) ≥ C_p·D }           (nil when C_p = 0 or not reached)
    /// NPV = cumulative(H) − C_p·D,   ROI = NPV / (C_p·D) (nil when C_p = 0),   totalGain = Σ_{j≤H} gain_p(j)
    /// break-even cost C* = cumulative(H) / (s_p·D)                    (nil when s_p = 0)
    /// ```
    /// Gains and costs are discounted alike, at the start of their month: month 1 (the start month) not at all,
    /// month m by `(1 + r)^((m − 1)/12)`. `D` (``costDiscountFactor``) is 1 when the whole cost falls in the start
    /// month; with the cost spread over the participation, the payback month is the first in which the discounted
    /// gains reach the whole discounted cost.
    /// with `gain_p` from ``gain(_:_:month:)`` and `C_p` from ``cost(_:)``; the comparison with the cost allows a
    /// relative rounding tolerance of 1e−9. Effects shorter than the horizon are carried forward as ``extrapolation``
    /// says (``MonthlyEffects/extended(to:decayPerYear:)``).
    public func curves(_ effects: MonthlyEffects) -> [Curve] {
        let e = effects.extended(to: horizonMonths, decayPerYear: extrapolation.decayPerYear)
        return Perspective.allCases.map { p in
            var cumulative = 0.0, total = 0.0
            var gains: [Double] = [], path: [Double] = []
            var payback: Int? = nil
            let c = cost(p), present = c * costDiscountFactor
            for k in 0..<horizonMonths {
                let g = gain(p, e, month: k)
                gains.append(g)
                total += g
                cumulative += g / pow(1 + discountRate, Double(k) / 12)
                path.append(cumulative)
                if payback == nil, c > 0, cumulative >= present - 1e-9 * present { payback = k + 1 }
            }
            let share = costShare(p)
            return Curve(perspective: p, cost: c, monthlyGain: gains, cumulativeDiscounted: path, paybackMonth: payback,
                         netPresentValue: cumulative - present, returnOnInvestment: c > 0 ? (cumulative - present) / present : nil,
                         totalGain: total, breakEvenCost: share > 0 ? cumulative / (share * costDiscountFactor) : nil)
        }
    }
}
