import Effects
import Foundation
import Payback
import Registers
import Reporting
import Transitions

/// The words of the HTML report in its language: `text("Deltagare", "Participants")` picks one, and the domain's
/// vocabulary (states, outcomes, time points, perspectives) is named here once. Swedish follows the Finsam
/// literature's terms (offentlig/egen försörjning, samhällsekonomisk återbetalningstid).
struct ReportText: Sendable {
    let language: ReportLanguage
    let format: NumberFormat

    init(_ language: ReportLanguage) {
        self.language = language
        format = NumberFormat(language)
    }

    /// The Swedish or the English text.
    func callAsFunction(_ sv: String, _ en: String) -> String { language == .sv ? sv : en }

    func timePoint(_ t: TimePoint) -> String {
        switch t {
        case .beforeStart: self("Månaden före start", "Month before start")
        case .exit: self("Vid avslut", "At exit")
        case .exitPlus3: self("3 mån efter avslut", "3 months after exit")
        case .exitPlus6: self("6 mån efter avslut", "6 months after exit")
        case .exitPlus12: self("12 mån efter avslut", "12 months after exit")
        case .exitPlus24: self("24 mån efter avslut", "24 months after exit")
        }
    }

    func state(_ s: MainState) -> String {
        switch s {
        case .sjukersattning: self("Sjukersättning (SE)", "Sickness compensation (SE)")
        case .aktivitetsersattning: self("Aktivitetsersättning (AE)", "Activity compensation (AE)")
        case .sjukpenning: self("Sjukpenning, rehabiliteringsersättning", "Sickness or rehabilitation benefit")
        case .aktivitetsstod: self("Aktivitetsstöd (AKS)", "Activity support (AKS)")
        case .akassa: self("A-kassa", "Unemployment insurance")
        case .etablering: self("Etableringsersättning", "Establishment benefit")
        case .ekonomisktBistand: self("Ekonomiskt bistånd", "Social assistance")
        case .subsidizedWork: self("Subventionerat arbete", "Subsidised work")
        case .work: self("Arbete", "Work")
        case .studies: self("Studier", "Studies")
        case .none: self("Ingen registrerad försörjning", "No registered support")
        }
    }

    func indicator(_ i: Indicator) -> String {
        switch i {
        case .publicSupport: self("Offentlig försörjning", "Public support")
        case .work: self("Arbete", "Work")
        case .workOrStudy: self("Arbete eller studier", "Work or studies")
        case .selfSufficient: self("Egen försörjning", "Self-sufficiency")
        }
    }

    /// "The share …" of an indicator, for captions.
    func share(of i: Indicator) -> String {
        switch i {
        case .publicSupport: self("andelen med offentlig försörjning", "the share on public support")
        case .work: self("andelen i arbete", "the share in work")
        case .workOrStudy: self("andelen i arbete eller studier", "the share in work or studies")
        case .selfSufficient: self("andelen med egen försörjning", "the share self-sufficient")
        }
    }

    func outcome(_ o: Outcome) -> String {
        switch o {
        case .publicSupport: indicator(.publicSupport)
        case .work: indicator(.work)
        case .workOrStudy: indicator(.workOrStudy)
        case .selfSufficient: indicator(.selfSufficient)
        case .supportFTE: self("Offentlig försörjning, heltidsekvivalenter", "Public support, full-time equivalents")
        case .amountFK: self("Ersättning från Försäkringskassan", "Benefits paid by Försäkringskassan")
        case .amountState: self("Ersättning från staten", "Benefits paid by the state")
        case .amountKommun: self("Ersättning från kommunen", "Benefits paid by the kommun")
        case .amountTaxable: self("Skattepliktiga ersättningar", "Taxable benefits")
        case .earnings: self("Arbetsinkomst", "Earnings")
        }
    }

    /// Whether an outcome is a 0/1 indicator (its effect is in percentage points).

    func perspective(_ p: Perspective) -> String {
        switch p {
        case .society: self("Samhället", "Society")
        case .publicSector: self("Offentlig sektor", "Public sector")
        case .forsakringskassan: self("Försäkringskassan", "Försäkringskassan (FK)")
        case .state: self("Staten", "The state")
        case .kommun: self("Kommunen", "The kommun (municipality)")
        case .region: self("Regionen", "The region")
        case .individual: self("Individen", "The individual")
        }
    }

    func source(_ name: String) -> String {
        name == "naive" ? self("Naiv före–efter", "Naive before/after") : self("Kontrafaktisk (matchad)", "Counterfactual (matched)")
    }

    /// The unit of an outcome's effect.
    func unit(_ o: Outcome) -> String {
        switch o {
        case .publicSupport, .work, .workOrStudy, .selfSufficient: points
        case .supportFTE: self("heltidsekvivalenter", "full-time equivalents")
        case .amountFK, .amountState, .amountKommun, .amountTaxable, .earnings: self("kr per månad", "SEK per month")
        }
    }

    /// An effect in its outcome's unit: percentage points with one decimal for indicators, three decimals for
    /// full-time equivalents, whole kronor for amounts; always signed.
    func effect(_ x: Double?, _ o: Outcome) -> String {
        guard let x else { return NumberFormat.missing }
        switch o {
        case .publicSupport, .work, .workOrStudy, .selfSufficient: return format.signed(100 * x, digits: 1)
        case .supportFTE: return format.signed(x, digits: 3)
        case .amountFK, .amountState, .amountKommun, .amountTaxable, .earnings: return format.signed(x, digits: 0)
        }
    }

    /// Percentage points, the unit of effects on indicators.
    var points: String { self("procentenheter", "percentage points") }

