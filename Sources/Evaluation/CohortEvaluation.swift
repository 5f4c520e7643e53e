import Dispatch
import Effects
import Foundation
import Matching
import Payback
import Registers
import Reporting
import Stats
import Transitions

/// The cohort evaluation behind `evaluate --cohort`: read → panel → cohort → before/after → risk-set matching →
/// effects → payback, each stage a method that can be called alone, and ``run()`` for all of them.
///
/// ```swift
/// var options = EvaluationOptions()
/// options.caliper = 0.2
/// let run = try CohortEvaluation(options: options).run()
/// print(run.results.consoleSummary(outPath: "…"))
/// ```
public struct CohortEvaluation {
    /// The options of the run.
    public var options: EvaluationOptions
    /// Called when a stage begins, with its name (progress drawing; nothing is printed by the library).
    public var onStage: (String) -> Void = { _ in }
    /// Called when a step inside risk-set matching begins.
    public var onStep: @Sendable (String) -> Void = { _ in }

    /// An evaluation with `options`; nothing runs until a stage or ``run()`` is called.
    public init(options: EvaluationOptions) {
        self.options = options
    }

    /// Everything a run produces: the disclosure-controlled results, the files of the output folder and the seconds
    /// per stage.
    public struct Run: Sendable {
        /// The results, as values.
        public var results: CohortResults
        /// The output folder's files (name, contents), in writing order; `run.json` last.
        public var files: [(name: String, contents: String)]
        /// Seconds per stage (and per step of risk-set matching).
        public var timings: [(String, Double)]
    }

    /// The number of stages ``run()`` reports through ``onStage``.
    public var stageCount: Int { 14 + (options.bootstrap > 0 ? 1 : 0) + (options.groupings.isEmpty ? 0 : 1) }

    // MARK: - Stages

    /// Reads and validates the dataset folder.
    public func read() throws -> Registers { try RegisterReader(folder: options.data).read() }

    /// The monthly panel of every person.
    public func panel(_ registers: Registers) -> SupportPanel { PanelBuilder(registers: registers).build(registers) }

    /// The cohort: persons whose first individual insats starts in the cohort year.
    ///
    /// - Throws: `DataError` when the cohort is empty.
    public func cohort(_ registers: Registers) throws -> Cohort {
        let members = Cohort(year: options.cohort, registers: registers)
        if members.members.isEmpty {
            throw DataError(file: options.data, "cohort \(options.cohort) is empty: nobody's first individual insats starts in \(options.cohort)")
        }
        return members
    }

    /// Transitions, indicator shares and SUS agreement before and after, under disclosure control.
    public func beforeAfter(_ cohort: Cohort, _ registers: Registers, _ panel: SupportPanel) -> BeforeAfterResults {
        BeforeAfterResults(cohort: cohort, registers: registers, panel: panel, disclosure: Disclosure(minimumCell: options.minCell))
    }

    /// Risk-set matching of the cohort's participants to comparisons not (yet) participating.
    public func match(_ cohort: Cohort, _ registers: Registers, _ panel: SupportPanel) throws -> CohortMatching.Result {
        try matching.run(starts: cohort.members.map { ($0.person, $0.startMonth) }, registers: registers, panel: panel)
    }

    /// Comparisons per participant drawn for the placebo's risk sets and for IPW and AIPW: enough that the estimates'
    /// variance barely grows (the comparisons' mean is estimated from fifty times as many persons as the
    /// participants'), few enough that a national cohort's millions of risk-set rows shrink twentyfold.
    public static let sampledComparisonsPerParticipant = 50

