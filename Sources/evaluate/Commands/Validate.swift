import ArgumentParser
import Foundation
import Registers
import Stats

/// `evaluate validate`: checks a dataset folder against the data contract and summarises it.
struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a dataset folder against the data contract (the README's data dictionary) and summarise it.",
        discussion: """
            Every problem is listed as file:line: column: what was expected, what was found (at most 20, then a \
            count); the exit status is then 65. On clean data it prints row counts, date ranges and participants \
            per year.
            """
    )

    @Option(help: "The dataset folder.")
    var data: String = "Datasets/synthetic"

    func run() throws {
        let registers: Registers
        do {
            registers = try RegisterReader(folder: data).read()
        } catch {
            throw report(error)
        }
        print(DatasetSummary(registers).text)
        for note in registers.notes { printNote(note) }
    }
}
