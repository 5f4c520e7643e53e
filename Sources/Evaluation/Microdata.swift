import Matching
import Registers
import Stats

/// `microdata_matched.csv`, written only with `--microdata`: one row per participant (matched or not) and per
/// matched comparison, with the person id of the dataset — for analyses that need the matched sample itself, inside
/// the secure environment that holds the registers. It is never part of the default, disclosure-controlled output.
public struct Microdata {
    let matched: CohortMatching.Result
    let registers: Registers
    let replace: Bool
    let writer: CSVWriter

    /// The matched sample of `matched` with the persons' ids from `registers`.
    public init(matched: CohortMatching.Result, registers: Registers, replace: Bool, writer: CSVWriter) {
        self.matched = matched
        self.registers = registers
        self.replace = replace
        self.writer = writer
    }

    /// The file's contents.
    public var csv: String {
        let sets = matched.riskSets, sample = matched.sample
        let rows: [[CSVWriter.Cell]] = sets.rows.indices.compactMap { i in
            let row = sets.rows[i]
            guard row.treated || sample.weights[i] > 0 else { return nil }
            return [.text(registers.persons.ids[row.person]), .text(row.month.description), .number(row.treated ? 1 : 0),
                    .number(row.supportedBefore ? 1 : 0), .number(matched.distance[i]), .number(sample.weights[i]),
                    replace ? .missing : sample.subclass[i].map { .number(Double($0)) } ?? .missing]
        }
        return writer.render(header: ["person_id", "start_month", "treated", "supported_before", "distance", "weight", "subclass"],
                             rows: rows)
    }
}
