/// Whose gains and costs are counted (the actor set of the Finsam socioeconomic models; see ``PaybackModel``).
public enum Perspective: String, CaseIterable, Sendable {
    /// Production gains only: transfers cancel out between actors.
    case society
    /// Försäkringskassan, the state, the kommun and the region together.
    case publicSector = "public_sector"
    /// Försäkringskassan: the sickness and activity benefits, and the state's share of Finsam's financing.
    case forsakringskassan = "FK"
    /// The state budget: a-kassa, Arbetsförmedlingen's benefits, employer fees and state income tax.
    case state
    /// The kommun: ekonomiskt bistånd and municipal income tax.
    case kommun
    /// The region: regional income tax.
    case region
    /// The participant: net earnings, less the transfers no longer received.
    case individual
}

/// The effects per month that a payback values: changes per participant in transfers per paying actor and in
/// earnings, for months 0, 1, 2, … after the start.
public struct MonthlyEffects: Sendable {
    /// Δ transfers paid by FK, the state and the kommun (kr per participant and month; negative = less paid).
    public var transfersFK: [Double]
    /// Δ transfers paid by the state (aktivitetsstöd, etableringsersättning, a-kassa).
    public var transfersState: [Double]
    /// Δ transfers paid by the kommun (ekonomiskt bistånd).
    public var transfersKommun: [Double]
    /// Δ earnings (kr per participant and month).
    public var earnings: [Double]
    /// Δ transfers that are taxable income, whoever pays them (sjukpenning, rehabiliteringspenning, aktivitets- and
    /// sjukersättning, aktivitetsstöd, a-kassa; a part of the three payers' transfers).
    public var transfersTaxable: [Double]

    /// Effects from monthly arrays (index 0 = the start month), which should all have the same length;
    /// `transfersTaxable` nil: none of the transfers is taxed (the payback then values them before tax).
    public init(transfersFK: [Double], transfersState: [Double], transfersKommun: [Double], earnings: [Double],
                transfersTaxable: [Double]? = nil) {
        self.transfersFK = transfersFK
        self.transfersState = transfersState
        self.transfersKommun = transfersKommun
        self.earnings = earnings
        precondition(transfersTaxable.map { $0.count == earnings.count } ?? true, "the taxable transfers cover other months")
        self.transfersTaxable = transfersTaxable ?? [Double](repeating: 0, count: earnings.count)
    }

    /// The number of months given.
    public var monthCount: Int { earnings.count }

    /// The same effect every month (the naive model).
    public static func constant(transfersFK: Double = 0, transfersState: Double = 0, transfersKommun: Double = 0,
                                earnings: Double = 0, transfersTaxable: Double = 0, months: Int) -> MonthlyEffects {
        MonthlyEffects(transfersFK: Array(repeating: transfersFK, count: months),
                       transfersState: Array(repeating: transfersState, count: months),
                       transfersKommun: Array(repeating: transfersKommun, count: months),
                       earnings: Array(repeating: earnings, count: months),
                       transfersTaxable: Array(repeating: transfersTaxable, count: months))
    }

    /// Extends the observed months to `horizon`, carrying the last observed effect forward with a yearly decay
    /// (0: constant, 0.25: a quarter less each year).
    public func extended(to horizon: Int, decayPerYear: Double) -> MonthlyEffects {
        func extend(_ v: [Double]) -> [Double] {
            guard let last = v.last, v.count < horizon else { return Array(v.prefix(horizon)) }
            let monthly = pow(1 - decayPerYear, 1.0 / 12)
            return v + (1...(horizon - v.count)).map { last * pow(monthly, Double($0)) }
        }
        return MonthlyEffects(transfersFK: extend(transfersFK), transfersState: extend(transfersState),
                              transfersKommun: extend(transfersKommun), earnings: extend(earnings),
                              transfersTaxable: extend(transfersTaxable))
    }
}

import Foundation
