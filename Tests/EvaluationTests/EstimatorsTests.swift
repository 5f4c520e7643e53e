import Effects
import Evaluation
import Foundation
import Matching
import Registers
import Stats
import Testing

/// IPW and AIPW on the embedded cohort against an independent computation: the weights from their formula, the
/// comparisons' outcome regression and the weighted differences by `LinearModel` (tested against R's lm and sandwich),
/// clustered by person. The estimator itself is tested against R in `EffectsTests/PropensityWeightingTests`; this
/// checks that the run feeds it the risk sets, propensity scores, sample and design it should.
@Suite(.serialized) struct EstimatorsTests {
    @Test func ipwAndAipwEqualLinearModelsOnTheSampledRiskSets() throws {
        let e = try EmbeddedMatching()
        let (matched, panel) = (e.matched, e.panel)
        let ours = try e.evaluation.weighting(matched, panel)
        let sample = RiskSets.sampledRows(matched.riskSets.rows, perParticipant: CohortEvaluation.sampledComparisonsPerParticipant,
                                          seed: e.evaluation.options.seed)
        let rows = sample.map { matched.riskSets.rows[$0.row] }
        // Normalised odds weights within start month.
        var weight = [Double](repeating: 0, count: rows.count)
        for month in Set(rows.map(\.month)) {
            let members = rows.indices.filter { rows[$0].month == month && !matched.discarded[sample[$0].row] }
            let participants = Double(members.filter { rows[$0].treated }.count)
            func odds(_ i: Int) -> Double { let p = matched.distance[sample[i].row]; return sample[i].weight * p / (1 - p) }
            let total = members.filter { !rows[$0].treated }.reduce(0.0) { $0 + odds($1) }
            for i in members { weight[i] = rows[i].treated ? 1 : participants * odds(i) / total }
        }
        // The outcome model's design: intercept, start months, the covariates the propensity model kept.
        let months = Array(Set(matched.riskSets.rows.map(\.month))).sorted()
        let names = matched.propensityTerms.map(\.0)
        let covariates = names.map { name in matched.riskSets.covariateNames.firstIndex(of: name).map { matched.riskSets.covariates.column($0) } }
        func x(_ i: Int) -> [Double] {
            names.indices.map { j in
                if names[j] == "(Intercept)" { return 1 }
                if let c = covariates[j] { return c[sample[i].row] }
                return names[j] == "month_\(rows[i].month)" ? 1 : 0
            }
        }
        #expect(names.filter { $0.hasPrefix("month_") }.count == months.count - 1)
        for (outcome, k) in [(Outcome.work, 12), (.earnings, 24), (.publicSupport, 36)] {
            let used = rows.indices.filter { weight[$0] > 0 && panel.cell(person: rows[$0].person, month: rows[$0].month.advanced(by: k)) != nil }
            let y = used.map { outcome.value(panel, cell: panel.cell(person: rows[$0].person, month: rows[$0].month.advanced(by: k))!) }
            // The comparisons' regression on the design, by LinearModel.
            var design = DataTable()
            let comparisons = used.indices.filter { !rows[used[$0]].treated }
            for j in names.indices.dropFirst() { design.append("x\(j)", .numeric(comparisons.map { x(used[$0])[j] }, isInteger: false)) }
            design.append("y", .numeric(comparisons.map { y[$0] }, isInteger: false))
            let model = try LinearModel("y ~ " + names.indices.dropFirst().map { "x\($0)" }.joined(separator: " + ")).fit(design)
            let beta = model.coefficients.map { $0.isNaN ? 0 : $0 }
            let residual = used.indices.map { u in y[u] - zip(x(used[u]), beta).reduce(0) { $0 + $1.0 * $1.1 } }
            for (estimator, values) in [(PropensityWeighting.Estimator.ipw, y), (.aipw, residual)] {
                var table = DataTable()
                table.append("y", .numeric(values, isInteger: false))
                table.append("d", .numeric(used.map { rows[$0].treated ? 1 : 0 }, isInteger: true))
                table.append("w", .numeric(used.map { weight[$0] }, isInteger: false))
                table.append("person", .numeric(used.map { Double(rows[$0].person) }, isInteger: true))
                let fit = try LinearModel("y ~ d", weights: "w", clusterVariables: ["person"]).fit(table)
                let reference = try fit.inference(.cluster(["person"]))["d"]!
                let e = try #require(ours.estimates.first { $0.outcome == outcome && $0.relativeMonth == k && $0.estimator == estimator })
                #expect(abs(e.estimate - reference.estimate) <= 1e-7 * max(1, abs(reference.estimate)), "\(outcome) \(k) \(estimator)")
                #expect(abs(e.standardError - reference.standardError) <= 1e-7 * reference.standardError, "\(outcome) \(k) \(estimator)")
                #expect(abs(e.confidenceLow - reference.confidenceLow) <= 1e-7 * max(1, abs(reference.confidenceLow)))
                #expect(e.treatedCount + e.controlCount == used.count)
            }
        }
    }

