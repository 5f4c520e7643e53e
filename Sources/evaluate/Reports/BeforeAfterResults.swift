import Registers
import Reporting
import Transitions

/// The before/after view of a cohort (DESIGN §4) with disclosure control (§7), computed once for `transitions.csv`,
/// `indicators.csv`, `agreement.csv`, `results.json` and the report. Holds no person ids, and no value that rests
/// on fewer than `--min-cell` persons: such a value is nil and its row marked `suppressed`.
struct BeforeAfterResults: Sendable {
    /// A cell of a transition matrix (only non-empty cells of non-empty rows are listed).
    struct Transition: Sendable {
        var timePoint: TimePoint
        var from: MainState
        var to: MainState
        var persons: Int?
        var rowTotal: Int?
        var rowShare: Double?
        var suppressed: Bool
    }

    /// The share of members for whom an indicator holds, per subgroup and time point.
    struct IndicatorShare: Sendable {
        var subgroup: Subgroup
        var group: String
        var timePoint: TimePoint
        var indicator: Indicator
        var persons: Int?
        var count: Int?
        var share: Double?
        var suppressed: Bool
    }

    /// SUS' self-reported support against the register's state, at the start or the exit.
    struct Agreement: Sendable {
        var moment: String
        var reported: String
        var register: String
        var persons: Int?
        var suppressed: Bool
    }

    let transitions: [Transition]
    let indicators: [IndicatorShare]
    let agreement: [Agreement]

    /// - Transition cells: primary and secondary suppression in rows and columns (``Disclosure/suppressTable(_:)``),
    ///   and the whole row when its total is below the minimum (column totals follow from `indicators.csv`). A row
    ///   total of at least the minimum stays published on every cell of the row, suppressed ones included:
    ///   secondary suppression assumes it is known.
    /// - Indicator shares: suppressed when the members observed, those with the indicator or those without it are
    ///   fewer than the minimum (a share near 0 or 1 of a small group would reveal persons).
    /// - Agreement counts: suppressed below the minimum.
    init(cohort: Cohort, registers: Registers, panel: SupportPanel, disclosure: Disclosure) {
        var transitions: [Transition] = []
        for t in TimePoint.allCases where t != .beforeStart {
            let m = TransitionMatrix(cohort: cohort, panel: panel, to: t)
            let suppressed = disclosure.suppressTable(m.counts)
            for (i, from) in m.states.enumerated() {
                let total = m.rowTotal(i)
                guard total > 0 else { continue }
                for (j, to) in m.states.enumerated() where m.counts[i][j] > 0 {
                    let hide = suppressed[i][j]
                    transitions.append(Transition(timePoint: t, from: from, to: to,
                                                  persons: hide ? nil : m.counts[i][j],
                                                  rowTotal: disclosure.allows(total) ? total : nil,
                                                  rowShare: hide ? nil : (m.rowShare(i, j) ?? .nan), suppressed: hide))
                }
            }
        }
        self.transitions = transitions
        indicators = IndicatorShares(cohort: cohort, panel: panel, registers: registers).cells.map { c in
            let hide = !disclosure.allows(c.persons) || (c.count > 0 && c.count < disclosure.minimumCell)
                || (c.persons - c.count > 0 && c.persons - c.count < disclosure.minimumCell)
            return IndicatorShare(subgroup: c.subgroup, group: c.group, timePoint: c.timePoint, indicator: c.indicator,
                                  persons: hide ? nil : c.persons, count: hide ? nil : c.count,
                                  share: hide ? nil : c.share, suppressed: hide)
        }
        agreement = SupportAgreement(cohort: cohort, panel: panel, registers: registers).rows.map { r in
            let hide = !disclosure.allows(r.persons)
            return Agreement(moment: r.moment.rawValue, reported: r.reported, register: r.register,
                             persons: hide ? nil : r.persons, suppressed: hide)
        }
    }

    /// The share of all members for whom `indicator` holds at `t` (nil: suppressed or not computed).
    func overallShare(_ indicator: Indicator, at t: TimePoint) -> IndicatorShare? {
        indicators.first { $0.subgroup == .all && $0.timePoint == t && $0.indicator == indicator }
    }
}
