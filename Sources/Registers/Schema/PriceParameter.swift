/// The parameters `prices.csv` may hold: what each means, its unit, which part of the tool uses it, and whether a
/// missing one stops the run or falls back to a documented default. A name not listed here gets a NOTE (a misspelt
/// name must not pass unnoticed); README's data dictionary lists the same table.
public struct PriceParameter: Sendable {
    /// How a run treats a parameter it uses but cannot find.
    public enum WhenMissing: Sendable, Equatable {
        /// The run stops (exit 65) naming the parameter.
        case required
        /// The run applies its documented default (the payback's 2014 rates), and says so in a NOTE and in the
        /// report's notes.
        case documentedDefault
        /// No analysis reads it: the synthetic-data generator (which has its own fallback) or nothing — the value is
        /// kept for reference beside its source.
        case notUsedByAnalyses
    }

    public var name: String
    public var unit: String
    /// Where the tool uses it.
    public var usedBy: String
    public var whenMissing: WhenMissing

    /// Every known parameter.
    public static let catalogue: [PriceParameter] = [
        .init(name: "work_threshold_monthly_earnings", unit: "kr per month",
              usedBy: "monthly panel: earnings at or above it make a month count as work", whenMissing: .required),
        .init(name: "employer_fee_rate", unit: "fraction of gross wage", usedBy: "payback: value of production", whenMissing: .documentedDefault),
        .init(name: "employer_fee_rate_under_26", unit: "fraction of gross wage", usedBy: "payback: value of production for participants under 26", whenMissing: .documentedDefault),
        .init(name: "municipal_tax_rate", unit: "fraction of taxable income", usedBy: "payback: the kommun's tax on earnings", whenMissing: .documentedDefault),
        .init(name: "regional_tax_rate", unit: "fraction of taxable income", usedBy: "payback: the region's tax on earnings", whenMissing: .documentedDefault),
        .init(name: "state_tax_rate_effective", unit: "fraction of taxable income", usedBy: "payback: the state's income tax on earnings", whenMissing: .documentedDefault),
        .init(name: "prisbasbelopp", unit: "kr per year", usedBy: "generator: indexes benefit levels and earnings", whenMissing: .notUsedByAnalyses),
        .init(name: "average_benefit_monthly_SJP", unit: "kr per month", usedBy: "generator: sjukpenning level", whenMissing: .notUsedByAnalyses),
        .init(name: "average_benefit_monthly_RHB", unit: "kr per month", usedBy: "generator: rehabiliteringspenning level", whenMissing: .notUsedByAnalyses),
        .init(name: "average_benefit_monthly_AE", unit: "kr per month", usedBy: "generator: aktivitetsersättning level", whenMissing: .notUsedByAnalyses),
        .init(name: "average_benefit_monthly_SE", unit: "kr per month", usedBy: "generator: sjukersättning level", whenMissing: .notUsedByAnalyses),
        .init(name: "average_benefit_monthly_AKS", unit: "kr per month", usedBy: "generator: aktivitetsstöd level", whenMissing: .notUsedByAnalyses),
        .init(name: "average_benefit_monthly_ETB", unit: "kr per month", usedBy: "generator: etableringsersättning level", whenMissing: .notUsedByAnalyses),
        .init(name: "average_benefit_monthly_AKASSA", unit: "kr per month", usedBy: "generator: a-kassa level", whenMissing: .notUsedByAnalyses),
        .init(name: "average_benefit_monthly_EB", unit: "kr per month", usedBy: "generator: ekonomiskt bistånd level", whenMissing: .notUsedByAnalyses),
        .init(name: "cost_per_participant", unit: "kr", usedBy: "reference only (the run's --cost-per-participant sets the cost)", whenMissing: .notUsedByAnalyses),
        .init(name: "discount_rate", unit: "yearly rate", usedBy: "reference only (the run's --discount sets the rate)", whenMissing: .notUsedByAnalyses),
        .init(name: "days_per_month_calendar", unit: "days", usedBy: "reference only", whenMissing: .notUsedByAnalyses),
        .init(name: "days_per_month_weekdays", unit: "days", usedBy: "reference only", whenMissing: .notUsedByAnalyses),
        .init(name: "financing_share_state", unit: "fraction", usedBy: "reference only (Finsam's financing: half the state through FK)", whenMissing: .notUsedByAnalyses),
        .init(name: "financing_share_region", unit: "fraction", usedBy: "reference only (a quarter the region)", whenMissing: .notUsedByAnalyses),
        .init(name: "financing_share_kommun", unit: "fraction", usedBy: "reference only (a quarter the kommuner)", whenMissing: .notUsedByAnalyses),
        .init(name: "low_wage_job_monthly", unit: "kr per month", usedBy: "reference only (a low-wage job's earnings)", whenMissing: .notUsedByAnalyses),
    ]

    /// The catalogue entry named `name`.
    public static func named(_ name: String) -> PriceParameter? { catalogue.first { $0.name == name } }
}

extension PriceTable {
    /// The parameter names of the table that the catalogue does not know, sorted.
    public var unknownParameters: [String] {
        Set(rows.map(\.parameter)).filter { PriceParameter.named($0) == nil }.sorted()
    }

    /// The years among `years` for which `parameter` has no row of its own (``value(_:year:)`` then takes a
    /// neighbouring year's value), said as a note; nil when every year has its own value or the parameter is absent.
    public func yearCoverageNote(_ parameter: String, years: ClosedRange<Int>) -> String? {
        let present = Set(rows.filter { $0.parameter == parameter }.map(\.year))
        guard !present.isEmpty else { return nil }
        let missing = years.filter { !present.contains($0) }
        guard let first = missing.first, let last = missing.last else { return nil }
        let span = first == last ? "\(first)" : missing.count == last - first + 1 ? "\(first)–\(last)" : missing.map(String.init).joined(separator: ", ")
        return "prices.csv has no \(parameter) for \(span); the value of the nearest earlier year (else the nearest later one) is used"
    }
}
