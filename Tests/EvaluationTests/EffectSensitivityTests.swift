import Effects
import Evaluation
import Foundation
import Linalg
import Stats
import Testing

/// E-values of the matched effects against an independent computation: the arms' means and their two-way clustered
/// covariance from `LinearModel` (`y ~ 0 + T + C`, weighted, clustered by matched set and person; tested against R's
/// sandwich), the delta method for `log RR`, and ``Stats/EValue`` (tested against R's EValue).
@Suite(.serialized) struct EffectSensitivityTests {
    @Test func theRiskRatioAndTheStandardizedDifferenceAreTheMatchedArmsOwn() throws {
        let e = try EmbeddedMatching()
        let (units, panel) = (e.units, e.panel)
        for outcome in [Outcome.publicSupport, .work, .earnings] {
            let s = try #require(try EffectSensitivity(units: units, panel: panel, outcome: outcome, month: 12))
            var columns: [String: [Double]] = ["y": [], "w": [], "set": [], "person": [], "t": [], "c": []]
            for u in units {
                guard let cell = panel.cell(person: u.person, month: u.month.advanced(by: 12)) else { continue }
                columns["y"]!.append(outcome.value(panel, cell: cell)); columns["w"]!.append(u.weight)
                columns["set"]!.append(Double(u.subclass)); columns["person"]!.append(Double(u.person))
                columns["t"]!.append(u.treated ? 1 : 0); columns["c"]!.append(u.treated ? 0 : 1)
            }
            let (means, v) = try clusteredReference(columns, terms: ["t", "c"], of: ["t", "c"])
            let (mt, mc) = (means[0], means[1])
            let n = Double(columns["y"]!.count)
            let t = StudentT.quantile(0.975, degreesOfFreedom: n - 2)
            if outcome.isIndicator {
                let logVariance = v[0, 0] / (mt * mt) + v[1, 1] / (mc * mc) - 2 * v[0, 1] / (mt * mc)
                let (low, high) = (mt / mc * exp(-t * logVariance.squareRoot()), mt / mc * exp(t * logVariance.squareRoot()))
                #expect(s.scale == .riskRatio && abs(s.estimate - mt / mc) <= 1e-12)
                #expect(abs(s.low - low) <= 1e-9 * low && abs(s.high - high) <= 1e-9 * high, "\(outcome)")
                let reference = EValue(riskRatio: mt / mc, low: low, high: high)
                #expect(abs(s.evalue.point - reference.point) <= 1e-9 && abs(s.evalue.confidenceLimit - reference.confidenceLimit) <= 1e-9)
                #expect(s.evalue.point > 1 && s.evalue.confidenceLimit >= 1 && s.evalue.confidenceLimit <= s.evalue.point)
            } else {
                // The pooled within-arm weighted standard deviation.
                var squares = 0.0
                for (i, y) in columns["y"]!.enumerated() {
                    let m = columns["t"]![i] == 1 ? mt : mc
                    squares += columns["w"]![i] * (y - m) * (y - m)
                }
                let sd = (squares / columns["w"]!.reduce(0, +)).squareRoot()
                let se = (v[0, 0] + v[1, 1] - 2 * v[0, 1]).squareRoot()
                #expect(s.scale == .standardizedDifference && abs(s.estimate - (mt - mc) / sd) <= 1e-9)
                let reference = EValue(standardizedDifference: (mt - mc) / sd, standardError: se / sd)
                #expect(abs(s.evalue.point - reference.point) <= 1e-9 && abs(s.evalue.confidenceLimit - reference.confidenceLimit) <= 1e-9)
            }
        }
    }