    /// The placebo tests (`PlaceboTest`): the cohort's risk-set matching again with every start moved `shift` months
    /// earlier — on at most ``sampledComparisonsPerParticipant`` comparisons per participant — and the ATT on each
    /// outcome's mean over the placebo months `0…shift − 1`, all before the real start.
    public func placebo(_ cohort: Cohort, _ registers: Registers, _ panel: SupportPanel, shift: Int = 12) throws -> [PlaceboTest] {
        var placebo = matching
        placebo.measuresBalance = false
        placebo.comparisonsPerParticipant = CohortEvaluation.sampledComparisonsPerParticipant
        placebo.onStep = nil
        let matched = try placebo.run(starts: cohort.members.map { ($0.person, $0.startMonth.advanced(by: -shift)) },
                                      registers: registers, panel: panel)
        let units = units(matched)
        return try Outcome.allCases.compactMap {
            try PlaceboTest(units: units, panel: panel, outcome: $0, shift: shift, months: 0...(shift - 1))
        }
    }

    /// IPW and AIPW (`PropensityWeighting`) at the headline months from the matching's risk sets and propensity
    /// score, on every participant and at most ``sampledComparisonsPerParticipant`` comparisons per participant in each
    /// start month and support status before (drawn with the run's seed, weighted by the inverse of their sampling
    /// fraction).
    public func weighting(_ matched: CohortMatching.Result, _ panel: SupportPanel) throws -> PropensityWeighting {
        let rows = RiskSets.sampledRows(matched.riskSets.rows, perParticipant: CohortEvaluation.sampledComparisonsPerParticipant,
                                        seed: options.seed)
        let kept = rows.map(\.row)
        return try PropensityWeighting(rows: kept.map { matched.riskSets.rows[$0] }, propensity: kept.map { matched.distance[$0] },
                                       included: kept.map { !matched.discarded[$0] }, samplingWeight: rows.map(\.weight),
                                       design: matched.propensityDesign(rows: kept), panel: panel,
                                       months: MatchedResults.sensitivityMonths)
    }

    /// The risk-set matching the options describe.
    var matching: CohortMatching {
        var matching = CohortMatching()
        matching.pool = options.controls
        matching.matching = NearestNeighborMatching(ratio: options.ratio, replace: options.replace, caliper: options.caliper,
                                                    order: options.order, seed: options.seed)
        matching.exact = options.exact
        matching.sameCounty = options.pool == .sameLan
        matching.commonSupport = options.discard
        matching.onStep = onStep
        return matching
    }

    /// The matched units of the effect estimators: each participant and comparison with its weight and cluster
    /// (the matched set, or the person when matching with replacement makes sets overlap).
    public func units(_ matched: CohortMatching.Result) -> [MatchedUnit] {
        matched.riskSets.rows.indices.compactMap { i -> MatchedUnit? in
            guard matched.sample.weights[i] > 0 else { return nil }
            let row = matched.riskSets.rows[i]
            return MatchedUnit(person: row.person, month: row.month, treated: row.treated, weight: matched.sample.weights[i],
                               subclass: options.replace ? row.person : matched.sample.subclass[i] ?? 0)
        }
    }

    /// The payback per perspective from the effects (and the bootstrap replicates, when there are any).
    public func payback(_ cohort: Cohort, _ registers: Registers, events: EventStudy, bootstrap: PairBootstrap?) -> PaybackResults {
        let replicates = bootstrap.map { b in (0..<b.replicates).map { replicateEffects(b, $0) } } ?? []
        let estimates = events.estimates.map { ($0.outcome, $0.relativeMonth, $0.estimate, $0.meanTreated) }
        return PaybackResults(model: paybackModel(cohort.members, registers), sources: paybackSources(estimates),
                              replicates: replicates)
    }

