import CZlib
import Foundation
import Stats
import Registers

/// A generated dataset: the files of the data contract, `truth.json`, and a data card (`README.md`).
public struct SyntheticDataset: Sendable {
    public let settings: GeneratorSettings
    /// File name (without `.csv`) → CSV text (RFC 4180).
    public private(set) var files: [(name: String, text: String)] = []
    public private(set) var truthJSON = ""
    public private(set) var dataCard = ""

    init(settings: GeneratorSettings, reference: ReferenceData, context: SimulationContext, people: [SimulatedPerson]) {
        self.settings = settings
        let valuation = RunValuation(context: context)
        let s = settings
        let months = s.monthCount
        func id(_ p: Int) -> String { "P" + zeroPadded(p, 7) }
        func day(_ m: Int, _ d: Int) -> String { Day(year: context.month(m).year, month: context.month(m).monthOfYear, day: d).description }
        func lastDay(_ m: Int) -> String { context.month(m).lastDay.description }

        // Interventions: per förbund three individual insatser (staggered five-year periods), one structural, one volume.
        var interventions = "intervention_id,federation_id,name,kind,target_group,start_date,end_date,budget_sek\n"
        var participantsPerInsats: [String: Int] = [:]

        var persons = "person_id,sex,birth_year,education,born_abroad,kommun\n"
        var participations = "person_id,intervention_id,start_date,end_date,support_start,support_exit,exit_reason\n"
        var benefits = "person_id,benefit,start_date,end_date,extent,amount_sek\n"
        var employment = "person_id,start_month,end_month,monthly_earnings_sek,subsidized\n"
        var studies = "person_id,start_date,end_date\n"
        let targets = ["unga 16–29", "långtidssjukskrivna", "personer med försörjningsstöd", "nyanlända", "blandad målgrupp"]

        for person in people {
            let p = person.index
            persons += "\(id(p)),\(person.female ? "K" : "M"),\(person.birthYear),\(person.education),\(person.bornAbroad ? 1 : 0),\(person.kommun)\n"
            for run in runs(person.observed) {
                let ongoing = run.last == months - 1
                if let b = run.state.benefit {
                    let rate = valuation.dailyRate(p, run)
                    let extent = valuation.extent(p, run)
                    var units = 0
                    for m in run.first...run.last { units += valuation.units(b, month: m) }
                    let amount = rate * Double(extent) / 100 * Double(units)
                    benefits += "\(id(p)),\(b.rawValue),\(day(run.first, 1)),\(ongoing ? "" : lastDay(run.last)),\(extent),\(String(format: "%.2f", amount))\n"
                    if let from = valuation.partTimeStart(p, run, treatment: person.treatment) {
                        employment += "\(id(p)),\(context.month(from)),\(ongoing ? "" : context.month(run.last).description),\(formatWhole(valuation.partTimeEarnings(p, run))),0\n"
                    }
                } else if run.state == .work {
                    let subsidized = valuation.isSubsidized(p, run, start: person.start)
                    employment += "\(id(p)),\(context.month(run.first)),\(ongoing ? "" : context.month(run.last).description),\(formatWhole(valuation.earnings(p, run))),\(subsidized ? 1 : 0)\n"
                } else if run.state == .studies {
                    studies += "\(id(p)),\(day(run.first, 1)),\(ongoing ? "" : lastDay(run.last))\n"
                }
            }
            for start in [person.start, person.secondStart].compactMap({ $0 }) {
                let fed = reference.federations[person.federation]
                let insats = "I\(fed.id.dropFirst())-\(s.insatsPeriod(year: context.year(ofMonth: start)) + 1)"
                participantsPerInsats[insats, default: 0] += 1
                let startDay = 1 + Int(context.u(p, start, .sus) * Double(context.month(start).dayCount - 1))
                let duration = 2 + Int(-_log(1 - context.u(p, start, .duration)) * 7)
                let end = start + duration - 1
                let ended = end < months - 1
                let observedAtStart = person.observed[start]
                let supportStart = susCategory(observedAtStart, p: p, m: start, k: 1, context: context)
                let supportExit = ended ? susCategory(person.observed[end], p: p, m: end, k: 2, context: context) : ""
                let reason: String
                if !ended { reason = "" } else {
                    switch person.observed[end] {
                    case .work: reason = "arbete"
                    case .studies: reason = "studier"
                    case .none: reason = "övrigt"
                    default: reason = context.u(p, end, .sus, 3) < 0.5 ? "annan insats" : "avbrott"
                    }
                }
                participations += "\(id(p)),\(insats),\(day(start, startDay)),\(ended ? lastDay(end) : ""),\(supportStart),\(supportExit),\(reason)\n"
            }
        }
        for (f, fed) in reference.federations.enumerated() {
            let number = fed.id.dropFirst()
            for k in 0..<3 {
                let from = s.fromYear + 5 * k
                guard from <= s.toYear else { continue }
                let to = min(s.toYear, from + 4)
                let insats = "I\(number)-\(k + 1)"
                let participants = participantsPerInsats[insats, default: 0]
                let budget = (Double(participants) * 82_000 * (0.8 + 0.4 * context.u(-f - 10, k, .sus))).rounded()
                interventions += "\(insats),\(fed.id),\(csvField("Insats \(k + 1) \(fed.name)")),individual,\(targets[(f + k) % targets.count]),\(from)-01-01,\(to == s.toYear ? "" : "\(to)-12-31"),\(formatWhole(budget))\n"
            }
            interventions += "I\(number)-S,\(fed.id),\(csvField("Strukturell samverkan \(fed.name)")),structural,,\(s.fromYear)-01-01,,\(formatWhole((300_000 * (0.5 + context.u(-f - 10, 9, .sus))).rounded()))\n"
            interventions += "I\(number)-V,\(fed.id),\(csvField("Volyminsats \(fed.name)")),volume,,\(s.fromYear)-01-01,,\(formatWhole((150_000 * (0.5 + context.u(-f - 10, 8, .sus))).rounded()))\n"
        }
        var federations = "federation_id,name,lan,kommuner\n"
        for fed in reference.federations {
            federations += "\(fed.id),\(csvField(fed.name)),\(fed.lan.joined(separator: "|")),\(fed.kommuner.joined(separator: "|"))\n"
        }
        var prices = "parameter,value,unit,year,source\n"
        for row in reference.prices.rows {
            prices += "\(row.parameter),\(formatShortest(row.value)),\(csvField(row.unit)),\(row.year),\(csvField(row.source))\n"
        }
        files = [("persons", persons), ("federations", federations), ("interventions", interventions),
                 ("participations", participations), ("benefits", benefits), ("employment", employment),
                 ("studies", studies), ("prices", prices)]
        let truth = Truth(settings: s, people: people, valuation: valuation)
        truthJSON = truth.json
        dataCard = DataCard(settings: s, people: people, truth: truth, files: files).text
    }

