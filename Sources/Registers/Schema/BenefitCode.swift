/// The benefit codes of the data contract, following the "försörjningsmått" SCB computes for Finsam.
public enum BenefitCode: String, CaseIterable, Sendable, Codable {
    /// Sjukpenning (sickness benefit), FK.
    case SJP
    /// Rehabiliteringsersättning (rehabilitation benefit), FK.
    case RHB
    /// Aktivitetsersättning (activity compensation, ages 19–29), FK.
    case AE
    /// Sjukersättning (sickness compensation), FK.
    case SE
    /// Aktivitetsstöd / utvecklingsersättning, paid by FK on behalf of Arbetsförmedlingen (the state).
    case AKS
    /// Etableringsersättning (introduction benefit for new arrivals), the state via AF/FK.
    case ETB
    /// Arbetslöshetsersättning (unemployment insurance), a-kassa, state-financed.
    case AKASSA
    /// Ekonomiskt bistånd / försörjningsstöd (social assistance), the kommun.
    case EB

    /// Position in `allCases`, used as a bit index (a switch: hot loops ask for it per cell).
    public var index: Int {
        switch self {
        case .SJP: 0
        case .RHB: 1
        case .AE: 2
        case .SE: 3
        case .AKS: 4
        case .ETB: 5
        case .AKASSA: 6
        case .EB: 7
        }
    }

    /// The actor that pays the benefit.
    public var payer: Payer {
        switch self {
        case .SJP, .RHB, .AE, .SE: .forsakringskassan
        case .AKS, .ETB, .AKASSA: .state
        case .EB: .kommun
        }
    }

    /// Whether the benefit is taxable income of the person who receives it. Sjukpenning, rehabiliteringspenning,
    /// aktivitets- and sjukersättning (income-replacing benefits under socialförsäkringsbalken), aktivitetsstöd and
    /// arbetslöshetsersättning are taxable; etableringsersättning and ekonomiskt bistånd are tax-free (inkomstskattelagen,
    /// SFS 1999:1229: 11 kap. on taxable benefits from social insurance and unemployment insurance, 8 kap. on tax-free
    /// income; Skatteverket, "Skattepliktiga och skattefria ersättningar"). Of rehabiliteringsersättning, the
    /// rehabiliteringspenning that `RHB` records is taxable; its särskilt bidrag (costs of the rehabilitation) is not.
    public var isTaxable: Bool {
        switch self {
        case .SJP, .RHB, .AE, .SE, .AKS, .AKASSA: true
        case .ETB, .EB: false
        }
    }

    /// How the benefit is paid: per calendar day (FK's benefits) or per weekday, five days a week (aktivitetsstöd,
    /// etableringsersättning, a-kassa). Amounts are spread over the days of the convention, and full-time
    /// equivalents count the days of the convention in the month.
    public var dayConvention: DayConvention {
        switch self {
        case .SJP, .RHB, .AE, .SE, .EB: .calendarDays
        case .AKS, .ETB, .AKASSA: .weekdays
        }
    }
}

/// Who pays a transfer.
public enum Payer: String, CaseIterable, Sendable, Codable {
    /// Försäkringskassan.
    case forsakringskassan = "FK"
    /// The state budget (Arbetsförmedlingen's programmes and the a-kassa's state financing).
    case state
    /// The kommun (ekonomiskt bistånd).
    case kommun
}

/// Which days a benefit is paid for.
public enum DayConvention: Sendable {
    /// Every day of the week (FK's benefits, ekonomiskt bistånd).
    case calendarDays
    /// Monday to Friday (aktivitetsstöd, etableringsersättning, a-kassa).
    case weekdays
}

/// SUS' self-reported support categories: the benefit codes plus no public support, work and studies.
public enum SupportCategory: Sendable, Hashable, CustomStringConvertible {
    /// A benefit, by its code.
    case benefit(BenefitCode)
    /// No public support (`NONE`).
    case none
    /// Work (`WORK`).
    case work
    /// Studies (`STUDIES`).
    case studies

    /// Parses a SUS category code: a benefit code, `NONE`, `WORK` or `STUDIES` (exact case); nil otherwise.
    public init?(code: String) {
        switch code {
        case "NONE": self = .none
        case "WORK": self = .work
        case "STUDIES": self = .studies
        default:
            guard let b = BenefitCode(rawValue: code) else { return nil }
            self = .benefit(b)
        }
    }

    public var description: String {
        switch self {
        case .benefit(let b): b.rawValue
        case .none: "NONE"
        case .work: "WORK"
        case .studies: "STUDIES"
        }
    }

    /// Every valid code, benefit codes first.
    public static let codes = BenefitCode.allCases.map(\.rawValue) + ["NONE", "WORK", "STUDIES"]
}
