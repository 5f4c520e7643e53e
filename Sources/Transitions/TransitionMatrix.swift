import Registers

/// Counts of persons by main state in the month before the start (rows) and at a later time point (columns), with
/// row shares. Only members observed at both points count (the panel covers both months).
public struct TransitionMatrix: Sendable {
    public let to: TimePoint
    public let states: [MainState]
    /// `counts[from][to]`, indexed like ``states``.
    public let counts: [[Int]]

    public init(cohort: Cohort, panel: SupportPanel, to: TimePoint, states: [MainState] = MainState.allCases) {
        self.to = to
        self.states = states
        let index = Dictionary(uniqueKeysWithValues: states.enumerated().map { ($1, $0) })
        var counts = Array(repeating: Array(repeating: 0, count: states.count), count: states.count)
        for m in cohort.members {
            guard let a = TimePoint.beforeStart.month(for: m).flatMap({ panel.cell(person: m.person, month: $0) }),
                  let b = to.month(for: m).flatMap({ panel.cell(person: m.person, month: $0) }) else { continue }
            counts[index[panel.mainState(cell: a)]!][index[panel.mainState(cell: b)]!] += 1
        }
        self.counts = counts
    }

    public func rowTotal(_ from: Int) -> Int { counts[from].reduce(0, +) }

    /// `counts[from][to] / rowTotal(from)`, nil for an empty row.
    public func rowShare(_ from: Int, _ to: Int) -> Double? {
        let total = rowTotal(from)
        return total == 0 ? nil : Double(counts[from][to]) / Double(total)
    }
}
