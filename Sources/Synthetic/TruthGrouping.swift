import Registers

/// The groupings of the evaluation's effects by group (`evaluate --by`), with the label the evaluation gives a
/// participant, so that `truth.json` holds the true ATT of each group the evaluation reports.
enum TruthGrouping: String, CaseIterable, Sendable {
    case sex
    case ageGroup = "age_group"
    case bornAbroad = "born_abroad"
    case education
    case startState = "start_state"
    case federation
    case insats

    /// The label of a participant: sex K/M; age group at the start 16–29/30–49/50–64; born abroad 1/0; education
    /// 1–3; the panel's main state in the month before the start (a benefit before work, work only at or above the
    /// threshold); the förbund's id; the insats' id.
    func label(_ person: SimulatedPerson, valuation: RunValuation) -> String {
        let context = valuation.context
        let start = person.start!
        switch self {
        case .sex: return person.female ? "K" : "M"
        case .ageGroup:
            switch context.year(ofMonth: start) - person.birthYear {
            case 16...29: return "16–29"
            case 30...49: return "30–49"
            case 50...64: return "50–64"
            default: return "other"
            }
        case .bornAbroad: return person.bornAbroad ? "1" : "0"
        case .education: return String(person.education)
        case .startState:
            let m = start - 1
            let run = valuation.run(containing: m, in: person.observed)
            if let benefit = run.state.benefit { return MainState(benefit: benefit).rawValue }
            switch run.state {
            case .work:
                guard valuation.earnings(person.index, run) >= valuation.workThreshold(year: context.year(ofMonth: m)) else { return MainState.none.rawValue }
                return (valuation.isSubsidized(person.index, run, start: start) ? MainState.subsidizedWork : .work).rawValue
            case .studies: return MainState.studies.rawValue
            default: return MainState.none.rawValue
            }
        case .federation: return context.reference.federations[person.federation].id
        case .insats:
            let period = context.settings.insatsPeriod(year: context.year(ofMonth: start))
            return "I\(context.reference.federations[person.federation].id.dropFirst())-\(period + 1)"
        }
    }

    /// The förbund (index into the reference data) of a förbund or insats label; nil for the other groupings.
    func federationIndex(_ label: String, reference: ReferenceData) -> Int? {
        switch self {
        case .federation: return reference.federations.firstIndex { $0.id == label }
        case .insats: return reference.federations.firstIndex { "I\($0.id.dropFirst())" == label.prefix { $0 != "-" } }
        default: return nil
        }
    }
}
