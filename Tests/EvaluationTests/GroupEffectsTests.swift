import Effects
import Evaluation
import Foundation
import Linalg
import Matching
import Registers
import Reporting
import Stats
import Testing
import Transitions

/// Effects by group, checked against the regressions they stand for: the grouped estimator's closed form (difference
/// of weighted means, influence sums) against `LinearModel`'s interacted weighted regression with its two-way
/// cluster-robust sandwich (itself tested against R's sandwich), and the one-group case against ``EventStudy``.
@Suite(.serialized) struct GroupEffectsTests {
    func evaluation(_ change: (inout EvaluationOptions) -> Void = { _ in }) -> CohortEvaluation {
        var o = EvaluationOptions()
        o.data = repositoryRoot.appendingPathComponent("Datasets/synthetic").path
        change(&o)
        return CohortEvaluation(options: o)
    }

    struct Stages {
        var registers: Registers
        var panel: SupportPanel
        var cohort: Cohort
        var matched: CohortMatching.Result
    }

    func stages(_ e: CohortEvaluation) throws -> Stages {
        let registers = try e.read()
        let panel = e.panel(registers)
        let cohort = try e.restrict(try e.cohort(registers), registers)
        return Stages(registers: registers, panel: panel, cohort: cohort, matched: try e.match(cohort, registers, panel))
    }

    /// All matched units in one group: the estimates, standard errors and intervals of ``EventStudy``.
    @Test func oneGroupIsTheEventStudy() throws {
        let e = evaluation()
        let s = try stages(e)
        let units = e.units(s.matched)
        let events = try EventStudy(units: units, panel: s.panel)
        let grouped = try GroupedEventStudy(units: units.map { GroupedEventStudy.Unit($0, group: 0) }, groupCount: 1, panel: s.panel)
        #expect(grouped.estimates.count == events.estimates.count)
        let byKey = Dictionary(uniqueKeysWithValues: grouped.estimates.map { ("\($0.outcome)\($0.relativeMonth)", $0) })
        for r in events.estimates {
            let g = try #require(byKey["\(r.outcome)\(r.relativeMonth)"])
            #expect(abs(g.estimate - r.estimate) <= 1e-9 * max(1, abs(r.estimate)))
            #expect(abs(g.standardError - r.standardError) <= 1e-8 * max(1e-3, r.standardError), "\(r.outcome) \(r.relativeMonth)")
            #expect(abs(g.confidenceHigh - r.confidenceHigh) <= 1e-8 * max(1, abs(r.confidenceHigh)))
            #expect(g.treatedCount == r.treatedCount && g.controlCount == r.controlCount)
        }
    }

    /// Groups by age: each group's ATT, its standard error and the covariance between groups equal those of the
    /// interacted weighted regression `y ~ 0 + Σ_g [g] + Σ_g [g]·D` with `vcovCL(cluster = ~ set + person)`; the Wald
    /// statistic equals `(Rβ)'(RVR')⁻¹(Rβ)` computed from that covariance.
    @Test func groupsAreTheInteractedRegression() throws {
        let e = evaluation()
        let s = try stages(e)
        let analysis = try e.groupEffects(.ageGroup, matched: s.matched, cohort: s.cohort, registers: s.registers, panel: s.panel,
                                          outcomes: [.publicSupport, .earnings], relativeMonths: 12...12)
        #expect(analysis.labels == ["16–29", "30–49", "50–64"])
        #expect(analysis.participants.reduce(0, +) == s.matched.sample.matchedTreatedCount)
        for outcome in [Outcome.publicSupport, .earnings] {
            let joint = try #require(analysis.study.covariance(outcome, month: 12))
            let reference = try interactedRegression(analysis, outcome: outcome, k: 12, panel: s.panel, stages: s)
            let p = joint.groups.count
            #expect(p == 3)
            for a in 0..<p {
                #expect(abs(joint.estimates[a] - reference.beta[a]) <= 1e-9 * max(1, abs(reference.beta[a])))
                for b in 0..<p {
                    let r = reference.v[a, b]
                    #expect(abs(joint.covariance[a * p + b] - r) <= 1e-8 * max(abs(reference.v[a, a]), 1e-12), "\(outcome) \(a),\(b)")
                }
            }
            // The Wald statistic by a Cholesky solve of the contrasts' covariance.
            let contrast = (1..<p).map { reference.beta[$0] - reference.beta[0] }
            var m = Matrix(rows: p - 1, columns: p - 1)
            let v = reference.v
            for a in 1..<p {
                for b in 1..<p {
                    let entry: Double = v[a, b] - v[a, 0] - v[0, b] + v[0, 0]
                    m[a - 1, b - 1] = entry
                }
            }
            let solved = try CholeskyFactorization(m).solve(contrast)
            let chi2 = zip(contrast, solved).reduce(0) { $0 + $1.0 * $1.1 }
            let test = try #require(GroupedEventStudy.waldTest(joint, groups: joint.groups))
            #expect(test.degreesOfFreedom == 2)
            #expect(abs(test.chiSquared - chi2) <= 1e-8 * chi2)
            #expect(abs(test.pValue - exp(-chi2 / 2)) <= 1e-12)   // χ²₂ survival is e^(−x/2)
        }
    }

