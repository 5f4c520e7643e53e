/// What `evaluate validate` prints for a clean dataset: row counts, date ranges, and participants per year.
public struct DatasetSummary: Sendable {
    /// The registers summarised.
    public let registers: Registers

    /// The summary of validated registers.
    public init(_ registers: Registers) {
        self.registers = registers
    }

    /// New participants per year: persons by the year of their first participation in an individual insats.
    public var participantsPerYear: [(year: Int, persons: Int)] {
        let r = registers
        var first: [Int32: Day] = [:]
        for k in 0..<r.participations.count where r.interventions[Int(r.participations.intervention[k])].kind == .individual {
            let p = r.participations.person[k], d = r.participations.start[k]
            if let e = first[p], e <= d { continue }
            first[p] = d
        }
        var perYear: [Int: Int] = [:]
        for d in first.values { perYear[d.components.year, default: 0] += 1 }
        return perYear.keys.sorted().map { ($0, perYear[$0]!) }
    }

    /// The summary as printed: rows and the range of start dates per file, then new participants per year.
    public var text: String {
        let r = registers
        var lines = ["Dataset is valid.", "", "file            rows  start dates"]
        func range(_ days: [Day]) -> String {
            guard let lo = days.min(), let hi = days.max() else { return "" }
            return "\(lo) … \(hi)"
        }
        func monthRange(_ months: [Month]) -> String {
            guard let lo = months.min(), let hi = months.max() else { return "" }
            return "\(lo) … \(hi)"
        }
        let dates: [String: String] = [
            "interventions": range(r.interventions.map(\.start)),
            "participations": range(r.participations.start),
            "benefits": range(r.benefits.start),
            "employment": monthRange(r.employment.startMonth),
            "studies": range(r.studies.start),
        ]
        for file in r.files {
            let name = file.name.padding(toLength: 14, withPad: " ", startingAt: 0)
            let rows = String(file.rows)
            lines.append(name + String(repeating: " ", count: max(1, 6 - rows.count)) + rows + "  " + (dates[file.name] ?? ""))
        }
        lines.append("")
        lines.append("new participants in individual insatser, by year of first start:")
        for (year, persons) in participantsPerYear { lines.append("  \(year)  \(persons)") }
        return lines.joined(separator: "\n")
    }
}
