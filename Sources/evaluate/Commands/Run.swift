import ArgumentParser
import Foundation

/// `evaluate --cohort Y`: the evaluator's run (validation → panel → transitions → matching → effects → payback).
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the cohort evaluation on a dataset folder (default: the embedded synthetic dataset)."
    )

    @Option(help: "The cohort: persons whose first individual insats starts in this year.")
    var cohort: Int = 2014

    @Option(help: "The dataset folder.")
    var data: String = "Datasets/synthetic"

    @Option(help: "The output folder.")
    var out: String?

    func run() throws {
        FileHandle.standardError.write(Data("""
            evaluate: the cohort run (--cohort \(cohort)) is not built yet: it needs the register data layer, the \
            matching and the payback model (open issues 3–6). Available now: `evaluate regress` (see `evaluate help regress`).

            """.utf8))
        throw ExitCode(69) // EX_UNAVAILABLE
    }
}
