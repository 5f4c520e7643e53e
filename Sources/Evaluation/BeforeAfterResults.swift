import Registers
import Reporting
import Transitions

/// The before/after view of a cohort with disclosure control, computed once for `transitions.csv`,
/// `indicators.csv`, `agreement.csv`, `results.json` and the report. Holds no person ids, and no value that rests
/// on fewer than `--min-cell` persons: such a value is nil and its row marked `suppressed`.
public struct BeforeAfterResults: Sendable {
    /// A cell of a transition matrix (every cell is listed, empty ones with 0 persons).
    public struct Transition: Sendable {
        public var timePoint: TimePoint
        public var from: MainState
        public var to: MainState
        public var persons: Int?
        public var rowTotal: Int?
        public var rowShare: Double?
        public var suppressed: Bool
    }

    /// The share of members for whom an indicator holds, per subgroup and time point.
    public struct IndicatorShare: Sendable {
        public var subgroup: Subgroup
        public var group: String
        public var timePoint: TimePoint
        public var indicator: Indicator
        public var persons: Int?
        public var count: Int?
        public var share: Double?
        public var suppressed: Bool
    }

    /// SUS' self-reported support against the register's state, at the start or the exit.
    public struct Agreement: Sendable {
        public var moment: String
        public var reported: String
        public var register: String
        public var persons: Int?
        public var suppressed: Bool
    }

    public let transitions: [Transition]
    public let indicators: [IndicatorShare]
    public let agreement: [Agreement]

    /// - Transition matrices: every cell of every row is listed, zeros as 0, so that a reader can tell an empty cell
    ///   from a suppressed one. The matrix is protected as a table whose row, column and grand totals are assumed
    ///   known (`Disclosure/protect(_:suppressedRowTotals:suppressedColumnTotals:suppressedGrandTotal:)`): no
    ///   suppressed cell or total can be recovered, or narrowed to a range narrower than the minimum cell, by
    ///   subtraction. A row total that survives is published on every cell of its row; a row share only where both
    ///   the cell and its total are.
    /// - Indicator shares: for each subgroup dimension, time point and indicator, the groups' counts with and
    ///   without the indicator form a table whose row totals are the groups' observed members and whose column and
    ///   grand totals are the `all` row. Its protection is shared: a group's members are one figure for all four
    ///   indicators, and the `all` row is the margin of every dimension, so a total suppressed in one table is
    ///   suppressed in all that hold it (repeated until nothing changes).
    /// - Agreement counts: suppressed below the minimum (no totals are published).
    public init(cohort: Cohort, registers: Registers, panel: SupportPanel, disclosure: Disclosure) {
        var transitions: [Transition] = []
        for t in TimePoint.allCases where t != .beforeStart {
            let m = TransitionMatrix(cohort: cohort, panel: panel, to: t)
            let s = disclosure.protect(m.counts)
            for (i, from) in m.states.enumerated() {
                let total = m.rowTotal(i)
                let rowTotal = s.rowTotals[i] ? nil : total
                for (j, to) in m.states.enumerated() {
                    let persons = s.cells[i][j] ? nil : m.counts[i][j]
                    let share: Double? = if let persons, let rowTotal, rowTotal > 0 { Double(persons) / Double(rowTotal) } else { nil }
                    transitions.append(Transition(timePoint: t, from: from, to: to, persons: persons, rowTotal: rowTotal,
                                                  rowShare: share, suppressed: persons == nil))
                }
            }
        }
        self.transitions = transitions
        indicators = BeforeAfterResults.protectIndicators(IndicatorShares(cohort: cohort, panel: panel, registers: registers).cells,
                                                          disclosure: disclosure)
        agreement = SupportAgreement(cohort: cohort, panel: panel, registers: registers).rows.map { r in
            let hide = !disclosure.allows(r.persons)
            return Agreement(moment: r.moment.rawValue, reported: r.reported, register: r.register,
                             persons: hide ? nil : r.persons, suppressed: hide)
        }
    }