    /// The payback model of a set of participants: the run's cost (or their mean budget cost), horizon, discount
    /// rate, extrapolation and cost timing (spread over their months of participation, from start to exit), and the
    /// prices of the cohort year with their share under 26 (for the employer fee).
    func paybackModel(_ members: [Cohort.Member], _ registers: Registers) -> PaybackModel {
        let under26 = Double(members.filter { $0.ageAtStart < 26 }.count) / Double(max(members.count, 1))
        let valuation = Valuation(prices: registers.prices, year: options.cohort, shareUnder26: under26)
        let cost = options.costFromBudgets ? budgetCost(members, registers) : options.costPerParticipant
        var model = PaybackModel(costPerParticipant: cost, horizonMonths: options.horizon, discountRate: options.discount,
                                 valuation: valuation)
        model.extrapolation = options.extrapolation
        if options.costTiming == .spread {
            model.costSchedule = PaybackModel.spreadSchedule(durations: members.map { m in
                m.exitMonth.map { m.startMonth.distance(to: $0) + 1 } ?? options.horizon
            })
        }
        return model
    }

    // MARK: - The whole run

    /// Runs every stage and renders the output folder's files.
    public func run() throws -> Run {
        var timings: [(String, Double)] = []
        func stage<T>(_ name: String, _ body: () throws -> T) rethrows -> T {
            onStage(name)
            let t0 = DispatchTime.now().uptimeNanoseconds
            let value = try body()
            timings.append((name, Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9))
            return value
        }
        let registers = try stage("reading and validating \(options.data)") { try read() }
        let panel = stage("building the monthly panel") { self.panel(registers) }
        let members = try stage("selecting cohort \(options.cohort)") { try restrict(try cohort(registers), registers) }
        let beforeAfter = stage("before/after transitions") { self.beforeAfter(members, registers, panel) }
        let matched = try stage("risk-set matching") { try match(members, registers, panel) }
        timings += matched.timings
        let units = units(matched)
        let events = try stage("effects by month") { try EventStudy(units: units, panel: panel) }
        let did = try stage("difference in differences") { try DifferenceInDifferences(units: units, panel: panel) }
        let bands = try stage("simultaneous bands") {
            let stack = StackedMonths(units: units, panel: panel, months: -24...36)
            return try Outcome.allCases.compactMap { try SimultaneousBand(stack, panel: panel, outcome: $0, seed: options.seed) }
        }
        let pretrends = try stage("pre-trend tests") {
            let stack = StackedMonths(units: units, panel: panel, months: -24 ... -2)
            return try Outcome.allCases.compactMap { try PreTrendTest(stack, panel: panel, outcome: $0) }
        }
        let sensitivity = try stage("E-values and Rosenbaum bounds") {
            let sets = matchedSets(matched)
            return try Outcome.allCases.flatMap { outcome in
                try MatchedResults.sensitivityMonths.compactMap {
                    try EffectSensitivity(units: units, panel: panel, outcome: outcome, month: $0, sets: sets)
                } + [try EffectSensitivity(differenceInDifferences: units, panel: panel, outcome: outcome, pre: did.pre,
                                           post: did.post, sets: sets)].compactMap { $0 }
            }
        }
        // The placebo is a diagnostic: when its second matching cannot be fitted (a small förbund's propensity model
        // separating), the run goes on without it and says so.
        var placeboNotes: [String] = []
        let placebos = stage("placebo (starts 12 months earlier)") { () -> [PlaceboTest] in
            do { return try placebo(members, registers, panel) } catch {
                placeboNotes.append("placebo test not estimated: \((error as? DataError)?.message ?? "\(error)")")
                return []
            }
        }
        let weighting = try stage("inverse-probability weighting and AIPW") { try self.weighting(matched, panel) }
        let analyses = try options.groupings.isEmpty ? [] : stage("effects by group (\(options.groupings.map(\.rawValue).joined(separator: ", ")))") {
            try options.groupings.map { try groupEffects($0, matched: matched, cohort: members, registers: registers, panel: panel) }
        }
        let groups = analyses.isEmpty ? nil : GroupResults(analyses, disclosure: Disclosure(minimumCell: options.minCell))
        let local = try stage("förbund and insatser compared") {
            try [Grouping.federation, .insats].map { level in
                let analysis = try analyses.first { $0.grouping == level }
                    ?? groupEffects(level, matched: matched, cohort: members, registers: registers, panel: panel,
                                    outcomes: LocalEffects.outcomes, relativeMonths: LocalEffects.month...LocalEffects.month)
                return LocalEffects(analysis, disclosure: Disclosure(minimumCell: options.minCell), method: options.shrinkage)
            }
        }
        let boot = options.bootstrap > 0 ? stage("pair bootstrap (\(options.bootstrap) replicates)") {
            PairBootstrap(units: units, panel: panel, replicates: options.bootstrap, seed: options.seed)
        } : nil
        // The counterfactual payback rests on the matched participants and comparisons, the naive one on the cohort:
        // each is withheld when its persons are below the minimum cell, as the effects are.
        let disclosure = Disclosure(minimumCell: options.minCell)
        var withheld: Set<String> = []
        if !disclosure.allows(matched.sample.matchedTreatedCount) || !disclosure.allows(matched.sample.matchedControlCount) {
            withheld.insert("counterfactual")
        }
        if !disclosure.allows(members.members.count) { withheld.insert("naive") }
        let payback = stage("payback") {
            self.payback(members, registers, events: events, bootstrap: boot).withholding(withheld)
        }
        var inputs: [String: String] = [:]
        for file in registers.files { inputs[(file.path as NSString).lastPathComponent] = SHA256.hex(try readRawBytes(file.path)) }
        let assumptions = payback.model.valuation.assumptions
        let results = CohortResults(
            provenance: .init(version: RunManifest.version, cohort: options.cohort, data: options.data, options: options.manifest,
                              inputs: inputs, minimumCell: options.minCell, scope: scopeDescription(registers)),
            participants: disclosure.allows(members.members.count) ? members.members.count : nil,
            beforeAfter: beforeAfter,
            matched: MatchedResults(balance: matched.balance, events: events, did: did, pretrends: pretrends, placebos: placebos,
                                    sensitivity: sensitivity, weighting: weighting, overlap: overlap(matched), bands: bands,
                                    bootstrap: boot, disclosure: disclosure),
            payback: payback,
            groups: groups,
            local: local,
            notes: parameterNotes(registers, panel) + matched.notes + placeboNotes
                + (withheld.isEmpty ? [] : ["payback withheld for \(withheld.sorted().joined(separator: " and ")): it rests on fewer persons than --min-cell \(options.minCell)"])
                + (assumptions.isEmpty ? [] : ["payback: defaults used for " + assumptions.joined(separator: ", ")]))
        let writer = CSVWriter(dialect: options.dialect)
        var files = CohortReport(results: results, writer: writer).files() + PaybackReport(results: payback, writer: writer).files()
        if let groups { files += GroupReport(results: groups, writer: writer).files() }
        files += LocalEffectsReport(local: local, writer: writer).files()
        files += [("results.json", results.json), ("report.html", HTMLReport(results: results, language: options.language).html)]
        if options.microdata {
            files.append(("microdata_matched.csv", Microdata(matched: matched, registers: registers, replace: options.replace, writer: writer).csv))
        }
        files.append(("run.json", RunManifest(options: options.manifest, inputs: inputs, seed: options.seed, timings: timings).json))
        return Run(results: results, files: files.map { (name: $0.0, contents: $0.1) }, timings: timings)
    }

