import Effects
import Payback

/// The payback of each effect source, computed once for the payback CSVs, `results.json` and the report: the
/// curves of every perspective and, with bootstrap replicates, 95 % percentile intervals of the counterfactual
/// payback month and NPV.
public struct PaybackResults: Sendable {
    /// 95 % percentile interval ends over the replicates; a payback month beyond the horizon counts as horizon + 1.
    public struct Interval: Sendable {
        public var paybackLow: Double
        public var paybackHigh: Double
        public var npvLow: Double
        public var npvHigh: Double
        /// The break-even cost's interval (`PaybackModel.Curve.breakEvenCost`).
        public var breakEvenLow: Double
        public var breakEvenHigh: Double
    }

    /// One effect source ("counterfactual", "naive"): its monthly effects and the curves they give.
    public struct Source: Sendable {
        public var name: String
        public var effects: MonthlyEffects
        public var curves: [PaybackModel.Curve]
        /// Per perspective with a cost, for the counterfactual source with replicates.
        public var intervals: [Perspective: Interval]
    }

    public let model: PaybackModel
    public let sources: [Source]
    public let replicates: Int

    /// - Parameters:
    ///   - model: the payback model (cost, horizon, discount rate, prices).
    ///   - sources: name and monthly effects of each source.
    ///   - replicates: bootstrap replicates of the counterfactual effects (fewer than two: no intervals).
    public init(model: PaybackModel, sources: [(String, MonthlyEffects)], replicates: [MonthlyEffects] = []) {
        self.model = model
        self.replicates = replicates.count
        let replicateCurves = replicates.count > 1 ? replicates.map { model.curves($0) } : []
        self.sources = sources.map { name, effects in
            let curves = model.curves(effects)
            var intervals: [Perspective: Interval] = [:]
            if name == "counterfactual" && !replicateCurves.isEmpty {
                for c in curves where c.cost > 0 {
                    let draws = replicateCurves.map { $0.first { $0.perspective == c.perspective }! }
                    let months = draws.map { Double($0.paybackMonth ?? model.horizonMonths + 1) }.sorted()
                    let npv = draws.map(\.netPresentValue).sorted()
                    let breakEven = draws.compactMap(\.breakEvenCost).sorted()
                    intervals[c.perspective] = Interval(paybackLow: quantile(months, 0.025), paybackHigh: quantile(months, 0.975),
                                                        npvLow: quantile(npv, 0.025), npvHigh: quantile(npv, 0.975),
                                                        breakEvenLow: quantile(breakEven, 0.025),
                                                        breakEvenHigh: quantile(breakEven, 0.975))
                }
            }
            return Source(name: name, effects: effects, curves: curves, intervals: intervals)
        }
    }

    /// The same results without the sources named in `withheld` (disclosure control: a source resting on fewer
    /// persons than the minimum cell is not published).
    public func withholding(_ withheld: Set<String>) -> PaybackResults {
        PaybackResults(model: model, sources: sources.filter { !withheld.contains($0.name) }, replicates: replicates)
    }

    private init(model: PaybackModel, sources: [Source], replicates: Int) {
        self.model = model
        self.sources = sources
        self.replicates = replicates
    }

    /// The curve of a source and perspective.
    public func curve(_ source: String, _ perspective: Perspective) -> PaybackModel.Curve? {
        sources.first { $0.name == source }?.curves.first { $0.perspective == perspective }
    }
}
