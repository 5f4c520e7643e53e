import ArgumentParser
import Evaluation
import Foundation
import Matching
import Payback
import Registers
import Reporting
import Stats
import Transitions

extension ComparisonPool: ExpressibleByArgument {}
extension ComparisonArea: ExpressibleByArgument {}
extension Extrapolation: ExpressibleByArgument {}
extension CostTiming: ExpressibleByArgument {}
extension RandomEffectsMeta.Method: ExpressibleByArgument {
    public init?(argument: String) { self.init(rawValue: argument.uppercased()) }
    public static var allValueStrings: [String] { allCases.map { $0.rawValue.lowercased() } }
    public var defaultValueDescription: String { rawValue.lowercased() }
}

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

    @Option(help: "Comma-separated förbund ids: evaluate only the participants of these förbund (comparisons stay national unless --pool same-lan).")
    var federation: String?

    @Option(help: "Comma-separated insats ids: evaluate only the participants of these insatser.")
    var insats: String?

    @Option(help: "Where comparisons come from: national (default) or same-lan (the participant's own län; exact matching on län).")
    var pool: ComparisonArea = .national

    @Option(help: "Comma-separated groupings for effects, heterogeneity tests and payback by group: \(Grouping.allCases.map(\.rawValue).joined(separator: ", ")).")
    var by: String?

    @Option(help: "Estimator of the between-förbund variance τ² for the shrunken estimates in federations.csv and insatser.csv: reml (default) or dl (DerSimonian–Laird).")
    var shrinkage: RandomEffectsMeta.Method = .reml

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

    @Option(help: "When the cost per participant falls: start (all in the start month, as the 58 local evaluations count it; the default) or spread (evenly over each participant's months of participation, start to exit).")
    var costTiming: CostTiming = .start

    @Option(help: "How the effect is carried from the last observed month (+36) to the payback horizon: constant (held at its last value, the default), decay:R (a share R from 0 to 1 lost each year, e.g. decay:0.25) or none (no gain counted after +36).")
    var extrapolate: Extrapolation = .constant

    @Option(help: "Language of report.html: sv (Swedish, the default) or en (English).")
    var lang: ReportLanguage = .sv

    @Flag(help: "Also write microdata_matched.csv: the matched sample with person ids (for use inside the secure environment only).")
    var microdata = false

    @Flag(help: "No progress output.")
    var quiet = false

    @OptionGroup var csv: CSVOptions

    func validate() throws {
        do { try evaluationOptions.validate() } catch let e as OptionValueError { throw ValidationError(e.description) }
        for name in commaSeparated(by) where Grouping(rawValue: name) == nil {
            throw ValidationError("--by: '\(name)' is not a grouping; choose among \(Grouping.allCases.map(\.rawValue).joined(separator: ", "))")
        }
    }

    /// The command's options as the library's.
    var evaluationOptions: EvaluationOptions {
        var o = EvaluationOptions()
        o.cohort = cohort
        o.data = data
        o.controls = controls
        o.ratio = ratio
        o.caliper = caliper
        o.replace = replace
        o.order = order
        o.exact = commaSeparated(exact)
        o.discard = discard
        o.federations = commaSeparated(federation)
        o.insatser = commaSeparated(insats)
        o.pool = pool
        o.shrinkage = shrinkage
        o.groupings = commaSeparated(by).compactMap(Grouping.init(rawValue:)).reduce(into: []) { if !$0.contains($1) { $0.append($1) } }
        o.minCell = minCell
        o.bootstrap = bootstrap
        o.seed = seed
        o.costPerParticipant = costPerParticipant
        o.costFromBudgets = costFromBudgets
        o.horizon = horizon
        o.discount = discount
        o.extrapolation = extrapolate
        o.costTiming = costTiming
        o.language = lang
        o.microdata = microdata
        o.dialect = csv.dialect
        return o
    }

    func run() throws {
        let outPath = out ?? "results/cohort-\(cohort)"
        let folder: OutputFolder
        do { folder = try OutputFolder(path: outPath, kind: "run", inputs: [data]) } catch { throw report(error) }
        var evaluation = CohortEvaluation(options: evaluationOptions)
        let progress = StageProgress(stages: evaluation.stageCount + 1, mode: StageProgress.mode(quiet: quiet))
        defer { progress.finish() }
        evaluation.onStage = { progress.begin($0) }
        evaluation.onStep = { progress.step($0) }
        do {
            let run = try evaluation.run()
            progress.begin("writing \(outPath)")
            for file in run.files { try folder.write(file.name, file.contents) }
            try folder.commit()
            progress.finish()
            print(run.results.consoleSummary(outPath: outPath))
            for note in run.results.notes { printNote(note) }
            if microdata {
                printNote("microdata_matched.csv holds person ids and is not disclosure-controlled: keep it inside the secure environment")
            }
        } catch {
            folder.abandon()
            progress.finish()
            throw report(error)
        }
    }
}
