import ArgumentParser
import Evaluation
import Foundation
import Payback
import Registers
import Reporting
import Stats

/// `evaluate payback`: the socioeconomic payback from a cohort run's effects, or the naive constant-gain model.
struct PaybackCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "payback",
        abstract: "Socioeconomic payback per perspective from effects by month (a cohort run's effects.csv) or a constant annual gain.",
        discussion: """
            --source counterfactual values the matched ATT per month; --source naive holds the participants' \
            before/after difference (month +12 against month −1) constant, the method of the 58 local evaluations. \
            With --annual-gain SEK the naive model uses that societal gain per year instead of an effects file.
            """
    )

    enum Source: String, ExpressibleByArgument, CaseIterable { case counterfactual, naive }

    @Option(help: "An effects.csv from a cohort run (either CSV dialect).")
    var effects: String?

    @Option(parsing: .unconditional, help: "Cost per participant (kr) \(OptionRanges.cost.help).")
    var costPerParticipant: Double = 82_000

    @Option(help: "Effect source: counterfactual or naive.")
    var source: Source = .counterfactual

    @Option(parsing: .unconditional, help: "Horizon in months \(OptionRanges.horizon.help).")
    var horizon: Int = 60

    @Option(parsing: .unconditional, help: "Yearly discount rate, e.g. 0.035 for 3.5 % \(OptionRanges.discount.help).")
    var discount: Double = 0.035

    @Option(help: "A prices.csv with employer fees and tax rates (default: Datasets/reference/prices.csv when present).")
    var prices: String?

    @Option(parsing: .unconditional, help: "Price year \(OptionRanges.year.help).")
    var year: Int = 2014

    @Option(name: .customLong("share-under-26"), parsing: .unconditional, help: "Share of participants under 26, who carry the reduced employer fee (the cohort run uses its cohort's share: results.json, payback.share_under_26) \(OptionRanges.share.help).")
    var shareUnder26: Double = 0

    @Option(parsing: .unconditional, help: "For the naive model: a constant societal gain per participant and year (kr; negative: a loss) \(OptionRanges.annualGain.help).")
    var annualGain: Double?

    @Option(help: "How the effect is carried from the last month in --effects to the horizon: constant (the default), decay:R (a share R from 0 to 1 lost each year) or none.")
    var extrapolate: Extrapolation = .constant

    @Option(help: "The output folder.")
    var out: String = "payback-results"

    @OptionGroup var csv: CSVOptions

    func validate() throws {
        try OptionRanges.cost.require("--cost-per-participant", costPerParticipant)
        try OptionRanges.horizon.require("--horizon", horizon)
        try OptionRanges.discount.require("--discount", discount, what: "a yearly rate", hint: OptionRanges.discountHint)
        try OptionRanges.year.require("--year", year, what: "a year")
        try OptionRanges.share.require("--share-under-26", shareUnder26, what: "a share")
        if let annualGain { try OptionRanges.annualGain.require("--annual-gain", annualGain, what: "an amount") }
        guard effects != nil || annualGain != nil else { throw ValidationError("give --effects FILE or --annual-gain SEK") }
        if annualGain != nil && source != .naive { throw ValidationError("--annual-gain goes with --source naive") }
    }

    func run() throws {
        let folder: OutputFolder
        do { folder = try OutputFolder(path: out, kind: "payback", inputs: [effects, prices].compactMap { $0 }) } catch { throw report(error) }
        do {
            var valuation = Valuation(shareUnder26: shareUnder26)
            let pricePath = prices ?? (FileManager.default.fileExists(atPath: "Datasets/reference/prices.csv") ? "Datasets/reference/prices.csv" : nil)
            var notes: [String] = []
            if let pricePath {
                let table = try readPrices(pricePath)
                valuation = Valuation(prices: table, year: year, shareUnder26: shareUnder26)
                if !table.unknownParameters.isEmpty { notes.append("unknown parameters in \(pricePath): \(table.unknownParameters.joined(separator: ", "))") }
                notes += PriceParameter.catalogue.filter { $0.whenMissing == .documentedDefault }.compactMap { table.yearCoverageNote($0.name, years: year...year) }
            }
            var model = PaybackModel(costPerParticipant: costPerParticipant, horizonMonths: horizon, discountRate: discount, valuation: valuation)
            let monthly: MonthlyEffects
            if let annualGain {
                // Society's gain is ΔE·(1 + fee): choose ΔE so that it equals the given gain.
                monthly = .constant(earnings: annualGain / 12 / (1 + model.valuation.feeRate), months: horizon)
            } else {
                let table = try DataTable.read(path: effects!, textColumns: ["outcome"])
                monthly = try MonthlyEffects(effectsTable: table, naive: source == .naive)
                if case .text(let outcomes)? = table["outcome"], !outcomes.contains("amount_taxable") {
                    notes.append("\(effects!) has no amount_taxable rows: taxes on benefits are not valued (transfers count before tax)")
                }
            }
            model.horizonMonths = horizon
            model.extrapolation = extrapolate
            let report = PaybackReport(results: PaybackResults(model: model, sources: [(source.rawValue, monthly)]),
                                       writer: CSVWriter(dialect: csv.dialect))
            for (name, text) in report.files() { try folder.write(name, text) }
            try folder.commit()
            for c in model.curves(monthly) where c.perspective == .society || c.perspective == .publicSector {
                print("\(c.perspective.rawValue): payback \(c.paybackMonth.map { "\($0) months" } ?? "not within \(horizon) months"), "
                      + "gain over \(horizon) months \(formatShortest(c.totalGain.rounded())) kr, NPV \(formatShortest(c.netPresentValue.rounded())) kr"
                      + (c.breakEvenCost.map { ", break-even cost \(formatShortest($0.rounded())) kr" } ?? ""))
            }
            if !valuation.assumptions.isEmpty { notes.append("defaults used for " + valuation.assumptions.joined(separator: ", ")) }
            for note in notes { printNote(note) }
        } catch {
            folder.abandon()
            throw report(error)
        }
    }

    func readPrices(_ path: String) throws -> PriceTable {
        let t = try DataTable.read(path: path, textColumns: ["parameter", "unit", "source"])
        guard case .text(let names)? = t["parameter"], case .numeric(let values, _)? = t["value"],
              case .numeric(let years, _)? = t["year"] else {
            throw DataError(file: path, "expected the columns parameter, value, unit, year, source")
        }
        return PriceTable(rows: (0..<t.rowCount).map { PriceTable.Row(parameter: names[$0] ?? "", value: values[$0], unit: "", year: Int(years[$0]), source: "") })
    }
}
