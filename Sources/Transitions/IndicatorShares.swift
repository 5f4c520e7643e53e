import Registers

/// The headline indicators (DESIGN §3) whose shares the before/after view reports.
public enum Indicator: String, CaseIterable, Sendable {
    case publicSupport = "public_support"
    case work
    case workOrStudy = "work_or_study"
    case selfSufficient = "self_sufficient"

    public func holds(_ panel: SupportPanel, cell c: Int) -> Bool {
        switch self {
        case .publicSupport: panel.publicSupport(cell: c)
        case .work: panel.work(cell: c)
        case .workOrStudy: panel.workOrStudy(cell: c)
        case .selfSufficient: panel.selfSufficient(cell: c)
        }
    }
}

/// A subgroup dimension of the indicator tables.
public enum Subgroup: String, CaseIterable, Sendable {
    case all, sex, ageGroup = "age_group", bornAbroad = "born_abroad", education, federation, insats

    /// The member's group label in this dimension.
    public func label(_ m: Cohort.Member, _ r: Registers) -> String {
        switch self {
        case .all: return "all"
        case .sex: return r.persons.sex[m.person].code
        case .ageGroup: return AgeGroup(age: m.ageAtStart).rawValue
        case .bornAbroad: return r.persons.bornAbroad[m.person] ? "1" : "0"
        case .education: return String(r.persons.education[m.person])
        case .federation: return r.federations[r.interventions[m.intervention].federation].id
        case .insats: return r.interventions[m.intervention].id
        }
    }
}

/// Shares of cohort members for whom an indicator holds, per time point and subgroup.
public struct IndicatorShares: Sendable {
    public struct Cell: Sendable, Equatable {
        public var subgroup: Subgroup
        public var group: String
        public var timePoint: TimePoint
        public var indicator: Indicator
        /// Members observed at the time point (the denominator).
        public var persons: Int
        /// Members for whom the indicator holds.
        public var count: Int
        public var share: Double { persons == 0 ? .nan : Double(count) / Double(persons) }
    }

    public let cells: [Cell]

    public init(cohort: Cohort, panel: SupportPanel, registers r: Registers,
                subgroups: [Subgroup] = Subgroup.allCases, timePoints: [TimePoint] = TimePoint.allCases) {
        var cells: [Cell] = []
        for subgroup in subgroups {
            var groups: [String: [Cohort.Member]] = [:]
            for m in cohort.members { groups[subgroup.label(m, r), default: []].append(m) }
            for group in groups.keys.sorted() {
                for t in timePoints {
                    let observed = groups[group]!.compactMap { m in t.month(for: m).flatMap { panel.cell(person: m.person, month: $0) } }
                    for indicator in Indicator.allCases {
                        cells.append(Cell(subgroup: subgroup, group: group, timePoint: t, indicator: indicator,
                                          persons: observed.count,
                                          count: observed.filter { indicator.holds(panel, cell: $0) }.count))
                    }
                }
            }
        }
        self.cells = cells
    }
}
