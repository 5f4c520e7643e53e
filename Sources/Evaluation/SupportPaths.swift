import Registers
import Transitions

extension MainState {
    /// Whether the state is a benefit (public support), not work, studies or none.
    var isPublicSupport: Bool {
        switch self {
        case .sjukersattning, .aktivitetsersattning, .sjukpenning, .aktivitetsstod, .akassa, .etablering, .ekonomisktBistand: true
        case .subsidizedWork, .work, .studies, .none: false
        }
    }
}

/// Where the members who were on public support in the month before the start are at each later time point:
/// the main-state distribution summed over the published rows of the transition matrices whose state before is a
/// benefit.
///
/// Every figure is a sum of published figures, so it reveals nothing that `transitions.csv` does not: a row counts
/// only when its total and some non-zero cell of it are published, and the cells suppressed within counted rows are
/// one remainder, `suppressed` (= the published row totals minus the published cells). The first distribution
/// (`beforeStart`) is the state before itself, from the rows of the exit matrix.
public struct SupportPaths: Sendable {
    /// Where the counted members are at one time point.
    public struct Distribution: Sendable {
        public var timePoint: TimePoint
        /// Members counted (the sum of the published row totals).
        public var persons: Int
        /// Published persons per main state.
        public var counts: [MainState: Int]
        /// Persons in suppressed cells of the counted rows.
        public var suppressed: Int

        func share(_ state: MainState) -> Double { persons == 0 ? .nan : Double(counts[state] ?? 0) / Double(persons) }
        public var suppressedShare: Double { persons == 0 ? .nan : Double(suppressed) / Double(persons) }
    }

    public let distributions: [Distribution]

    /// The distributions from the published cells of the transition matrices.
    public init(_ transitions: [BeforeAfterResults.Transition]) {
        var distributions: [Distribution] = []
        for t in TimePoint.allCases where t != .beforeStart {
            let cells = transitions.filter { $0.timePoint == t && $0.from.isPublicSupport }
            var totals: [MainState: Int] = [:], counts: [MainState: Int] = [:]
            let counted = Set(cells.filter { ($0.persons ?? 0) > 0 && $0.rowTotal != nil }.map(\.from))
            for c in cells where counted.contains(c.from) {
                totals[c.from] = c.rowTotal!
                if let persons = c.persons, persons > 0 { counts[c.to, default: 0] += persons }
            }
            let persons = totals.values.reduce(0, +)
            if t == .exit {
                distributions.append(Distribution(timePoint: .beforeStart, persons: persons, counts: totals, suppressed: 0))
            }
            distributions.append(Distribution(timePoint: t, persons: persons, counts: counts,
                                              suppressed: persons - counts.values.reduce(0, +)))
        }
        self.distributions = distributions
    }
}
