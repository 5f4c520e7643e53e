import ArgumentParser
import Dispatch
import Effects
import Foundation
import Matching
import Payback
import Registers
import Reporting
import Stats
import Transitions

extension ComparisonPool: ExpressibleByArgument {}

/// `evaluate --cohort Y`: the evaluator's run — validation → panel → transitions → risk-set matching → effects →
/// payback — written atomically, with disclosure control, as spreadsheet CSVs, `results.json`, `report.html` and
/// `run.json`. Progress goes to stderr: a bar on a terminal, one line per stage otherwise, nothing with `--quiet`.
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the cohort evaluation on a dataset folder (default: the embedded synthetic dataset)."
    )

    @Option(parsing: .unconditional, help: "The cohort: persons whose first individual insats starts in this year \(OptionRanges.year.help).")
    var cohort: Int = 2014

    @Option(help: "The dataset folder.")
    var data: String = "Datasets/synthetic"

    @Option(help: "The output folder (default results/cohort-YEAR).")
    var out: String?

    @Option(help: "Comparisons: not-yet (default) or never.")
    var controls: ComparisonPool = .notYet

    @Option(parsing: .unconditional, help: "Controls per participant \(OptionRanges.ratio.help).")
    var ratio: Int = 1

    @Option(parsing: .unconditional, help: "Caliper in standard deviations of the propensity score; default: none \(OptionRanges.caliper.help).")
    var caliper: Double?

    @Flag(help: "Match with replacement (standard errors are then clustered by person, as matched sets overlap).")
    var replace = false

    @Option(help: "Order of the participants in the matching: largest, smallest, data, random (with --seed).")
    var order: NearestNeighborMatching.Order = .largest

    @Option(help: "Comma-separated risk-set covariates to match exactly on as well (names as in balance.csv, e.g. female,born_abroad).")
    var exact: String?

    @Option(help: "Discard units outside the common support of the propensity score: none, both, control, treated.")
    var discard: CommonSupport = .none

    @Option(parsing: .unconditional, help: "Smallest number of persons an aggregate may rest on \(OptionRanges.minCell.help).")
    var minCell: Int = 5

    @Option(parsing: .unconditional, help: "Pair-bootstrap replicates for the effects and the payback, 0 for none \(OptionRanges.bootstrap.help).")
    var bootstrap: Int = 0

    @Option(parsing: .unconditional, help: "Seed of the bootstrap and of --order random (the run is deterministic for a given seed; any whole number from 0 to 2^64 − 1).")
    var seed: UInt64 = 1

    @Option(parsing: .unconditional, help: "Cost per participant (kr) for the payback (default 82000, the mean of the 58 evaluations) \(OptionRanges.cost.help).")
    var costPerParticipant: Double = 82_000

    @Flag(help: "Take the cost per participant from SUS budgets instead: each member's insats budget_sek divided by its participants, averaged over the cohort.")
    var costFromBudgets = false

    @Option(parsing: .unconditional, help: "Payback horizon in months \(OptionRanges.horizon.help).")
    var horizon: Int = 60

    @Option(parsing: .unconditional, help: "Yearly discount rate of the payback, e.g. 0.035 for 3.5 % \(OptionRanges.discount.help).")
    var discount: Double = 0.035

    @Option(help: "Language of report.html: sv (Swedish, the default) or en (English).")
    var lang: ReportLanguage = .sv

    @Flag(help: "Also write microdata_matched.csv: the matched sample with person ids (for use inside the secure environment only).")
    var microdata = false

    @Flag(help: "No progress output.")
    var quiet = false

    @OptionGroup var csv: CSVOptions

    func validate() throws {
        try OptionRanges.year.check("--cohort", cohort, what: "a year")
        try OptionRanges.ratio.check("--ratio", ratio)
        if let caliper { try OptionRanges.caliper.check("--caliper", caliper) }
        try OptionRanges.minCell.check("--min-cell", minCell)
        try OptionRanges.bootstrap.check("--bootstrap", bootstrap)
        if !costFromBudgets { try OptionRanges.cost.check("--cost-per-participant", costPerParticipant) }
        try OptionRanges.horizon.check("--horizon", horizon)
        try OptionRanges.discount.check("--discount", discount, what: "a yearly rate", hint: OptionRanges.discountHint)
    }

    func run() throws {
        let outPath = out ?? "results/cohort-\(cohort)"
        let folder: OutputFolder
        do { folder = try OutputFolder(path: outPath, kind: "run", inputs: [data]) } catch { throw report(error) }
        let progress = StageProgress(stages: bootstrap > 0 ? 10 : 9, mode: StageProgress.mode(quiet: quiet))
        defer { progress.finish() }
        var timings: [(String, Double)] = []
        func stage<T>(_ name: String, _ body: () throws -> T) rethrows -> T {
            progress.begin(name)
            let t0 = DispatchTime.now().uptimeNanoseconds
            let value = try body()
            timings.append((name, Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9))
            return value
        }
        do {
            let registers = try stage("reading and validating \(data)") { try RegisterReader(folder: data).read() }
            let panel = stage("building the monthly panel") { PanelBuilder(registers: registers).build(registers) }
            let members = stage("selecting cohort \(cohort)") { Cohort(year: cohort, registers: registers) }
            if members.members.isEmpty {
                throw DataError(file: data, "cohort \(cohort) is empty: nobody's first individual insats starts in \(cohort)")
            }
            let disclosure = Disclosure(minimumCell: minCell)
            let beforeAfter = stage("before/after transitions") {
                BeforeAfterResults(cohort: members, registers: registers, panel: panel, disclosure: disclosure)
            }
            var matching = CohortMatching()
            matching.pool = controls
            matching.matching = NearestNeighborMatching(ratio: ratio, replace: replace, caliper: caliper, order: order, seed: seed)
            matching.exact = exactCovariates
            matching.commonSupport = discard
            matching.onStep = { progress.step($0) }
            let matched = try stage("risk-set matching") {
                try matching.run(starts: members.members.map { ($0.person, $0.startMonth) }, registers: registers, panel: panel)
            }
            timings += matched.timings
            let units = matched.riskSets.rows.indices.compactMap { i -> MatchedUnit? in
                guard matched.sample.weights[i] > 0 else { return nil }
                let row = matched.riskSets.rows[i]
                return MatchedUnit(person: row.person, month: row.month, treated: row.treated,
                                   weight: matched.sample.weights[i],
                                   // With replacement matched sets overlap: a person (used once or many times) is the cluster.
                                   subclass: replace ? row.person : matched.sample.subclass[i] ?? 0)
            }
            let events = try stage("effects by month") { try EventStudy(units: units, panel: panel) }
            let did = try stage("difference in differences") { try DifferenceInDifferences(units: units, panel: panel) }
            let boot = bootstrap > 0 ? stage("pair bootstrap (\(bootstrap) replicates)") {
                PairBootstrap(units: units, panel: panel, replicates: bootstrap, seed: seed)
            } : nil
            let payback = stage("payback") { () -> PaybackResults in
                let under26 = Double(members.members.filter { $0.ageAtStart < 26 }.count) / Double(members.members.count)
                let valuation = Valuation(prices: registers.prices, year: cohort, shareUnder26: under26)
                let cost = costFromBudgets ? budgetCost(members, registers) : costPerParticipant
                let model = PaybackModel(costPerParticipant: cost, horizonMonths: horizon,
                                         discountRate: discount, valuation: valuation)
                let replicates = boot.map { b in (0..<b.replicates).map { r in replicateEffects(b, r) } } ?? []
                return PaybackResults(model: model, sources: paybackSources(events), replicates: replicates)
            }
            var inputs: [String: String] = [:]
            for file in registers.files { inputs[(file.path as NSString).lastPathComponent] = SHA256.hex(try readRawBytes(file.path)) }
            let assumptions = payback.model.valuation.assumptions
            let results = CohortResults(
                provenance: .init(version: RunManifest.version, cohort: cohort, data: data, options: options(), inputs: inputs,
                                  minimumCell: minCell),
                participants: disclosure.allows(members.members.count) ? members.members.count : nil,
                beforeAfter: beforeAfter,
                matched: MatchedResults(balance: matched.balance, events: events, did: did, bootstrap: boot, disclosure: disclosure),
                payback: payback,
                notes: parameterNotes(registers, panel) + matched.notes
                    + (assumptions.isEmpty ? [] : ["payback: defaults used for " + assumptions.joined(separator: ", ")]))
            try stage("writing \(outPath)") {
                let writer = CSVWriter(dialect: csv.dialect)
                let files = CohortReport(results: results, writer: writer).files()
                    + PaybackReport(results: payback, writer: writer).files()
                    + [("results.json", results.json), ("report.html", HTMLReport(results: results, language: lang).html),
                       ("run.json", RunManifest(options: options(), inputs: inputs, seed: seed, timings: timings).json)]
                    + (microdata ? [("microdata_matched.csv", Microdata(matched: matched, registers: registers, replace: replace, writer: writer).csv)] : [])
                for (name, text) in files { try folder.write(name, text) }
                try folder.commit()
            }
            progress.finish()
            print(results.consoleSummary(outPath: outPath))
            for note in results.notes { printNote(note) }
            if microdata {
                printNote("microdata_matched.csv holds person ids and is not disclosure-controlled: keep it inside the secure environment")
            }
        } catch let error as ExitCode {
            folder.abandon()
            throw error
        } catch {
            folder.abandon()
            progress.finish()
            throw report(error)
        }
    }

    /// What the run says of `prices.csv`: unknown parameter names, and the years the panel or the payback uses for which
    /// a parameter has no row of its own.
    func parameterNotes(_ registers: Registers, _ panel: SupportPanel) -> [String] {
        let panelYears = panel.firstMonth.year...panel.lastMonth.year
        let payback = PriceParameter.catalogue.filter { $0.whenMissing == .documentedDefault }.map { ($0.name, cohort...cohort) }
        return registers.notes + ([("work_threshold_monthly_earnings", panelYears)] + payback).compactMap {
            registers.prices.yearCoverageNote($0.0, years: $0.1)
        }
    }

    /// Effects for the payback: the matched ATT per month (counterfactual) and the participants' before/after
    /// difference held constant (naive).
    func paybackSources(_ events: EventStudy) -> [(String, MonthlyEffects)] {
        func att(_ o: Outcome) -> [Double] {
            events.estimates.filter { $0.outcome == o && $0.relativeMonth >= 0 }.sorted { $0.relativeMonth < $1.relativeMonth }.map(\.estimate)
        }
        func naive(_ o: Outcome) -> Double {
            let m = Dictionary(events.estimates.filter { $0.outcome == o }.map { ($0.relativeMonth, $0.meanTreated) }, uniquingKeysWith: { a, _ in a })
            return (m[12] ?? 0) - (m[-1] ?? 0)
        }
        let counterfactual = MonthlyEffects(transfersFK: att(.amountFK), transfersState: att(.amountState),
                                            transfersKommun: att(.amountKommun), earnings: att(.earnings))
        let before = MonthlyEffects.constant(transfersFK: naive(.amountFK), transfersState: naive(.amountState),
                                             transfersKommun: naive(.amountKommun), earnings: naive(.earnings), months: horizon)
        return [("counterfactual", counterfactual), ("naive", before)]
    }

    /// The cost per participant from SUS budgets: for each cohort member, the budget of the member's insats divided
    /// by the number of persons registered in it, averaged over the cohort.
    func budgetCost(_ cohort: Cohort, _ r: Registers) -> Double {
        var persons: [Int32: Set<Int32>] = [:]
        for k in 0..<r.participations.count { persons[r.participations.intervention[k], default: []].insert(r.participations.person[k]) }
        let costs = cohort.members.map { m in
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
                              transfersKommun: series(.amountKommun), earnings: series(.earnings))
    }

    var exactCovariates: [String] { commaSeparated(exact) }

    func options() -> [(String, String)] {
        [("cohort", String(cohort)), ("data", data), ("controls", controls.rawValue), ("ratio", String(ratio)),
         ("caliper", caliper.map { formatShortest($0) } ?? "none"), ("replace", replace ? "yes" : "no"),
         ("order", order.rawValue), ("exact", exactCovariates.joined(separator: ",")), ("discard", discard.rawValue),
         ("seed", String(seed)), ("min_cell", String(minCell)), ("microdata", microdata ? "yes" : "no"),
         ("csv", csv.dialect.rawValue), ("cost_per_participant", costFromBudgets ? "budgets" : formatShortest(costPerParticipant)),
         ("horizon", String(horizon)), ("discount", formatShortest(discount)),
         ("bootstrap", String(bootstrap)), ("lang", lang.rawValue)]
    }
}

/// The raw bytes of a file as stored (compressed or not), for fingerprints.
func readRawBytes(_ path: String) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
}
