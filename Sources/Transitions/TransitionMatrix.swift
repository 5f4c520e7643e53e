import Registers

/// Counts of persons by main state in the month before the start (rows) and at a later time point (columns), with
/// row shares. Only members observed at both points count (the panel covers both months).
/// ```
/// n_ab = #{members in state a in month −1 and in state b at the time point},   n_a· = Σ_b n_ab
/// p̂_ab = n_ab / n_a·        (``rowShare(_:_:)``)
/// ```
/// `p̂_ab` is the maximum-likelihood estimate of the probability of moving from a to b over the interval (Anderson &
/// Goodman 1957). It describes the participants; it is not an effect of the insats (see `EventStudy`).
public struct TransitionMatrix: Sendable {
    /// The later time point (columns).
    public let to: TimePoint
    /// The states of the rows and columns, in order.
    public let states: [MainState]
    /// `counts[from][to]`, indexed like ``states``.
    public let counts: [[Int]]

    /// Counts the cohort members observed in the panel both in the month before their start and at `to`, by their main
    /// state then (rows) and at `to` (columns); with a subset of `states`, members in another state at either end
    /// are left out.
    public init(cohort: Cohort, panel: SupportPanel, to: TimePoint, states: [MainState] = MainState.allCases) {
        self.to = to
        self.states = states
        let index = Dictionary(uniqueKeysWithValues: states.enumerated().map { ($1, $0) })
        var counts = Array(repeating: Array(repeating: 0, count: states.count), count: states.count)
        for m in cohort.members {
            guard let a = TimePoint.beforeStart.month(for: m).flatMap({ panel.cell(person: m.person, month: $0) }),
                  let b = to.month(for: m).flatMap({ panel.cell(person: m.person, month: $0) }) else { continue }
            // Members whose state at either end is outside `states` are not counted.
            guard let i = index[panel.mainState(cell: a)], let j = index[panel.mainState(cell: b)] else { continue }
            counts[i][j] += 1
        }
        self.counts = counts
    }

    /// The members in state `from` before the start and observed at `to`: `n_a· = Σ_b n_ab`.
    public func rowTotal(_ from: Int) -> Int { counts[from].reduce(0, +) }

    /// `counts[from][to] / rowTotal(from)`, nil for an empty row.
    public func rowShare(_ from: Int, _ to: Int) -> Double? {
        let total = rowTotal(from)
        return total == 0 ? nil : Double(counts[from][to]) / Double(total)
    }
}