    /// Every participant is kept; in each start month and support status, `min(c, 50·t)` of the `c` comparisons, each
    /// weighted `c/k`, in their original order; the same seed draws the same rows.
    @Test func theComparisonSampleKeepsEveryParticipantAndAtMostTheCapPerStratum() throws {
        let e = try EmbeddedMatching()
        let rows = e.matched.riskSets.rows
        let sample = RiskSets.sampledRows(rows, perParticipant: 50, seed: 7)
        #expect(zip(sample, sample.dropFirst()).allSatisfy { $0.row < $1.row })
        #expect(sample.filter { rows[$0.row].treated }.count == rows.filter(\.treated).count)
        struct Key: Hashable { var month: Month; var supported: Bool }
        var participants: [Key: Int] = [:], comparisons: [Key: Int] = [:], kept: [Key: [Double]] = [:]
        for row in rows where row.treated { participants[Key(month: row.month, supported: row.supportedBefore), default: 0] += 1 }
        for row in rows where !row.treated { comparisons[Key(month: row.month, supported: row.supportedBefore), default: 0] += 1 }
        for s in sample where !rows[s.row].treated { kept[Key(month: rows[s.row].month, supported: rows[s.row].supportedBefore), default: []].append(s.weight) }
        #expect(!comparisons.isEmpty)
        for (key, c) in comparisons {
            let k = min(c, 50 * (participants[key] ?? 0))
            #expect((kept[key]?.count ?? 0) == k, "\(key)")
            #expect(kept[key]?.allSatisfy { $0 == Double(c) / Double(k) } ?? true)
        }
        #expect(RiskSets.sampledRows(rows, perParticipant: 50, seed: 7).map(\.row) == sample.map(\.row))
        #expect(RiskSets.sampledRows(rows, perParticipant: 50, seed: 8).map(\.row) != sample.map(\.row))
    }

    /// The placebo ATT is the weighted difference in the units' mean outcome over the placebo months, clustered by
    /// matched set and person (here on the real matching's units, months 0…11 after the start).
    @Test func thePlaceboEstimateIsTheMatchedDifferenceInMeanOutcomes() throws {
        let e = try EmbeddedMatching()
        let (units, panel) = (e.units, e.panel)
        let placebo = try #require(try PlaceboTest(units: units, panel: panel, outcome: .work, shift: 0, months: 0...11))
        var columns: [String: [Double]] = ["y": [], "w": [], "set": [], "person": [], "t": [], "c": []]
        for u in units {
            let cells = (0...11).compactMap { panel.cell(person: u.person, month: u.month.advanced(by: $0)) }
            guard cells.count == 12 else { continue }
            columns["y"]!.append(cells.reduce(0) { $0 + Outcome.work.value(panel, cell: $1) } / 12)
            columns["w"]!.append(u.weight); columns["set"]!.append(Double(u.subclass)); columns["person"]!.append(Double(u.person))
            columns["t"]!.append(u.treated ? 1 : 0); columns["c"]!.append(1)
        }
        let (beta, v) = try clusteredReference(columns, terms: ["c", "t"], of: ["t"])
        #expect(abs(placebo.estimate - beta[0]) <= 1e-12 && abs(placebo.standardError - v[0, 0].squareRoot()) <= 1e-9)
        #expect(placebo.treatedCount + placebo.controlCount == columns["y"]!.count)
    }

    /// The run's placebo moves every start 12 months earlier and reports each outcome over placebo months 0…11.
    @Test func theRunsPlaceboCoversEveryOutcome() throws {
        let e = try EmbeddedMatching()
        let cohort = try e.evaluation.cohort(e.registers)
        let tests = try e.evaluation.placebo(cohort, e.registers, e.panel)
        #expect(tests.map(\.outcome) == Outcome.allCases)
        #expect(tests.allSatisfy { $0.shift == 12 && $0.months == 0...11 && $0.treatedCount <= cohort.members.count && $0.treatedCount > 700 })
        #expect(tests.allSatisfy { $0.confidenceLow < $0.estimate && $0.estimate < $0.confidenceHigh })
    }
}
