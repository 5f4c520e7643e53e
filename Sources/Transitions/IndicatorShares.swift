import Registers

/// The headline indicators whose shares the before/after view reports.
public enum Indicator: String, CaseIterable, Sendable {
    /// Any benefit in the month (`SupportPanel/publicSupport(cell:)`).
    case publicSupport = "public_support"
    /// Earnings at or above the work threshold.
    case work
    /// Work or studies.
    case workOrStudy = "work_or_study"
    /// Work or studies and no public support ("egen försörjning").
    case selfSufficient = "self_sufficient"

    /// Whether the indicator holds in the person-month of cell `c`.
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

/// Shares of cohort members for whom an indicator holds, per time point and subgroup:
/// ```
/// persons(g, t) = #{i ∈ g : the month t(i) exists and lies in the panel}
/// share(g, t, I) = #{i ∈ g observed at t : I holds for i in month t(i)} / persons(g, t)
/// ```
/// with `t(i)` from ``TimePoint/month(for:)`` (no exit month while a participation is ongoing). The shares describe
/// the participants before and after, as Finsam's follow-up of försörjning before and after an insats does
/// (public support as SCB's försörjningsmått, `BenefitCode`); they are not effects, which need the matched
/// comparison (`EventStudy`).
public struct IndicatorShares: Sendable {
    /// One share: a group's members observed at a time point, and those for whom the indicator holds.
    public struct Cell: Sendable, Equatable {
        /// The subgroup dimension.
        public var subgroup: Subgroup
        /// The group within the dimension (``Subgroup/label(_:_:)``).
        public var group: String
        public var timePoint: TimePoint
        public var indicator: Indicator
        /// Members observed at the time point (the denominator).
        public var persons: Int
        /// Members for whom the indicator holds.
        public var count: Int
        /// `count / persons`; NaN when nobody is observed.
        public var share: Double { persons == 0 ? .nan : Double(count) / Double(persons) }
    }

    /// The cells, by subgroup, group (sorted), time point and indicator.
    public let cells: [Cell]

    /// The shares of every indicator for every group of `subgroups` at every time point of `timePoints` (all by
    /// default).
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