    // MARK: - Parts of the payback and the notes

    /// What the run says of `prices.csv`: unknown parameter names, and the years the panel or the payback uses for which
    /// a parameter has no row of its own.
    func parameterNotes(_ registers: Registers, _ panel: SupportPanel) -> [String] {
        let panelYears = panel.firstMonth.year...panel.lastMonth.year
        let payback = PriceParameter.catalogue.filter { $0.whenMissing == .documentedDefault }.map { ($0.name, options.cohort...options.cohort) }
        return registers.notes + ([("work_threshold_monthly_earnings", panelYears)] + payback).compactMap {
            registers.prices.yearCoverageNote($0.0, years: $0.1)
        }
    }

    /// The propensity score's overlap before and after matching (`Overlap`).
    public func overlap(_ matched: CohortMatching.Result) -> Overlap {
        let rows = matched.riskSets.rows
        var inSample = rows.indices.map { rows[$0].treated && !matched.sample.matches[$0].isEmpty }
        for t in rows.indices where rows[t].treated { for c in matched.sample.matches[t] { inSample[c] = true } }
        return Overlap(distance: matched.distance, treated: rows.map(\.treated), inSample: inSample)
    }

    /// Each matched participant with its comparisons (for Rosenbaum's bounds).
    public func matchedSets(_ matched: CohortMatching.Result) -> [EffectSensitivity.MatchedSet] {
        let rows = matched.riskSets.rows
        func unit(_ r: Int) -> MatchedUnit { MatchedUnit(person: rows[r].person, month: rows[r].month, treated: rows[r].treated, weight: 1, subclass: r) }
        return rows.indices.filter { rows[$0].treated && !matched.sample.matches[$0].isEmpty }.map { t in
            EffectSensitivity.MatchedSet(treated: unit(t), controls: matched.sample.matches[t].map(unit))
        }
    }

