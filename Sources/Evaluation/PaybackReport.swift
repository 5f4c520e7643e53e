import Effects
import Payback
import Stats

/// Renders payback results as CSV: `payback.csv` (one row per source and perspective), `payback_monthly.csv` (the
/// curves), `payback_actors.csv` (each actor's cost and gain components) and `payback_sensitivity.csv`.
public struct PaybackReport {
    let results: PaybackResults
    let writer: CSVWriter

    /// A writer of `results` in the dialect of `writer`.
    public init(results: PaybackResults, writer: CSVWriter) {
        self.results = results
        self.writer = writer
    }

    /// Every file: name and contents.
    public func files() -> [(String, String)] {
        let model = results.model
        var summary: [[CSVWriter.Cell]] = [], monthly: [[CSVWriter.Cell]] = [], actors: [[CSVWriter.Cell]] = []
        var sensitivity: [[CSVWriter.Cell]] = []
        func month(_ m: Double) -> CSVWriter.Cell { m > Double(model.horizonMonths) ? .text("not within horizon") : .number(m) }
        for source in results.sources {
            for c in source.curves {
                let ci = source.intervals[c.perspective]
                summary.append([.text(source.name), .text(c.perspective.rawValue), .number(c.cost), .number(c.totalGain),
                                .number(c.netPresentValue), c.returnOnInvestment.map { .number($0) } ?? .missing,
                                c.cost == 0 ? .text("no cost") : c.paybackMonth.map { .number(Double($0)) } ?? .text("not within horizon"),
                                ci.map { month($0.paybackLow) } ?? .missing, ci.map { month($0.paybackHigh) } ?? .missing,
                                ci.map { .number($0.npvLow) } ?? .missing, ci.map { .number($0.npvHigh) } ?? .missing,
                                c.breakEvenCost.map { .number($0) } ?? .missing, ci.map { .number($0.breakEvenLow) } ?? .missing,
                                ci.map { .number($0.breakEvenHigh) } ?? .missing,
                                .number(Double(model.horizonMonths)), .number(model.discountRate)])
                for (k, g) in c.monthlyGain.enumerated() {
                    monthly.append([.text(source.name), .text(c.perspective.rawValue), .number(Double(k + 1)), .number(g),
                                    .number(c.cumulativeDiscounted[k])])
                }
            }
            let e = source.effects.extended(to: model.horizonMonths, decayPerYear: model.extrapolation.decayPerYear)
            let v = model.valuation
            func total(_ f: (Int) -> Double) -> Double { (0..<model.horizonMonths).reduce(0) { $0 + f($1) } }
            let dE = total { e.earnings[$0] }, taxed = dE + total { e.transfersTaxable[$0] }
            // Income tax on earnings and on taxable benefits; the individual's transfers are gross, its tax the sum.
            let rows: [(Perspective, Double, Double, Double, Double)] = [
                (.forsakringskassan, -total { e.transfersFK[$0] }, 0, 0, 0),
                (.state, -total { e.transfersState[$0] }, dE * v.feeRate, taxed * v.stateTaxRate, 0),
                (.kommun, -total { e.transfersKommun[$0] }, 0, taxed * v.municipalTaxRate, 0),
                (.region, 0, 0, taxed * v.regionalTaxRate, 0),
                (.individual, total { e.transfersFK[$0] + e.transfersState[$0] + e.transfersKommun[$0] }, 0,
                 -taxed * (v.municipalTaxRate + v.regionalTaxRate + v.stateTaxRate), dE),
            ]
            for (p, transfers, fees, taxes, earnings) in rows {
                let curve = source.curves.first { $0.perspective == p }!
                actors.append([.text(source.name), .text(p.rawValue), .number(curve.cost), .number(transfers), .number(fees),
                               .number(taxes), .number(earnings), .number(transfers + fees + taxes + earnings),
                               .number(curve.netPresentValue)])
            }
            for cell in Sensitivity(model: model, effects: source.effects).cells {
                for c in cell.curves where c.perspective == .society || c.perspective == .publicSector {
                    sensitivity.append([.text(source.name), .text(c.perspective.rawValue), .number(cell.decayPerYear),
                                        .number(cell.discountRate), .number(cell.costFactor),
                                        c.paybackMonth.map { .number(Double($0)) } ?? .text("not within horizon"),
                                        .number(c.netPresentValue)])
                }
            }
        }
        return [
            ("payback.csv", writer.render(header: ["source", "perspective", "cost", "total_gain", "npv", "roi", "payback_month", "payback_month_low", "payback_month_high", "npv_low", "npv_high", "break_even_cost", "break_even_cost_low", "break_even_cost_high", "horizon_months", "discount_rate"], rows: summary)),
            ("payback_monthly.csv", writer.render(header: ["source", "perspective", "month", "gain", "cumulative_discounted_gain"], rows: monthly)),
            ("payback_actors.csv", writer.render(header: ["source", "actor", "cost", "transfers", "employer_fees", "income_tax", "earnings", "total_gain", "npv"], rows: actors)),
            ("payback_sensitivity.csv", writer.render(header: ["source", "perspective", "decay_per_year", "discount_rate", "cost_factor", "payback_month", "npv"], rows: sensitivity)),
        ]
    }
}
