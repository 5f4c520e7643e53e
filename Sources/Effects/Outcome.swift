import Registers

/// The outcomes whose effects are estimated: the indicators, support FTE, transfers per paying actor, the taxable
/// transfers, and earnings. Names match the generator's `truth.json`.
public enum Outcome: String, CaseIterable, Sendable {
    case publicSupport = "public_support"
    case work
    case workOrStudy = "work_or_study"
    case selfSufficient = "self_sufficient"
    case supportFTE = "support_fte"
    case amountFK = "amount_fk"
    case amountState = "amount_state"
    case amountKommun = "amount_kommun"
    /// The transfers that are taxable income (every payer's; `BenefitCode/isTaxable`), for the payback's taxes on
    /// benefits.
    case amountTaxable = "amount_taxable"
    case earnings

    /// Whether the outcome is an indicator (1 or 0 in a month): public support, work, work or studies, self-sufficiency.
    public var isIndicator: Bool { [.publicSupport, .work, .workOrStudy, .selfSufficient].contains(self) }

    /// The outcome in the person-month of cell `c`: 1 or 0 for the indicators, the support FTE (0…1), the transfers the
    /// actor paid (kr, all its benefits), the taxable transfers (kr) or earnings (kr).
    public func value(_ panel: SupportPanel, cell c: Int) -> Double {
        switch self {
        case .publicSupport: panel.publicSupport(cell: c) ? 1 : 0
        case .work: panel.work(cell: c) ? 1 : 0
        case .workOrStudy: panel.workOrStudy(cell: c) ? 1 : 0
        case .selfSufficient: panel.selfSufficient(cell: c) ? 1 : 0
        case .supportFTE: Double(panel.supportFTE[c])
        case .amountFK: panel.amount(paidBy: .forsakringskassan, cell: c)
        case .amountState: panel.amount(paidBy: .state, cell: c)
        case .amountKommun: panel.amount(paidBy: .kommun, cell: c)
        case .amountTaxable: panel.taxableAmount(cell: c)
        case .earnings: Double(panel.earnings[c])
        }
    }
}