    /// The matched sets behind Rosenbaum's Γ: with one comparison per participant (the default), the mean paired
    /// difference at +12 is the ATT, and Γ is McNemar's bound's crossing on the discordant pairs (for an indicator) or
    /// the signed-rank bound's (for earnings), in the effect's direction.
    @Test func rosenbaumsGammaComesFromTheMatchedPairs() throws {
        let s0 = try EmbeddedMatching()
        let (e, panel, matched) = (s0.evaluation, s0.panel, s0.matched)
        let sets = e.matchedSets(matched)
        #expect(sets.count == matched.sample.matchedTreatedCount && sets.allSatisfy { $0.controls.count == 1 })
        for outcome in [Outcome.publicSupport, .earnings] {
            let s = try #require(try EffectSensitivity(units: e.units(matched), panel: panel, outcome: outcome, month: 12, sets: sets))
            func y(_ u: MatchedUnit) -> Double { outcome.value(panel, cell: panel.cell(person: u.person, month: u.month.advanced(by: 12))!) }
            let differences = sets.map { y($0.treated) - y($0.controls[0]) }
            let att = differences.reduce(0, +) / Double(differences.count)
            let events = try EventStudy(units: e.units(matched), panel: panel, outcomes: [outcome], relativeMonths: 12...12)
            #expect(abs(att - events.estimates[0].estimate) <= 1e-9 * max(1, abs(att)))
            let directed = differences.map { att < 0 ? -$0 : $0 }
            let gamma = outcome.isIndicator
                ? RosenbaumBounds.crossing { RosenbaumBounds.mcNemarUpperP(favouring: directed.filter { $0 > 0 }.count, discordant: directed.filter { $0 != 0 }.count, gamma: $0) }
                : RosenbaumBounds.crossing { RosenbaumBounds.signedRankUpperP(directed, gamma: $0) }
            #expect(s.rosenbaumGamma == gamma && gamma > 1, "\(outcome): \(gamma)")
        }
    }

    /// The difference in differences' E-value: the DiD over the pooled within-arm weighted standard deviation of the
    /// change ΔY (mean over months 0…12 less mean over −12…−1), from LinearModel's two-way clustered arms' means, and
    /// EValue's standardized-difference formula.
    @Test func theDifferenceInDifferencesIsOnTheStandardizedScaleOfItsChange() throws {
        let e = try EmbeddedMatching()
        let (units, panel) = (e.units, e.panel)
        for outcome in [Outcome.publicSupport, .earnings] {
            let s = try #require(try EffectSensitivity(differenceInDifferences: units, panel: panel, outcome: outcome))
            #expect(s.relativeMonth == nil && s.scale == .standardizedDifference)
            var columns: [String: [Double]] = ["y": [], "w": [], "set": [], "person": [], "t": [], "c": []]
            for u in units {
                let before = (-12...(-1)).compactMap { panel.cell(person: u.person, month: u.month.advanced(by: $0)) }
                let after = (0...12).compactMap { panel.cell(person: u.person, month: u.month.advanced(by: $0)) }
                guard before.count == 12, after.count == 13 else { continue }
                let change = after.reduce(0) { $0 + outcome.value(panel, cell: $1) } / 13
                    - before.reduce(0) { $0 + outcome.value(panel, cell: $1) } / 12
                columns["y"]!.append(change); columns["w"]!.append(u.weight)
                columns["set"]!.append(Double(u.subclass)); columns["person"]!.append(Double(u.person))
                columns["t"]!.append(u.treated ? 1 : 0); columns["c"]!.append(u.treated ? 0 : 1)
            }
            let (means, v) = try clusteredReference(columns, terms: ["t", "c"], of: ["t", "c"])
            var squares = 0.0
            for (i, y) in columns["y"]!.enumerated() {
                let m = columns["t"]![i] == 1 ? means[0] : means[1]
                squares += columns["w"]![i] * (y - m) * (y - m)
            }
            let sd = (squares / columns["w"]!.reduce(0, +)).squareRoot()
            let se = (v[0, 0] + v[1, 1] - 2 * v[0, 1]).squareRoot()
            let d = (means[0] - means[1]) / sd
            #expect(abs(s.estimate - d) <= 1e-9 * abs(d), "\(outcome): \(s.estimate) vs \(d)")
            let reference = EValue(standardizedDifference: d, standardError: se / sd)
            #expect(abs(s.evalue.point - reference.point) <= 1e-9 && abs(s.evalue.confidenceLimit - reference.confidenceLimit) <= 1e-9)
        }
    }
}