    /// Writes the files into `folder` (created if needed), as `.csv` or, with `gzip`, `.csv.gz`.
    public func write(to folder: String, gzip: Bool) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for (name, text) in files {
            if gzip {
                try writeGzip(text, to: "\(folder)/\(name).csv.gz")
                try? FileManager.default.removeItem(atPath: "\(folder)/\(name).csv")
            } else {
                try text.write(toFile: "\(folder)/\(name).csv", atomically: true, encoding: .utf8)
                try? FileManager.default.removeItem(atPath: "\(folder)/\(name).csv.gz")
            }
        }
        try truthJSON.write(toFile: "\(folder)/truth.json", atomically: true, encoding: .utf8)
        try dataCard.write(toFile: "\(folder)/README.md", atomically: true, encoding: .utf8)
    }
}

/// SUS' self-reported category for a register state, agreeing 85 % of the time.
func susCategory(_ state: SimState, p: Int, m: Int, k: Int, context: SimulationContext) -> String {
    let truth: String
    switch state {
    case .none: truth = "NONE"
    case .work: truth = "WORK"
    case .studies: truth = "STUDIES"
    default: truth = state.benefit!.rawValue
    }
    guard context.u(p, m, .sus, 10 + k) >= 0.85 else { return truth }
    let codes = SupportCategory.codes.filter { $0 != truth }
    return codes[Int(context.u(p, m, .sus, 20 + k) * Double(codes.count))]
}

/// gzip with a fixed header (no file name or time stamp), so the bytes depend on the content only.
func writeGzip(_ text: String, to path: String) throws {
    guard let gz = gzopen(path, "wb9") else { throw CocoaError(.fileWriteUnknown) }
    let bytes = Array(text.utf8)
    var written: Int32 = 0
    bytes.withUnsafeBufferPointer { written = gzwrite(gz, $0.baseAddress, UInt32($0.count)) }
    gzclose(gz)
    if written != bytes.count && !bytes.isEmpty { throw CocoaError(.fileWriteUnknown) }
}

func zeroPadded(_ v: Int, _ width: Int) -> String {
    let s = String(v)
    return String(repeating: "0", count: max(0, width - s.count)) + s
}

func formatWhole(_ x: Double) -> String { String(Int64(x.rounded())) }

func csvField(_ s: String) -> String {
    s.contains(",") || s.contains("\"") ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
}
