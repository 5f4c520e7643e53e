import Effects
import Payback
import Reporting

/// Effects, heterogeneity tests and payback by group under disclosure control, for `effects_by_group.csv`,
/// `heterogeneity.csv`, `payback_by_group.csv`, `results.json` and the report.
///
/// Disclosure: at each (grouping, outcome, month) the groups' participant counts form a line whose total can be
/// derived, and so do their comparison counts; each line is protected by `protectLine`
/// (primary cells below the minimum, then the smallest other groups until no suppressed group's count is pinned to a
/// range narrower than the minimum), and a group suppressed in either line is suppressed in both. A group's payback
/// is protected the same way on the groups' matched participants. The heterogeneity test uses the published groups
/// only.
public struct GroupResults: Sendable {
    /// A group's ATT on an outcome at a month; nil values are suppressed.
    public struct Effect: Sendable {
        public var grouping: Grouping
        public var group: String
        public var groupName: String
        public var outcome: Outcome
        public var relativeMonth: Int
        public var estimate: Double?
        public var standardError: Double?
        public var confidenceLow: Double?
        public var confidenceHigh: Double?
        public var treatedPersons: Int?
        public var controlPersons: Int?
        public var suppressed: Bool
    }

    /// The Wald test that the published groups' ATTs are equal (`waldTest`).
    public struct Heterogeneity: Sendable {
        public var grouping: Grouping
        public var outcome: Outcome
        public var relativeMonth: Int
        public var chiSquared: Double
        public var degreesOfFreedom: Int
        public var pValue: Double
    }

    /// A group's payback from one effect source and perspective; nil values are suppressed.
    public struct Payback: Sendable {
        public var grouping: Grouping
        public var group: String
        public var groupName: String
        public var source: String
        public var perspective: Perspective
        public var participants: Int?
        public var cost: Double?
        public var netPresentValue: Double?
        public var returnOnInvestment: Double?
        /// nil: not within the horizon, no cost, or suppressed (see ``suppressed``).
        public var paybackMonth: Int?
        public var suppressed: Bool
    }

    public let effects: [Effect]
    public let heterogeneity: [Heterogeneity]
    public let payback: [Payback]
    /// The groupings, in the order asked for.
    public let groupings: [Grouping]

    /// The published results of `analyses`, protected as described in ``GroupResults``.
    public init(_ analyses: [GroupAnalysis], disclosure: Disclosure) {
        var effects: [Effect] = [], heterogeneity: [Heterogeneity] = [], payback: [Payback] = []
        for a in analyses {
            // Lines of (outcome, month): the groups estimated there.
            var lines: [String: [GroupedEventStudy.Estimate]] = [:]
            var order: [String] = []
            for e in a.study.estimates {
                let key = "\(e.outcome.rawValue)|\(e.relativeMonth)"
                if lines[key] == nil { order.append(key) }
                lines[key, default: []].append(e)
            }
            var published: [String: Set<Int>] = [:]
            for key in order {
                let line = lines[key]!
                let hidden = GroupResults.suppressed(line, disclosure)
                published[key] = Set(line.indices.filter { !hidden.contains($0) }.map { line[$0].group })
                for (i, e) in line.enumerated() {
                    let hide = hidden.contains(i)
                    effects.append(Effect(grouping: a.grouping, group: a.labels[e.group], groupName: a.names[e.group],
                                          outcome: e.outcome, relativeMonth: e.relativeMonth,
                                          estimate: hide ? nil : e.estimate, standardError: hide ? nil : e.standardError,
                                          confidenceLow: hide ? nil : e.confidenceLow, confidenceHigh: hide ? nil : e.confidenceHigh,
                                          treatedPersons: hide ? nil : e.treatedCount, controlPersons: hide ? nil : e.controlCount,
                                          suppressed: hide))
                }
            }
            for c in a.study.covariances {
                let groups = c.groups.filter { published["\(c.outcome.rawValue)|\(c.relativeMonth)"]?.contains($0) ?? false }
                guard let test = GroupedEventStudy.waldTest(c, groups: groups) else { continue }
                heterogeneity.append(Heterogeneity(grouping: a.grouping, outcome: c.outcome, relativeMonth: c.relativeMonth,
                                                   chiSquared: test.chiSquared, degreesOfFreedom: test.degreesOfFreedom,
                                                   pValue: test.pValue))
            }
            let hiddenGroups = disclosure.protectLine(a.participants)
            for (g, results) in a.payback.enumerated() {
                guard let results else { continue }
                let hide = hiddenGroups.contains(g)
                for source in results.sources {
                    for curve in source.curves {
                        payback.append(Payback(grouping: a.grouping, group: a.labels[g], groupName: a.names[g], source: source.name,
                                               perspective: curve.perspective, participants: hide ? nil : a.participants[g],
                                               cost: hide ? nil : curve.cost, netPresentValue: hide ? nil : curve.netPresentValue,
                                               returnOnInvestment: hide ? nil : curve.returnOnInvestment,
                                               paybackMonth: hide ? nil : curve.paybackMonth, suppressed: hide))
                    }
                }
            }
        }
        self.effects = effects
        self.heterogeneity = heterogeneity
        self.payback = payback
        groupings = analyses.map(\.grouping)
    }

    /// The estimates of a line (one grouping, outcome and month) that are suppressed, by index: each group's
    /// participants and comparisons protected as lines of counts, a group hidden in either hidden in both.
    static func suppressed(_ line: [GroupedEventStudy.Estimate], _ disclosure: Disclosure) -> Set<Int> {
        var hidden = Set<Int>()
        while true {
            let treated = disclosure.protectLine(line.map(\.treatedCount), alreadySuppressed: hidden)
            let both = disclosure.protectLine(line.map(\.controlCount), alreadySuppressed: treated)
            if both == hidden { return hidden }
            hidden = both
        }
    }

    /// The published effects of a grouping on an outcome at a month, by group.
    public func effects(_ grouping: Grouping, _ outcome: Outcome, month k: Int) -> [Effect] {
        effects.filter { $0.grouping == grouping && $0.outcome == outcome && $0.relativeMonth == k }
    }
}
