import Registers

/// The prices that turn effects into kronor, for one year (`prices.csv`; README, data dictionary).
public struct Valuation: Sendable {
    /// Employer social fees as a share of wages (31.42 % in 2014).
    public var employerFeeRate: Double
    /// The reduced fee for employees under 26 (15.49 % in 2014).
    public var employerFeeRateUnder26: Double
    /// Share of participants under 26, which weights the two fee rates.
    public var shareUnder26: Double
    /// Kommun and region income tax rates (20.65 % and 11.21 % in 2014) and an effective state income tax rate.
    public var municipalTaxRate: Double
    public var regionalTaxRate: Double
    public var stateTaxRate: Double
    /// Which prices were assumptions (absent from the price table).
    public var assumptions: [String]

    /// The effective employer fee rate for the participants.
    public var feeRate: Double { shareUnder26 * employerFeeRateUnder26 + (1 - shareUnder26) * employerFeeRate }

    /// Prices given directly; the defaults are the 2014 values (employer fee 31.42 %, 15.49 % under 26; kommun 20.65 %
    /// and region 11.21 % income tax; no state income tax) with no participant under 26.
    public init(employerFeeRate: Double = 0.3142, employerFeeRateUnder26: Double = 0.1549, shareUnder26: Double = 0,
                municipalTaxRate: Double = 0.2065, regionalTaxRate: Double = 0.1121, stateTaxRate: Double = 0) {
        self.employerFeeRate = employerFeeRate
        self.employerFeeRateUnder26 = employerFeeRateUnder26
        self.shareUnder26 = shareUnder26
        self.municipalTaxRate = municipalTaxRate
        self.regionalTaxRate = regionalTaxRate
        self.stateTaxRate = stateTaxRate
        assumptions = []
    }

    /// Reads the prices for `year` from a price table; missing parameters keep the 2014 defaults above and are
    /// listed in ``assumptions``.
    public init(prices: PriceTable, year: Int, shareUnder26: Double) {
        self.init(shareUnder26: shareUnder26)
        func take(_ name: String, _ keyPath: WritableKeyPath<Valuation, Double>) {
            if let v = prices.value(name, year: year) { self[keyPath: keyPath] = v } else { assumptions.append(name) }
        }
        take("employer_fee_rate", \.employerFeeRate)
        take("employer_fee_rate_under_26", \.employerFeeRateUnder26)
        take("municipal_tax_rate", \.municipalTaxRate)
        take("regional_tax_rate", \.regionalTaxRate)
        take("state_tax_rate_effective", \.stateTaxRate)
    }
}