    /// Effects for the payback from ATT estimates (outcome, month, ATT, participants' mean): the matched ATT per month
    /// (counterfactual) and the participants' before/after difference, month 12 against month −1, held constant (naive).
    func paybackSources(_ estimates: [(outcome: Outcome, month: Int, att: Double, meanTreated: Double)]) -> [(String, MonthlyEffects)] {
        func att(_ o: Outcome) -> [Double] {
            estimates.filter { $0.outcome == o && $0.month >= 0 }.sorted { $0.month < $1.month }.map(\.att)
        }
        func naive(_ o: Outcome) -> Double {
            let m = Dictionary(estimates.filter { $0.outcome == o }.map { ($0.month, $0.meanTreated) }, uniquingKeysWith: { a, _ in a })
            return (m[12] ?? 0) - (m[-1] ?? 0)
        }
        let counterfactual = MonthlyEffects(transfersFK: att(.amountFK), transfersState: att(.amountState),
                                            transfersKommun: att(.amountKommun), earnings: att(.earnings),
                                            transfersTaxable: att(.amountTaxable))
        let before = MonthlyEffects.constant(transfersFK: naive(.amountFK), transfersState: naive(.amountState),
                                             transfersKommun: naive(.amountKommun), earnings: naive(.earnings),
                                             transfersTaxable: naive(.amountTaxable), months: options.horizon)
        return [("counterfactual", counterfactual), ("naive", before)]
    }

    /// The cost per participant from SUS budgets: for each cohort member, the budget of the member's insats divided
    /// by the number of persons registered in it, averaged over the cohort.
    func budgetCost(_ members: [Cohort.Member], _ r: Registers) -> Double {
        var persons: [Int32: Set<Int32>] = [:]
        for k in 0..<r.participations.count { persons[r.participations.intervention[k], default: []].insert(r.participations.person[k]) }
        let costs = members.map { m in
            r.interventions[m.intervention].budget / Double(max(persons[Int32(m.intervention)]?.count ?? 1, 1))
        }
        return costs.reduce(0, +) / Double(max(costs.count, 1))
    }

    /// The counterfactual monthly effects of one bootstrap replicate (months 0…).
    func replicateEffects(_ b: PairBootstrap, _ r: Int) -> MonthlyEffects {
        func series(_ o: Outcome) -> [Double] {
            let i = b.outcomes.firstIndex(of: o)!
            return Array(b.att[r][i][(-b.relativeMonths.lowerBound)...]).map { $0.isNaN ? 0 : $0 }
        }
        return MonthlyEffects(transfersFK: series(.amountFK), transfersState: series(.amountState),
                              transfersKommun: series(.amountKommun), earnings: series(.earnings),
                              transfersTaxable: series(.amountTaxable))
    }
}

/// The raw bytes of a file as stored (compressed or not), for fingerprints.
func readRawBytes(_ path: String) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
}
