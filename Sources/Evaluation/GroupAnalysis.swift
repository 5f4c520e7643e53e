import Effects
import Matching
import Payback
import Registers
import Transitions

/// The effects of one grouping before disclosure control: the groups, the ATT by group, month and outcome with their
/// joint covariance at +6, +12 and +24, and each group's payback.
public struct GroupAnalysis: Sendable {
    public var grouping: Grouping
    /// The group labels (ids for förbund and insats), in group-index order (sorted).
    public var labels: [String]
    /// The display names (förbund and insats names; else the label).
    public var names: [String]
    /// Matched participants per group.
    public var participants: [Int]
    public var study: GroupedEventStudy
    /// The payback of each group's effects (counterfactual and naive); nil for a group whose transfers and earnings
    /// were not estimated at every month from −1 on.
    public var payback: [PaybackResults?]
}

extension CohortEvaluation {
    /// The months at which the groups' ATTs are tested for equality and compared with the whole cohort.
    public static let heterogeneityMonths = [6, 12, 24]

    /// The matched units of each group of `grouping`, with the groups' labels and participants.
    ///
    /// Where comparisons have a value of their own (all groupings but ``Grouping/insats``), nearest-neighbour
    /// matching is run again, exact on the group as well (same risk sets and propensity score; for förbund, on the
    /// förbund of the kommun lived in, `Grouping.matchingKeys`), so that each group
    /// has its own comparisons; a comparison belongs to the group of the participant it was matched to. Weights within a group are MatchIt's: 1 for a participant, `Σ 1/mₜ` over the participants `t`
    /// of the group a comparison was matched to (`mₜ` their number of comparisons); clusters as for the whole cohort
    /// (matched set, or the person when matching with replacement; and the person).
    public func groupUnits(_ grouping: Grouping, matched: CohortMatching.Result, cohort: Cohort, registers r: Registers,
                           panel: SupportPanel) throws -> GroupedUnits {
        let memberOf = Dictionary(uniqueKeysWithValues: cohort.members.map { ($0.person, $0) })
        let rowLabels = grouping.labels(matched.riskSets, registers: r, panel: panel,
                                        insatsOf: memberOf.mapValues(\.intervention))
        let rows = matched.riskSets.rows
        let labels = Array(Set(rows.indices.filter { rows[$0].treated }.compactMap { rowLabels[$0] })).sorted()
        let code = Dictionary(uniqueKeysWithValues: labels.enumerated().map { ($1, $0) })
        let sample: MatchedSample
        if grouping.comparisonsHaveValue {
            let keys = grouping.matchingKeys(matched.riskSets, registers: r, panel: panel, insatsOf: memberOf.mapValues(\.intervention))
            let keyCode = Dictionary(uniqueKeysWithValues: Set(keys.compactMap { $0 }).sorted().enumerated().map { ($1, $0) })
            sample = matching.rematch(matched, exactOn: keys.map { $0.flatMap { keyCode[$0] } ?? -1 })
        } else {
            sample = matched.sample
        }
        var units: [GroupedEventStudy.Unit] = []
        var comparisonWeight: [Int: Double] = [:]   // key: group · rows + row
        var comparisonSet: [Int: Int] = [:]
        var members = [[Cohort.Member]](repeating: [], count: labels.count)
        for t in rows.indices where rows[t].treated && !sample.matches[t].isEmpty {
            guard let label = rowLabels[t], let g = code[label] else { continue }
            let set = options.replace ? rows[t].person : sample.subclass[t] ?? 0
            units.append(.init(MatchedUnit(person: rows[t].person, month: rows[t].month, treated: true, weight: 1, subclass: set), group: g))
            if let m = memberOf[rows[t].person] { members[g].append(m) }
            let share = 1 / Double(sample.matches[t].count)
            for c in sample.matches[t] {
                let key = g * rows.count + c
                comparisonWeight[key, default: 0] += share
                comparisonSet[key] = options.replace ? rows[c].person : set
            }
        }
        for key in comparisonWeight.keys.sorted() {
            let g = key / rows.count, c = key % rows.count
            units.append(.init(MatchedUnit(person: rows[c].person, month: rows[c].month, treated: false,
                                           weight: comparisonWeight[key]!, subclass: comparisonSet[key]!), group: g))
        }
        return GroupedUnits(labels: labels, units: units, members: members)
    }

    /// Effects, joint covariances (at ``heterogeneityMonths``) and payback by the groups of `grouping`, on the units
    /// of ``groupUnits(_:matched:cohort:registers:panel:)``.
    ///
    /// - Parameters:
    ///   - grouping: how the participants are divided.
    ///   - matched: the cohort's matching, whose risk sets and propensity score are reused.
    ///   - cohort: the cohort's participants.
    ///   - r: the registers.
    ///   - panel: the monthly panel.
    ///   - outcomes: what to estimate (all outcomes by default).
    ///   - relativeMonths: the months (−24…36 by default).
    public func groupEffects(_ grouping: Grouping, matched: CohortMatching.Result, cohort: Cohort, registers r: Registers,
                             panel: SupportPanel, outcomes: [Outcome] = Outcome.allCases,
                             relativeMonths: ClosedRange<Int> = -24...36) throws -> GroupAnalysis {
        let grouped = try groupUnits(grouping, matched: matched, cohort: cohort, registers: r, panel: panel)
        let study = try GroupedEventStudy(units: grouped.units, groupCount: grouped.labels.count, panel: panel,
                                          outcomes: outcomes, relativeMonths: relativeMonths,
                                          covarianceMonths: Set(CohortEvaluation.heterogeneityMonths))
        let valued: Set<Outcome> = [.amountFK, .amountState, .amountKommun, .amountTaxable, .earnings]
        let payback = grouped.labels.indices.map { g -> PaybackResults? in
            let estimates = study.estimates.filter { $0.group == g && valued.contains($0.outcome) }
            // Every valued outcome at every month from −1 on, or no payback for the group.
            guard valued.isSubset(of: outcomes),
                  estimates.filter({ $0.relativeMonth >= -1 }).count == valued.count * (relativeMonths.upperBound + 2)
            else { return nil }
            return PaybackResults(model: paybackModel(grouped.members[g], r),
                                  sources: paybackSources(estimates.map { ($0.outcome, $0.relativeMonth, $0.estimate, $0.meanTreated) }))
        }
        return GroupAnalysis(grouping: grouping, labels: grouped.labels,
                             names: grouped.labels.map { grouping.displayName($0, registers: r) },
                             participants: grouped.members.map(\.count), study: study, payback: payback)
    }
}

/// The matched units of the groups of a grouping (``CohortEvaluation/groupUnits(_:matched:cohort:registers:panel:)``).
public struct GroupedUnits: Sendable {
    /// The group labels, sorted: group `g` is `labels[g]`.
    public var labels: [String]
    public var units: [GroupedEventStudy.Unit]
    /// The matched participants of each group.
    public var members: [[Cohort.Member]]
}
