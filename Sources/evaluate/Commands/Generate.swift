import ArgumentParser
import Evaluation
import Foundation
import Reporting
import Stats
import Synthetic

/// `evaluate generate`: writes a calibrated synthetic dataset with its causal truth.
struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Generate a calibrated synthetic register extract (every file of the data contract, truth.json, a data card).",
        discussion: """
            Scale 1 is national size: about 17,000 new participants a year and 20 times as many non-participants. \
            The same scale, seed and years give byte-identical files.
            """
    )

    @Option(help: "The output folder: a new or empty folder, or a dataset written earlier by evaluate generate (replaced as a whole).")
    var out: String

    @Option(parsing: .unconditional, help: "Size relative to the national population of participants \(OptionRanges.scale.help).")
    var scale: Double = 0.05

    @Option(parsing: .unconditional, help: "Random seed (any whole number from 0 to 2^64 − 1).")
    var seed: UInt64 = 20_140_101

    @Option(parsing: .unconditional, help: "First year of participation starts \(OptionRanges.year.help).")
    var from: Int = 2008

    @Option(parsing: .unconditional, help: "Last year of participation starts, not before --from \(OptionRanges.year.help).")
    var to: Int = 2022

    @Option(help: "Folder with federations_2012.csv and prices.csv.")
    var reference: String = "Datasets/reference"

    @Flag(help: "Write .csv.gz instead of .csv.")
    var gzip = false

    @Flag(help: "Plant the same effect mechanism for every participant (no differences by age group, sex, birth country, state before the start, förbund or insats; see truth.json).")
    var homogeneousEffect = false

    @Option(parsing: .unconditional, help: "Plant a hidden confounder of strength S: a per-person factor U (standard normal) that the registers do not show multiplies the hazard of starting an insats by exp(|S|·U) and the chance of leaving public support by exp(−S·U); S > 0 (hidden needs) makes matching understate the effect, S < 0 (hidden motivation) overstate it (see truth.json) \(OptionRanges.hiddenConfounding.help).")
    var hiddenConfounding: Double = 0

    func validate() throws {
        try OptionRanges.scale.require("--scale", scale)
        try OptionRanges.hiddenConfounding.require("--hidden-confounding", hiddenConfounding)
        try OptionRanges.year.require("--from", from, what: "a year")
        try OptionRanges.year.require("--to", to, what: "a year")
        guard from <= to else { throw ValidationError("--from must not be after --to (got \(from) and \(to))") }
    }

    func run() throws {
        let folder: OutputFolder
        do { folder = try OutputFolder(path: out, kind: "generate", inputs: [reference]) } catch { throw report(error) }
        do {
            let data = try ReferenceData(folder: reference)
            let settings = GeneratorSettings(scale: scale, seed: seed, fromYear: from, toYear: to, heterogeneousEffect: !homogeneousEffect,
                                          hiddenConfounding: hiddenConfounding)
            let dataset = Generator(settings: settings, reference: data).generate()
            try dataset.write(to: folder.staging, gzip: gzip)
            try folder.commit()
            print("wrote \(settings.personCount) persons to \(out)")
        } catch {
            folder.abandon()
            throw report(error)
        }
    }
}