    /// An effect on a share in percentage points with one decimal and a sign (`−9,1`).
    func pointsValue(_ x: Double?) -> String { x.map { format.signed(100 * $0, digits: 1) } ?? NumberFormat.missing }

    /// A 95 % interval of an effect on a share in percentage points (`−12,3 till −2,1`); `..` when suppressed.
    func pointsInterval(_ low: Double?, _ high: Double?) -> String {
        guard low != nil, high != nil else { return NumberFormat.missing }
        return "\(pointsValue(low)) \(self("till", "to")) \(pointsValue(high))"
    }

    /// A p-value with two significant digits (`0,011`, `0,42`), below 0.001 as `< 0,001` (a no-break space).
    func probability(_ p: Double) -> String {
        guard p >= 0.001 else { return "<\u{A0}\(format.decimal(0.001, digits: 3))" }
        return format.decimal(p, digits: max(2, 1 - Int(log10(p).rounded(.down))))
    }

    /// A p-value in a sentence, on one line: `p = 0,011`, `p < 0,001` (no-break spaces).
    func pValue(_ p: Double) -> String {
        p >= 0.001 ? "p\u{A0}=\u{A0}\(probability(p))" : "p\u{A0}\(probability(p))"
    }

    /// A share as a percentage (`91,9 %`).
    func percent(_ x: Double?, digits: Int = 1) -> String { x.map { format.percent($0, digits: digits) } ?? NumberFormat.missing }

    /// An amount in kronor, whole (`82 000 kr`).
    func kronor(_ x: Double?) -> String { x.map { format.decimal($0, digits: 0) + self("\u{00A0}kr", "\u{00A0}SEK") } ?? NumberFormat.missing }

    /// A count of persons.
    func count(_ n: Int?) -> String { n.map { format.decimal(Double($0), digits: 0) } ?? NumberFormat.missing }

    /// A payback month, or "not within the horizon".
    func month(_ m: Int?, horizon: Int) -> String {
        m.map { self("\($0) mån", "\($0) months") } ?? self("inte inom \(horizon) mån", "not within \(horizon) months")
    }

    /// A curve's payback month; "no cost" for a perspective that bears none (nothing to pay back).
    func payback(_ curve: PaybackModel.Curve?, horizon: Int) -> String {
        guard let curve else { return NumberFormat.missing }
        return curve.cost > 0 ? month(curve.paybackMonth, horizon: horizon) : self("ingen kostnad", "no cost")
    }

    /// A bootstrap interval of payback months, where an end beyond the horizon is open: `12 till 30`, `≥ 42,4`,
    /// `> 60`.
    func monthInterval(_ low: Double, _ high: Double, horizon: Int) -> String {
        func end(_ m: Double) -> String { format.decimal(m, digits: m == m.rounded() ? 0 : 1) }
        if low > Double(horizon) { return "> \(horizon)" }
        if high > Double(horizon) { return "≥ \(end(low))" }
        return "\(end(low)) \(self("till", "to")) \(end(high))"
    }

    // MARK: - Groups

    /// A grouping's name, the heading of its groups.
    func grouping(_ g: Grouping) -> String {
        switch g {
        case .sex: self("Kön", "Sex")
        case .ageGroup: self("Åldersgrupp", "Age group")
        case .bornAbroad: self("Född utomlands", "Born abroad")
        case .education: self("Utbildning", "Education")
        case .startState: self("Status vid start", "Status at start")
        case .federation: self("Förbund", "Förbund (association)")
        case .insats: self("Insats", "Insats (intervention)")
        }
    }

    /// The groups of a grouping after "between" (`mellan åldersgrupperna`), for the heterogeneity tests.
    func betweenGroups(_ g: Grouping) -> String {
        switch g {
        case .sex: self("mellan kvinnor och män", "between women and men")
        case .ageGroup: self("mellan åldersgrupperna", "between the age groups")
        case .bornAbroad: self("mellan utrikes och inrikes födda", "between those born abroad and those born in Sweden")
        case .education: self("mellan utbildningsnivåerna", "between the levels of education")
        case .startState: self("mellan grupperna efter status vid start", "between the groups by status at start")
        case .federation: self("mellan förbunden", "between the förbund")
        case .insats: self("mellan insatserna", "between the insatser")
        }
    }

    /// A group's name: women and men, age groups in years, born abroad or in Sweden, the level of education, the
    /// main state before the start; a förbund's or insats' own `name`.
    func group(_ g: Grouping, label: String, name: String) -> String {
        switch g {
        case .sex: return label == "K" ? self("Kvinnor", "Women") : label == "M" ? self("Män", "Men") : label
        case .ageGroup: return label == AgeGroup.other.rawValue ? self("Övriga åldrar", "Other ages") : label + self(" år", " years")
        case .bornAbroad: return label == "1" ? self("Född utomlands", "Born abroad") : self("Född i Sverige", "Born in Sweden")
        case .education:
            switch label {
            case "1": return self("Förgymnasial", "Compulsory school")
            case "2": return self("Gymnasial", "Upper secondary")
            case "3": return self("Eftergymnasial", "Post-secondary")
            default: return label
            }
        case .startState: return MainState(rawValue: label).map(state) ?? label
        case .federation, .insats: return name
        }
    }

    /// The groups of a grouping as a count noun (`61 förbund`) and in the definite form (`förbunden`).
    func members(of g: Grouping, definite: Bool) -> String {
        switch (g, definite) {
        case (.federation, false): self("förbund", "förbund")
        case (.federation, true): self("förbunden", "the förbund")
        case (.insats, false): self("insatser", "insatser")
        case (.insats, true): self("insatserna", "the insatser")
        case (_, false): self("grupper", "groups")
        case (_, true): self("grupperna", "the groups")
        }
    }
}
