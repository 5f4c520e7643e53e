import Effects
import Evaluation
import Foundation
import Payback
import Stats
import Testing

let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The cohort evaluation through the library, tested on its values: the embedded dataset against the generator's
/// truth. (What the command adds — arguments, exit statuses, files — is tested in EvaluateTests.)
@Suite(.serialized) struct CohortEvaluationTests {
    func options(_ change: (inout EvaluationOptions) -> Void = { _ in }) -> EvaluationOptions {
        var o = EvaluationOptions()
        o.data = repositoryRoot.appendingPathComponent("Datasets/synthetic").path
        change(&o)
        return o
    }

    /// The true ATT by outcome (index 0 is month −24) and the true payback month of society for cohort 2014.
    func truth() throws -> (att: [String: [Double?]], paybackMonth: Double) {
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: repositoryRoot.appendingPathComponent("Datasets/synthetic/truth.json"))) as! [String: Any]
        let cohort = (json["cohorts"] as! [String: Any])["2014"] as! [String: Any]
        let month = ((cohort["payback_month"] as! [String: Any])["society"] as? Int) ?? 61
        return (cohort["att"] as! [String: [Double?]], Double(month))
    }

    /// The matched ATT at +12 months agrees with the truth within 3.5 standard errors (a bias fails the test, chance
    /// practically never; `scripts/coverage` measures the intervals' coverage over many seeds), and the naive
    /// before/after difference overstates the effect.
    @Test func theMatchedEstimateCoversTheTruthAndTheNaiveOneIsBiased() throws {
        let results = try CohortEvaluation(options: options()).run().results
        let att = try truth().att
        #expect(results.participants == 868)
        for (outcome, name) in [(Outcome.publicSupport, "public_support"), (.work, "work")] {
            let e = try #require(results.matched.effect(outcome, month: 12))
            let estimate = try #require(e.estimate), se = try #require(e.standardError)
            #expect(abs(estimate - att[name]![24 + 12]!) <= 3.5 * se, "\(name): \(estimate) (SE \(se)) against \(att[name]![36]!)")
        }
        let before = try #require(results.matched.effect(.publicSupport, month: -1)?.meanTreated)
        let after = try #require(results.matched.effect(.publicSupport, month: 12)?.meanTreated)
        #expect(after - before < att["public_support"]![36]! - 0.05)
    }

    /// MatchIt's options in the risk-set matching: with replacement, two comparisons each, exact on sex, a random
    /// order and common support, the run is deterministic, uses at most two comparisons per participant, and its ATT
    /// still agrees with the truth; an unknown exact covariate is an error naming the known ones.
    @Test func theMatchingOptionsWorkAndAreDeterministic() throws {
        let o = options {
            $0.replace = true; $0.ratio = 2; $0.exact = ["female"]; $0.order = .random; $0.seed = 3; $0.discard = .both
        }
        let a = try CohortEvaluation(options: o).run().results, b = try CohortEvaluation(options: o).run().results
        #expect(a.matched.effects.map(\.estimate) == b.matched.effects.map(\.estimate))
        let treated = try #require(a.matched.matched.treated), control = try #require(a.matched.matched.control)
        #expect(control > treated && control <= 2 * treated)
        let e = try #require(a.matched.effect(.publicSupport, month: 12))
        #expect(abs(try #require(e.estimate) - (try truth().att["public_support"]![36]!)) <= 3.5 * (try #require(e.standardError)))
        #expect(throws: DataError.self) { try CohortEvaluation(options: options { $0.exact = ["sex"] }).run() }
    }

    /// Each stage called alone gives what ``CohortEvaluation/run()`` gives.
    @Test func theStagesCalledAloneGiveTheRunsResults() throws {
        let evaluation = CohortEvaluation(options: options())
        let registers = try evaluation.read()
        let panel = evaluation.panel(registers)
        let cohort = try evaluation.cohort(registers)
        let matched = try evaluation.match(cohort, registers, panel)
        let units = evaluation.units(matched)
        let events = try EventStudy(units: units, panel: panel)
        let run = try evaluation.run()
        #expect(cohort.members.count == run.results.participants)
        #expect(units.filter(\.treated).count == run.results.matched.matched.treated)
        let alone = events.estimates.first { $0.outcome == .work && $0.relativeMonth == 12 }?.estimate
        #expect(alone == run.results.matched.effect(.work, month: 12)?.estimate)
        var stages: [String] = []
        var counted = evaluation
        counted.onStage = { stages.append($0) }
        _ = try counted.run()
        #expect(stages.count == evaluation.stageCount)
    }

    /// A minimum cell above the cohort's size suppresses every effect, difference in differences and headline value.
    @Test func aLargeMinimumCellSuppressesEveryEstimate() throws {
        let results = try CohortEvaluation(options: options { $0.minCell = 1000 }).run().results
        #expect(!results.matched.effects.isEmpty && results.matched.effects.allSatisfy { $0.suppressed && $0.estimate == nil })
        #expect(!results.matched.did.isEmpty && results.matched.did.allSatisfy { $0.suppressed && $0.estimate == nil })
        #expect(results.headline.allSatisfy { $0.value == nil })
    }

    /// The counterfactual payback's bootstrap interval contains the true payback month, and the naive payback is
    /// shorter, as the planted selection implies.
    @Test func thePaybackIntervalCoversTheTruthAndTheNaiveOneIsShorter() throws {
        let payback = try CohortEvaluation(options: options { $0.bootstrap = 200; $0.seed = 3 }).run().results.payback
        let trueMonth = try truth().paybackMonth
        let counterfactual = try #require(payback.sources.first { $0.name == "counterfactual" })
        let interval = try #require(counterfactual.intervals[.society])
        #expect(interval.paybackLow <= trueMonth && trueMonth <= interval.paybackHigh, "\(trueMonth) outside \(interval)")
        let months = { (source: String) in Double(payback.curve(source, .society)?.paybackMonth ?? 61) }
        #expect(months("naive") < months("counterfactual"))
    }

    /// The pair bootstrap is deterministic by seed, and its standard error is close to the cluster-robust one.
    @Test func theBootstrapIsDeterministicAndAgreesWithTheAnalyticStandardError() throws {
        let o = options { $0.bootstrap = 200; $0.seed = 11 }
        let a = try CohortEvaluation(options: o).run().results, b = try CohortEvaluation(options: o).run().results
        #expect(a.matched.effects.map(\.bootstrapStandardError) == b.matched.effects.map(\.bootstrapStandardError))
        for outcome in [Outcome.publicSupport, .work] {
            let e = try #require(a.matched.effect(outcome, month: 12))
            let boot = try #require(e.bootstrapStandardError), se = try #require(e.standardError)
            #expect(abs(boot / se - 1) < 0.3, "\(outcome): bootstrap SE \(boot) against \(se)")
        }
    }

    /// The options' ranges are the command's, with the same messages.
    @Test func optionsOutsideTheirRangesAreRefused() {
        func message(_ change: (inout EvaluationOptions) -> Void) -> String? {
            do { try options(change).validate(); return nil } catch { return "\(error)" }
        }
        #expect(message { _ in } == nil)
        #expect(message { $0.ratio = 0 } == "--ratio must be a whole number from 1 to 20 (got 0)")
        #expect(message { $0.discount = 3.5 }?.hasSuffix("give a yearly rate such as 0.035 for 3.5 %") == true)
        #expect(message { $0.caliper = .nan } != nil)
        #expect(message { $0.costPerParticipant = -1; $0.costFromBudgets = true } == nil)
    }
}
