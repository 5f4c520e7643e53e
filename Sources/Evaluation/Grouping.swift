import Matching
import Registers
import Transitions

/// A way of dividing the participants into groups for effects by group (`--by`): the target groups of Finsam's
/// follow-up (sex, age, born abroad, education), the state the participant came from, and the förbund and insats.
public enum Grouping: String, CaseIterable, Sendable {
    case sex
    case ageGroup = "age_group"
    case bornAbroad = "born_abroad"
    case education
    /// The main state in the month before the start (`MainState`).
    case startState = "start_state"
    /// The samordningsförbund of the participant's insats. Comparisons are matched among the persons living under the
    /// participant's förbund and belong to the förbund of the participant they were matched to.
    case federation
    /// The participant's insats. Comparisons have none: they belong to the insats of the participant they were
    /// matched to.
    case insats

    /// Whether comparisons have a value of their own, so that matching can be exact on the grouping.
    public var comparisonsHaveValue: Bool { self != .insats }

    /// The group labels of the risk-set rows (nil: none — a comparison for ``insats`` and ``federation``), with the labels used in `indicators.csv`: sex K/M, age group 16–29/30–49/50–64 at the
    /// start month, born abroad 1/0, education 1–3, the `MainState` code, förbund and insats ids.
    ///
    /// - Parameter insatsOf: the insats (index into `Registers/interventions`) of each participant.
    func labels(_ sets: RiskSets, registers r: Registers, panel: SupportPanel, insatsOf: [Int: Int]) -> [String?] {
        sets.rows.map { row -> String? in
            let p = row.person
            switch self {
            case .sex: return r.persons.sex[p].code
            case .ageGroup: return AgeGroup(age: row.month.year - Int(r.persons.birthYear[p])).rawValue
            case .bornAbroad: return r.persons.bornAbroad[p] ? "1" : "0"
            case .education: return String(r.persons.education[p])
            case .startState:
                return (panel.cell(person: p, month: row.month.advanced(by: -1)).map { panel.mainState(cell: $0) } ?? .none).rawValue
            case .federation:
                return row.treated ? insatsOf[p].map { r.federations[r.interventions[$0].federation].id } : nil
            case .insats:
                return row.treated ? insatsOf[p].map { r.interventions[$0].id } : nil
            }
        }
    }

    /// The values matching is exact on, one per risk-set row: the group labels, except for ``federation``, where
    /// participants and comparisons alike are keyed by the förbund of the kommun they live in — all of them where a
    /// kommun has several (Göteborg's four district förbund) — so that a participant of any of them is compared with
    /// persons living there. The comparisons then belong to the group of the participant they were matched to.
    func matchingKeys(_ sets: RiskSets, registers r: Registers, panel: SupportPanel, insatsOf: [Int: Int]) -> [String?] {
        guard self == .federation else { return labels(sets, registers: r, panel: panel, insatsOf: insatsOf) }
        var federationsOfKommun: [Int16: [String]] = [:]
        for federation in r.federations { for k in federation.kommuner { federationsOfKommun[k, default: []].append(federation.id) } }
        return sets.rows.map { row in federationsOfKommun[r.persons.kommun[row.person]].map { $0.joined(separator: "|") } }
    }

    /// The display name of a group: the förbund's or insats' name after its id, else the label.
    func displayName(_ label: String, registers r: Registers) -> String {
        switch self {
        case .federation: return r.federations.first { $0.id == label }?.name ?? label
        case .insats: return r.interventions.first { $0.id == label }?.name ?? label
        default: return label
        }
    }
}
