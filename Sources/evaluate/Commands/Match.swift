import ArgumentParser
import Evaluation
import Foundation
import Matching
import Reporting
import Stats

extension NearestNeighborMatching.Order: ExpressibleByArgument {}
extension CommonSupport: ExpressibleByArgument {}

/// `evaluate match`: propensity-score nearest-neighbour matching with MatchIt's semantics on any CSV.
struct Match: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Propensity-score nearest-neighbour matching (MatchIt's method = \"nearest\") on a CSV file.",
        discussion: """
            Writes propensity.csv (row, distance), matches.csv (row, treat, subclass, weight), balance.csv, \
            sample_sizes.csv and, with --outcome, effect.csv (the ATT with standard errors clustered by matched \
            set, or HC3 with --replace). Rows are 1-based input data rows.
            """
    )

    @Option(help: "The input CSV.")
    var data: String

    @Option(help: "The 0/1 treatment column.")
    var treatment: String

    @Option(help: "Comma-separated covariates of the propensity-score logit (formula terms such as factor(g) allowed).")
    var covariates: String

    @Option(help: "Comma-separated columns to match exactly on.")
    var exact: String?

    @Option(parsing: .unconditional, help: "Controls per treated unit \(OptionRanges.ratio.help).")
    var ratio: Int = 1

    @Flag(help: "Match with replacement.")
    var replace = false

    @Option(parsing: .unconditional, help: "Caliper in standard deviations of the distance; default: none \(OptionRanges.caliper.help).")
    var caliper: Double?

    @Option(help: "Order of the treated units: largest, smallest, data, random.")
    var order: NearestNeighborMatching.Order = .largest

    @Option(parsing: .unconditional, help: "Seed for --order random (any whole number from 0 to 2^64 − 1).")
    var seed: UInt64 = 1

    @Option(help: "Discard units outside the common support: none, both, control, treated.")
    var discard: CommonSupport = .none

    @Option(help: "Use this column as the distance instead of estimating a propensity score.")
    var distance: String?

    @Option(help: "An outcome column: estimate the ATT.")
    var outcome: String?

    @Option(help: "The output folder.")
    var out: String = "match-results"

    @OptionGroup var csv: CSVOptions

    func validate() throws {
        guard !commaSeparated(covariates).isEmpty else {
            throw ValidationError("--covariates must name at least one column (comma-separated, e.g. age,educ)")
        }
        try OptionRanges.ratio.require("--ratio", ratio)
        if let caliper { try OptionRanges.caliper.require("--caliper", caliper) }
    }

    func run() throws {
        let folder: OutputFolder
        do { folder = try OutputFolder(path: out, kind: "match", inputs: [data]) } catch { throw report(error) }
        do {
            let table = try DataTable.read(path: data)
            var spec = PropensityScoreMatching(treatment: treatment, covariates: commaSeparated(covariates))
            spec.exact = commaSeparated(exact)
            spec.matching = NearestNeighborMatching(ratio: ratio, replace: replace, caliper: caliper, order: order, seed: seed)
            spec.commonSupport = discard
            spec.distanceColumn = distance
            let result = try spec.run(table)
            let writer = CSVWriter(dialect: csv.dialect)
            var files: [(String, String)] = []
            files.append(("propensity.csv", writer.render(header: ["row", "distance"], rows: result.rows.indices.map {
                [.number(Double(result.rows[$0] + 1)), .number(result.distance[$0])]
            })))
            files.append(("matches.csv", writer.render(header: ["row", "treat", "subclass", "weight"], rows: result.rows.indices.map { k in
                [.number(Double(result.rows[k] + 1)), .number(result.treated[k] ? 1 : 0),
                 result.sample.subclass[k].map { .number(Double($0)) } ?? .missing, .number(result.sample.weights[k])]
            })))
            var balanceRows: [[CSVWriter.Cell]] = []
            for (sample, rows) in [("all", result.balance.before), ("matched", result.balance.after)] {
                for r in rows {
                    balanceRows.append([.text(r.covariate), .text(sample), .number(r.meansTreated), .number(r.meansControl),
                                        .number(r.standardizedMeanDifference), r.varianceRatio.map { .number($0) } ?? .missing,
                                        .number(r.ecdfMean), .number(r.ecdfMax)])
                }
            }
            files.append(("balance.csv", writer.render(header: ["covariate", "sample", "means_treated", "means_control", "std_mean_diff", "var_ratio", "ecdf_mean", "ecdf_max"], rows: balanceRows)))
            let s = result.balance.sampleSizes
            files.append(("sample_sizes.csv", writer.render(header: ["sample", "control", "treated"], rows: [
                [.text("all"), .number(Double(s.all.control)), .number(Double(s.all.treated))],
                [.text("matched_ess"), .number(s.matchedEffective.control), .number(s.matchedEffective.treated)],
                [.text("matched"), .number(Double(s.matched.control)), .number(Double(s.matched.treated))],
                [.text("unmatched"), .number(Double(s.unmatched.control)), .number(Double(s.unmatched.treated))],
                [.text("discarded"), .number(Double(s.discarded.control)), .number(Double(s.discarded.treated))],
            ])))
            if let outcome {
                guard case .numeric(let y, _)? = table[outcome] else {
                    throw DataError(file: data, column: outcome, "expected a numeric outcome column")
                }
                let values = result.rows.map { y[$0] }
                if let bad = values.firstIndex(where: { $0.isNaN }) {
                    throw DataError(file: data, line: table.line(ofRow: result.rows[bad]), column: outcome, "the outcome is missing for a matched row")
                }
                let att = try PropensityScoreMatching.effect(outcome: values, result: result)
                files.append(("effect.csv", writer.render(header: ["term", "estimate", "std_error", "statistic", "p_value", "conf_low", "conf_high", "se_type"], rows: [
                    [.text("ATT"), .number(att.estimate), .number(att.standardError), .number(att.statistic), .number(att.pValue),
                     .number(att.confidenceLow), .number(att.confidenceHigh), .text(replace ? "HC3" : "cluster:subclass")],
                ])))
            }
            for (name, text) in files { try folder.write(name, text) }
            try folder.commit()
            print("matched \(s.matched.treated) treated to \(s.matched.control) controls; results in \(out)/")
            for note in result.notes { printNote(note) }
        } catch {
            folder.abandon()
            throw report(error)
        }
    }
}