    /// The reference fit: the units at month k as a table with group dummies and their products with D.
    func interactedRegression(_ a: GroupAnalysis, outcome: Outcome, k: Int, panel: SupportPanel, stages s: Stages) throws -> (beta: [Double], v: Matrix) {
        let e = evaluation()
        let units = try e.groupUnits(.ageGroup, matched: s.matched, cohort: s.cohort, registers: s.registers, panel: panel)
        var columns: [String: [Double]] = ["y": [], "w": [], "set": [], "person": []]
        let groups = a.labels.count
        for g in 0..<groups { columns["a\(g)"] = []; columns["b\(g)"] = [] }
        for u in units.units {
            guard let c = panel.cell(person: u.unit.person, month: u.unit.month.advanced(by: k)) else { continue }
            columns["y"]!.append(outcome.value(panel, cell: c)); columns["w"]!.append(u.unit.weight)
            columns["set"]!.append(Double(u.unit.subclass)); columns["person"]!.append(Double(u.unit.person))
            for g in 0..<groups {
                columns["a\(g)"]!.append(u.group == g ? 1 : 0)
                columns["b\(g)"]!.append(u.group == g && u.unit.treated ? 1 : 0)
            }
        }
        return try clusteredReference(columns, terms: (0..<groups).map { "a\($0)" } + (0..<groups).map { "b\($0)" },
                                      of: (0..<groups).map { "b\($0)" })
    }

    /// The förbund compared: the cohort's ATT is the participants' weighted mean of the förbund's; the shrunken
    /// estimates are the random-effects model's on the published rows (their estimates and bounded standard errors);
    /// Holm's adjusted p-values are never below the raw ones nor below Benjamini–Hochberg's.
    @Test func theFederationsAreComparedOnThePublishedRows() throws {
        let e = evaluation()
        let s = try stages(e)
        let analysis = try e.groupEffects(.federation, matched: s.matched, cohort: s.cohort, registers: s.registers, panel: s.panel,
                                          outcomes: LocalEffects.outcomes, relativeMonths: 12...12)
        let local = LocalEffects(analysis, disclosure: Disclosure(minimumCell: 5), method: .reml)
        for summary in local.summaries {
            let line = analysis.study.estimates.filter { $0.outcome == summary.outcome }
            let n = line.reduce(0) { $0 + $1.treatedCount }
            let cohort = line.reduce(0.0) { $0 + Double($1.treatedCount) * $1.estimate } / Double(n)
            #expect(abs(summary.cohortEstimate - cohort) <= 1e-12)
            let rows = local.rows.filter { $0.outcome == summary.outcome && $0.shrunken != nil }
            #expect(rows.count == summary.published && rows.count > 10)
            let model = try RandomEffectsMeta(estimates: rows.map { $0.estimate! },
                                              variances: rows.map { $0.standardError! * $0.standardError! })
            #expect(abs(try #require(summary.model).tau2 - model.tau2) <= 1e-12)
            for (row, shrunken) in zip(rows, model.shrunken) {
                #expect(abs(row.shrunken!.estimate - shrunken.estimate) <= 1e-12)
                #expect(row.pHolm! >= row.pValue! - 1e-15 && row.pHolm! >= row.pBenjaminiHochberg! - 1e-15)
            }
            #expect(summary.differingHolm <= summary.differingBenjaminiHochberg)
            for row in local.rows where row.suppressed { #expect(row.estimate == nil && row.shrunken == nil) }
        }
    }

    /// `--pool same-lan`: every participant's comparisons live in its län; `--federation` keeps that förbund's
    /// participants only.
    @Test func theScopeAndThePoolRestrictAsDocumented() throws {
        let e = evaluation { $0.federations = ["F019"]; $0.pool = .sameLan }
        let s = try stages(e)
        let f019 = try #require(s.registers.federations.firstIndex { $0.id == "F019" })
        #expect(!s.cohort.members.isEmpty)
        #expect(s.cohort.members.allSatisfy { s.registers.interventions[$0.intervention].federation == f019 })
        let rows = s.matched.riskSets.rows
        var pairs = 0
        for t in rows.indices where rows[t].treated {
            for c in s.matched.sample.matches[t] {
                #expect(s.registers.persons.kommun[rows[c].person] / 100 == s.registers.persons.kommun[rows[t].person] / 100)
                pairs += 1
            }
        }
        #expect(pairs > 0)
        #expect(e.scopeDescription(s.registers) == "Samordningsförbundet i Kalmar län (F019)")
    }

    /// Matching exact on the group gives every comparison the group of its participant.
    @Test func exactMatchingKeepsComparisonsInTheirGroup() throws {
        let e = evaluation()
        let s = try stages(e)
        let grouped = try e.groupUnits(.sex, matched: s.matched, cohort: s.cohort, registers: s.registers, panel: s.panel)
        for u in grouped.units {
            #expect(grouped.labels[u.group] == s.registers.persons.sex[u.unit.person].code)
        }
    }

    /// The groups are the generator's: for every grouping, the matched participants of each group number those of
    /// the same label in `truth.json` (an insats' those of its förbund) — so the start state, the age group and the
    /// förbund of a participant mean the same in the evaluation and in the truth the coverage script compares with.
    @Test func theGroupsAreTheGeneratorsGroups() throws {
        let e = evaluation()
        let s = try stages(e)
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: repositoryRoot.appendingPathComponent("Datasets/synthetic/truth.json"))) as! [String: Any]
        let truth = ((json["cohorts"] as! [String: Any])["2014"] as! [String: Any])["groups"] as! [String: [String: [String: Any]]]
        for grouping in Grouping.allCases {
            let grouped = try e.groupUnits(grouping, matched: s.matched, cohort: s.cohort, registers: s.registers, panel: s.panel)
            let groups = truth[grouping.rawValue]!
            #expect(grouped.members.map(\.count).reduce(0, +) == s.cohort.members.count, "\(grouping)")
            for (g, label) in grouped.labels.enumerated() {
                let entry = try #require(groups[label], "\(grouping) \(label)")
                let participants = (entry["federation"] as? String).map { truth["federation"]![$0]!["participants"] as! Int }
                    ?? entry["participants"] as! Int
                #expect(grouped.members[g].count == participants, "\(grouping) \(label)")
            }
        }
    }
}
