import ArgumentParser
import Foundation
import Registers
import Reporting
import Stats

/// The `evaluate` command tree. `evaluate --cohort 2014` runs the evaluator's default command (``Run``).
@main
struct Evaluate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Evaluate Finsam interventions (insatser): transitions, matched effects and socioeconomic payback.",
        version: "0.1.0",
        subcommands: [Run.self, Regress.self, Match.self, PaybackCommand.self, Validate.self, Generate.self],
        defaultSubcommand: Run.self
    )
}

/// Exit statuses of sysexits(3): 64 for usage errors, 65 for bad input data, 73 for an output that cannot or may not
/// be written.
enum ExitStatus {
    static let usage = ExitCode(64)
    static let dataError = ExitCode(65)
    static let software = ExitCode(70)
    static let cannotCreate = ExitCode(73)
}

/// Prints an error to stderr in the tool's format and returns the exit code to throw.
func report(_ error: Error) -> ExitCode {
    let message: String
    let code: ExitCode
    switch error {
    case let e as DataError:
        message = e.description
        code = ExitStatus.dataError
    case let e as ValidationFailure:
        message = "the dataset has problems:\n" + e.description
        code = ExitStatus.dataError
    case let e as OutputLocationError:
        message = e.description
        code = ExitStatus.cannotCreate
    case let e as FormulaError:
        message = e.description
        code = ExitStatus.usage
    default:
        message = String(describing: error)
        code = ExitStatus.software
    }
    FileHandle.standardError.write(Data("evaluate: error: \(message)\n".utf8))
    return code
}
