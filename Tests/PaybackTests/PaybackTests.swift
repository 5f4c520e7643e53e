import Foundation
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
        // The insats could cost the five years' gain, 410,000 kr, and still pay back for society.
        #expect(abs(society.breakEvenCost! - 410_000) < 1e-6)
    }

    /// Taxes on benefits by hand: of two participants, one leaves sjukpenning (taxable, 10,000 kr a month from FK),
    /// the other ekonomiskt bistånd (tax-free, 4,000 kr from the kommun); no earnings change. Per participant FK saves
    /// 5,000 and the kommun 2,000 gross, the kommun, the region and the state lose the income tax on the 5,000 of
    /// sjukpenning (20, 10 and 5 %), and the individual loses its net sjukpenning and all of its bistånd.
    @Test func aTaxableBenefitCostsTheTaxTakersItsTaxAndATaxFreeOneDoesNot() {
        let v = Valuation(employerFeeRate: 0.3, employerFeeRateUnder26: 0.3, municipalTaxRate: 0.2, regionalTaxRate: 0.1,
                          stateTaxRate: 0.05)
        let model = PaybackModel(costPerParticipant: 0, horizonMonths: 1, discountRate: 0, valuation: v)
        let e = MonthlyEffects.constant(transfersFK: -5_000, transfersKommun: -2_000, transfersTaxable: -5_000, months: 1)
        let gain = Dictionary(uniqueKeysWithValues: model.curves(e).map { ($0.perspective, $0.monthlyGain[0]) })
        #expect(abs(gain[.forsakringskassan]! - 5_000) < 1e-9)        // the payer saves the gross amount
        #expect(abs(gain[.kommun]! - 1_000) < 1e-9)                   // 2,000 bistånd − 20 % of 5,000 sjukpenning
        #expect(abs(gain[.region]! + 500) < 1e-9)                     // − 10 % of 5,000
        #expect(abs(gain[.state]! + 250) < 1e-9)                      // − 5 % of 5,000
        #expect(abs(gain[.individual]! + 5_250) < 1e-9)               // − 65 % of 5,000 − 2,000
        #expect(abs(gain[.publicSector]! - 5_250) < 1e-9)
        #expect(abs(gain[.society]!) < 1e-9)                          // transfers and taxes cancel out
        // Before tax (no taxable part given) the public sector would gain the whole 7,000.
        let untaxed = MonthlyEffects.constant(transfersFK: -5_000, transfersKommun: -2_000, months: 1)
        #expect(abs(model.curves(untaxed).first { $0.perspective == .publicSector }!.monthlyGain[0] - 7_000) < 1e-9)
    }

    /// Beyond the observed months the effect is held (`constant`), shrinks by a share a year (`decay:R`), or counts
    /// for nothing (`none`): twelve observed months of 1,000 kr of production, a 24-month horizon, no discounting.
    @Test func theExtrapolationCarriesTheEffectAsAsked() {
        var model = PaybackModel(costPerParticipant: 0, horizonMonths: 24, discountRate: 0,
                                 valuation: Valuation(employerFeeRate: 0, employerFeeRateUnder26: 0))
        let observed = MonthlyEffects.constant(earnings: 1_000, months: 12)
        func total(_ e: Extrapolation) -> Double {
            model.extrapolation = e
            return model.curves(observed).first { $0.perspective == .society }!.totalGain
        }
        #expect(abs(total(.constant) - 24_000) < 1e-9)
        #expect(abs(total(.none) - 12_000) < 1e-9)
        let halfAYear = (1...12).reduce(0.0) { $0 + 1_000 * pow(0.5, Double($1) / 12) }
        #expect(abs(total(.decay(0.5)) - (12_000 + halfAYear)) < 1e-9)
        #expect(Extrapolation(argument: "decay:0.25") == .decay(0.25) && Extrapolation(argument: "none") == Extrapolation.none)
        #expect(Extrapolation(argument: "decay:1.5") == nil && Extrapolation(argument: "linear") == nil)
        #expect(Extrapolation.decay(0.25).description == "decay:0.25")
    }

    /// A cost spread over the participation: two participants of 1 and 3 months give the schedule (2/3, 1/6, 1/6);
    /// without discounting the spread changes nothing, with discounting the later cost weighs less, by `D`.
    @Test func aSpreadCostIsDiscountedAsItFalls() {
        let schedule = PaybackModel.spreadSchedule(durations: [1, 3])
        #expect(schedule.count == 3 && abs(schedule[0] - 2.0 / 3) < 1e-15 && abs(schedule[1] - 1.0 / 6) < 1e-15
                && abs(schedule[2] - 1.0 / 6) < 1e-15)
        let gains = MonthlyEffects.constant(earnings: 10_000, months: 24)
        var start = PaybackModel(costPerParticipant: 120_000, horizonMonths: 24, discountRate: 0,
                                 valuation: Valuation(employerFeeRate: 0, employerFeeRateUnder26: 0))
        var spread = start
        spread.costSchedule = PaybackModel.spreadSchedule(durations: [12])
        func society(_ m: PaybackModel) -> PaybackModel.Curve { m.curves(gains).first { $0.perspective == .society }! }
        #expect(society(spread).paybackMonth == 12 && society(start).paybackMonth == 12)
        #expect(abs(society(spread).netPresentValue - society(start).netPresentValue) < 1e-9)
        start.discountRate = 0.12
        spread.discountRate = 0.12
        let d = (0..<12).reduce(0.0) { $0 + (1.0 / 12) / pow(1.12, Double($1) / 12) }
        let gained = (0..<24).reduce(0.0) { $0 + 10_000 / pow(1.12, Double($1) / 12) }
        #expect(abs(spread.costDiscountFactor - d) < 1e-15 && start.costDiscountFactor == 1)
        #expect(abs(society(spread).netPresentValue - (gained - 120_000 * d)) < 1e-6)
        #expect(abs(society(start).netPresentValue - (gained - 120_000)) < 1e-6)
        #expect(abs(society(spread).breakEvenCost! - gained / d) < 1e-6)
        // The first month whose discounted gains reach the whole discounted cost.
        let month = (1...24).first { m in (0..<m).reduce(0.0) { $0 + 10_000 / pow(1.12, Double($1) / 12) } >= 120_000 * d }
        #expect(society(spread).paybackMonth == month && month! <= society(start).paybackMonth!)
    }

    /// The break-even cost by hand: FK saves 5,000 kr a month for 12 months and bears half the cost, so it breaks
    /// even at a cost of 120,000 kr; the state and the individual bear no cost and have none. With discounting, the
    /// break-even cost is the one at which the NPV is zero.
    @Test func theBreakEvenCostIsWhereTheNPVIsZero() {
        let model = PaybackModel(costPerParticipant: 100_000, horizonMonths: 12, discountRate: 0, valuation: Valuation())
        let e = MonthlyEffects.constant(transfersFK: -5_000, months: 12)
        let c = Dictionary(uniqueKeysWithValues: model.curves(e).map { ($0.perspective, $0) })
        #expect(abs(c[.forsakringskassan]!.breakEvenCost! - 120_000) < 1e-9)
        #expect(abs(c[.publicSector]!.breakEvenCost! - 60_000) < 1e-9)
        #expect(c[.state]!.breakEvenCost == nil && c[.individual]!.breakEvenCost == nil)
        var discounted = model
        discounted.discountRate = 0.05
        discounted.horizonMonths = 60
        let gains = MonthlyEffects.constant(transfersFK: -2_000, earnings: 3_000, months: 60)
        for curve in discounted.curves(gains) {
            guard let breakEven = curve.breakEvenCost else { continue }
            var atBreakEven = discounted
            atBreakEven.costPerParticipant = breakEven
            let npv = atBreakEven.curves(gains).first { $0.perspective == curve.perspective }!.netPresentValue
            #expect(abs(npv) < 1e-6 * breakEven, "\(curve.perspective): NPV \(npv) at \(breakEven)")
        }
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