    /// Disclosure control of the indicator shares (see ``init(cohort:registers:panel:disclosure:)``).
    static func protectIndicators(_ cells: [IndicatorShares.Cell], disclosure: Disclosure) -> [IndicatorShare] {
        struct Key: Hashable { var subgroup: Subgroup; var group: String; var timePoint: TimePoint; var indicator: Indicator }
        var byKey: [Key: IndicatorShares.Cell] = [:]
        var groups: [Subgroup: [String]] = [:]
        for c in cells {
            byKey[Key(subgroup: c.subgroup, group: c.group, timePoint: c.timePoint, indicator: c.indicator)] = c
            if !(groups[c.subgroup]?.contains(c.group) ?? false) { groups[c.subgroup, default: []].append(c.group) }
        }
        let dimensions = Subgroup.allCases.filter { $0 != .all && groups[$0] != nil }
        let timePoints = TimePoint.allCases.filter { t in cells.contains { $0.timePoint == t } }
        struct Table: Hashable { var subgroup: Subgroup; var timePoint: TimePoint; var indicator: Indicator }
        // Totals suppressed somewhere, shared by every table holding them.
        var groupTotals: [Table: Set<Int>] = [:]          // keyed with indicator .publicSupport: one per dimension and time
        var allCounts: [Table: Set<Int>] = [:]            // keyed with subgroup .all: the `all` row's two counts
        var allPersons: Set<TimePoint> = []
        var protected: [Table: Disclosure.Suppression] = [:]
        var changed = true
        while changed {
            changed = false
            for d in dimensions {
                for t in timePoints {
                    for indicator in Indicator.allCases {
                        let counts = groups[d]!.map { g -> [Int] in
                            let c = byKey[Key(subgroup: d, group: g, timePoint: t, indicator: indicator)]!
                            return [c.count, c.persons - c.count]
                        }
                        let rowKey = Table(subgroup: d, timePoint: t, indicator: .publicSupport)
                        let columnKey = Table(subgroup: .all, timePoint: t, indicator: indicator)
                        let s = disclosure.protect(counts, suppressedRowTotals: groupTotals[rowKey, default: []],
                                                   suppressedColumnTotals: allCounts[columnKey, default: []],
                                                   suppressedGrandTotal: allPersons.contains(t))
                        protected[Table(subgroup: d, timePoint: t, indicator: indicator)] = s
                        let rows = Set(s.rowTotals.indices.filter { s.rowTotals[$0] })
                        let columns = Set(s.columnTotals.indices.filter { s.columnTotals[$0] })
                        if !rows.isSubset(of: groupTotals[rowKey, default: []]) { groupTotals[rowKey, default: []].formUnion(rows); changed = true }
                        if !columns.isSubset(of: allCounts[columnKey, default: []]) { allCounts[columnKey, default: []].formUnion(columns); changed = true }
                        if s.grandTotal && !allPersons.contains(t) { allPersons.insert(t); changed = true }
                    }
                }
            }
        }
        return cells.map { c in
            var persons: Int? = c.persons, count: Int? = c.count
            if c.subgroup == .all {
                if allPersons.contains(c.timePoint) { persons = nil }
                if allCounts[Table(subgroup: .all, timePoint: c.timePoint, indicator: c.indicator), default: []].contains(0) { count = nil }
                if dimensions.isEmpty {
                    // No subgroups: the `all` row is a table of its own.
                    let s = disclosure.protect([[c.count, c.persons - c.count]])
                    if s.grandTotal || s.rowTotals[0] { persons = nil }
                    if s.cells[0][0] { count = nil }
                }
            } else {
                let s = protected[Table(subgroup: c.subgroup, timePoint: c.timePoint, indicator: c.indicator)]!
                let i = groups[c.subgroup]!.firstIndex(of: c.group)!
                if s.rowTotals[i] { persons = nil }
                if s.cells[i][0] { count = nil }
            }
            let share: Double? = if let persons, let count { persons == 0 ? .nan : Double(count) / Double(persons) } else { nil }
            return IndicatorShare(subgroup: c.subgroup, group: c.group, timePoint: c.timePoint, indicator: c.indicator,
                                  persons: persons, count: count, share: share, suppressed: persons == nil || count == nil)
        }
    }

    /// The share of all members for whom `indicator` holds at `t` (nil: suppressed or not computed).
    public func overallShare(_ indicator: Indicator, at t: TimePoint) -> IndicatorShare? {
        indicators.first { $0.subgroup == .all && $0.timePoint == t && $0.indicator == indicator }
    }
}
