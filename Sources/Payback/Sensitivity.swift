/// The sensitivity grid of DESIGN §5: effect decay after the observed window (0, 25, 50 % a year), discount rate
/// (0, 3.5, 5 %) and cost (−25 %, as given, +25 %).
public struct Sensitivity: Sendable {
    public struct Cell: Sendable {
        public var decayPerYear: Double
        public var discountRate: Double
        public var costFactor: Double
        public var curves: [PaybackModel.Curve]
    }

    public let cells: [Cell]

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
