import Testing
@testable import Payback

@Suite struct PaybackTests {
    /// The seeds' figures: cost 82,000 kr, gain 82,000 kr a year, no discounting → 12 months, 410,000 kr in 5 years.
    @Test func theNaiveModelReproducesThePublishedFigures() {
        let model = PaybackModel(costPerParticipant: 82_000, horizonMonths: 60, discountRate: 0,
                                 valuation: Valuation(employerFeeRate: 0, employerFeeRateUnder26: 0))
        let effects = MonthlyEffects.constant(earnings: 82_000.0 / 12, months: 60)
        let society = model.curves(effects).first { $0.perspective == .society }!
        #expect(society.paybackMonth == 12)
        #expect(abs(society.totalGain - 410_000) < 1e-6)
        #expect(abs(society.netPresentValue - 328_000) < 1e-6)
        #expect(abs(society.returnOnInvestment! - 4) < 1e-12)
    }

    /// Two persons valued by hand: person A leaves sjukpenning (−10,000 kr/month from FK) and person B gains work
    /// (+20,000 kr/month earnings); per participant the effects are the averages.
    @Test func aHandValuedExampleForEveryPerspective() {
        let v = Valuation(employerFeeRate: 0.3, employerFeeRateUnder26: 0.15, shareUnder26: 0.5,
                          municipalTaxRate: 0.2, regionalTaxRate: 0.1, stateTaxRate: 0.05)
        let model = PaybackModel(costPerParticipant: 100_000, horizonMonths: 12, discountRate: 0, valuation: v)
        let e = MonthlyEffects.constant(transfersFK: -5_000, earnings: 10_000, months: 12)
        let c = Dictionary(uniqueKeysWithValues: model.curves(e).map { ($0.perspective, $0) })
        // Fee rate 0.5·0.15 + 0.5·0.3 = 0.225.
        #expect(abs(c[.society]!.monthlyGain[0] - 12_250) < 1e-9)               // 10,000 · 1.225
        #expect(abs(c[.forsakringskassan]!.monthlyGain[0] - 5_000) < 1e-9)      // less sjukpenning paid
        #expect(abs(c[.state]!.monthlyGain[0] - 2_750) < 1e-9)                  // 10,000 · (0.225 + 0.05)
        #expect(abs(c[.kommun]!.monthlyGain[0] - 2_000) < 1e-9)                 // 10,000 · 0.2
        #expect(abs(c[.region]!.monthlyGain[0] - 1_000) < 1e-9)                 // 10,000 · 0.1
        #expect(abs(c[.individual]!.monthlyGain[0] - 1_500) < 1e-9)             // 10,000 · 0.65 − 5,000
        #expect(abs(c[.publicSector]!.monthlyGain[0] - 10_750) < 1e-9)
        // Society = public sector + individual.
        #expect(abs(c[.society]!.monthlyGain[0] - c[.publicSector]!.monthlyGain[0] - c[.individual]!.monthlyGain[0]) < 1e-9)
        // Costs: FK 50 %, region and kommun 25 % each; payback for FK: 50,000 / 5,000 = 10 months.
        #expect(c[.forsakringskassan]!.cost == 50_000 && c[.region]!.cost == 25_000 && c[.kommun]!.cost == 25_000)
        #expect(c[.forsakringskassan]!.paybackMonth == 10)
        #expect(c[.region]!.paybackMonth == nil)                                 // 12 · 1,000 < 25,000
        #expect(c[.state]!.paybackMonth == nil && c[.state]!.returnOnInvestment == nil)
    }

    @Test func discountingDelaysPaybackAndDecayShrinksLateGains() {
        let effects = MonthlyEffects.constant(earnings: 82_000.0 / 12, months: 60)
        let plain = PaybackModel(discountRate: 0, valuation: Valuation(employerFeeRate: 0, employerFeeRateUnder26: 0))
        var discounted = plain
        discounted.discountRate = 0.05
        let a = plain.curves(effects)[0], b = discounted.curves(effects)[0]
        #expect(b.paybackMonth! >= a.paybackMonth!)
        #expect(b.netPresentValue < a.netPresentValue)
        let short = MonthlyEffects.constant(earnings: 1_000, months: 12).extended(to: 36, decayPerYear: 0.5)
        #expect(abs(short.earnings[11] - 1_000) < 1e-9)
        #expect(abs(short.earnings[23] - 500) < 1e-6)     // one year after the last observed month: half
    }
}
