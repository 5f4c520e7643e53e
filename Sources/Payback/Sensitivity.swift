/// The sensitivity grid: effect decay after the observed window (0, 25, 50 % a year), discount rate
/// (0, 3.5, 5 %) and cost (−25 %, as given, +25 %). For each cell (d, r, f), with K the last observed month:
/// ```
/// effect in month k > K:  e(k) = e(K) · (1 − d)^((k − K)/12)     (``MonthlyEffects/extended(to:decayPerYear:)``)
/// cost per participant C·f, discount rate r;  curves, payback month, NPV and ROI as ``PaybackModel/curves(_:)``
/// ```
/// A deterministic sensitivity analysis of the payback's assumptions, as cost–benefit guidance asks for (Boardman,
/// Greenberg, Vining & Weimer, *Cost-Benefit Analysis: Concepts and Practice*); the discount rates bracket the 3.5 %
/// of Trafikverket's ASEK guidelines.
public struct Sensitivity: Sendable {
    /// One point of the grid: its decay, discount rate and cost factor, and the payback curves of every perspective.
    public struct Cell: Sendable {
        /// `d`: the share of the effect lost each year after the observed months.
        public var decayPerYear: Double
        /// `r`: the yearly discount rate.
        public var discountRate: Double
        /// `f`: the factor on the cost per participant.
        public var costFactor: Double
        public var curves: [PaybackModel.Curve]
    }

    /// The grid's cells, decay varying slowest and cost factor fastest.
    public let cells: [Cell]

    /// Computes the grid `decays × discountRates × costFactors` (3 × 3 × 3 cells by default) from `model`'s horizon,
    /// prices and financing.
    public init(model: PaybackModel, effects: MonthlyEffects, decays: [Double] = [0, 0.25, 0.5],
                discountRates: [Double] = [0, 0.035, 0.05], costFactors: [Double] = [0.75, 1, 1.25]) {
        var cells: [Cell] = []
        for d in decays {
            let e = effects.extended(to: model.horizonMonths, decayPerYear: d)
            for r in discountRates {
                for f in costFactors {
                    var m = model
                    m.discountRate = r
                    m.costPerParticipant = model.costPerParticipant * f
                    cells.append(Cell(decayPerYear: d, discountRate: r, costFactor: f, curves: m.curves(e)))
                }
            }
        }
        self.cells = cells
    }
}
