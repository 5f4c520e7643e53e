import Foundation
import Stats

/// Reads and validates a dataset folder (the contract of the README's data dictionary) into ``Registers``.
///
/// Every row is checked — types, codes, dates, `end ≥ start`, extents, non-negative amounts, duplicates, references
/// (participation → intervention → federation; every person id known in `persons.csv`) and identifiers that look
/// like real personnummer — and every problem is reported as `file:line: column: expected …, found …`. Files may be
/// `.csv` or `.csv.gz`, in either CSV dialect. Columns the contract does not name, and files it does not name, are
/// ignored.
public struct RegisterReader {
    /// The dataset folder.
    public let folder: String

    /// A reader of the dataset folder at `folder`; nothing is read until ``read()``.
    public init(folder: String) {
        self.folder = folder
    }

    /// The contract's files, in reading order.
    public static let fileNames = ["persons", "federations", "interventions", "participations", "benefits",
                                   "employment", "studies", "prices"]

    /// Reads the folder.
    ///
    /// - Throws: ``ValidationFailure`` with every problem found; ``DataError`` when the folder or a file is missing.
    public func read() throws -> Registers {
        var registers = Registers()
        var diagnostics = Diagnostics()
        var personsIncomplete = false
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw DataError(file: folder, "no such dataset folder")
        }
        for name in RegisterReader.fileNames {
            guard let path = locate(name) else {
                diagnostics.add(file: "\(folder)/\(name).csv", "the file is missing (the dataset contract needs it; .csv or .csv.gz)")
                continue
            }
            let bytes = try readFileBytes(path: path)
            let display = (path as NSString).lastPathComponent
            var file = FileReader(bytes: bytes, fileName: display, diagnostics: diagnostics)
            file.personsIncomplete = personsIncomplete
            switch name {
            case "persons": readPersons(&file, into: &registers)
            case "federations": readFederations(&file, into: &registers)
            case "interventions": readInterventions(&file, into: &registers)
            case "participations": readParticipations(&file, into: &registers)
            case "benefits": readBenefits(&file, into: &registers)
            case "employment": readEmployment(&file, into: &registers)
            case "studies": readStudies(&file, into: &registers)
            default: readPrices(&file, into: &registers)
            }
            file.reportUnknownPersons()
            if name == "persons" { personsIncomplete = file.diagnostics.count > diagnostics.count }
            diagnostics = file.diagnostics
            registers.files.append(InputFile(name: name, path: path, rows: file.rowCount))
        }
        if !diagnostics.isEmpty { throw ValidationFailure(diagnostics: diagnostics) }
        return registers
    }

    /// The file's path: `NAME.csv` or `NAME.csv.gz`, whatever is there (a broken link or a link loop too, so that
    /// reading it names the real problem).
    private func locate(_ name: String) -> String? {
        for candidate in ["\(folder)/\(name).csv", "\(folder)/\(name).csv.gz"] {
            var info = stat()
            if lstat(candidate, &info) == 0 { return candidate }
        }
        return nil
    }

    // MARK: - Files

    private func readPersons(_ f: inout FileReader, into r: inout Registers) {
        let columns = ["person_id", "sex", "birth_year", "education", "born_abroad", "kommun"]
        f.rows(columns) { f, fields, line in
            let id = f.identifier(fields, 0, line: line, column: "person_id")
            if looksLikePersonnummer(id) {
                f.problem(line: line, column: "person_id", "expected a pseudonymised id, found what looks like a real personnummer (10 or 12 digits with a valid check digit); FinsamEval refuses identifying data — pseudonymise the ids before use")
            }
            let sex = f.code(fields, 1, line: line, column: "sex", allowed: ["K", "M"])
            let year = f.integer(fields, 2, line: line, column: "birth_year", range: 1900...2030)
            let education = f.integer(fields, 3, line: line, column: "education", range: 1...3)
            let abroad = f.integer(fields, 4, line: line, column: "born_abroad", range: 0...1)
            let kommun = f.kommun(fields[5], line: line, column: "kommun")
            if r.persons.index[id] != nil {
                f.problem(line: line, column: "person_id", "expected a unique person id, found \(quotedExcerpt(id)) again")
                return
            }
            r.persons.index[id] = Int32(r.persons.ids.count)
            r.persons.ids.append(id)
            r.persons.sex.append(sex == 1 ? .male : .female)
            r.persons.birthYear.append(Int16(year ?? 0))
            r.persons.education.append(UInt8(education ?? 0))
            r.persons.bornAbroad.append(abroad == 1)
            r.persons.kommun.append(kommun ?? 0)
        }
    }

    private func readFederations(_ f: inout FileReader, into r: inout Registers) {
        var seen = Set<String>()
        f.rows(["federation_id", "name", "lan", "kommuner"]) { f, fields, line in
            let id = f.identifier(fields, 0, line: line, column: "federation_id")
            if !seen.insert(id).inserted {
                f.problem(line: line, column: "federation_id", "expected a unique federation id, found \(quotedExcerpt(id)) again")
            }
            let lan = fields.text(2).split(separator: "|").map(String.init)
            for code in lan where !(code.count == 2 && code.allSatisfy(\.isASCIIDigit)) {
                f.problem(line: line, column: "lan", "expected a two-digit county code, found \"\(code)\"")
            }
            let kommuner = fields.text(3).split(separator: "|").compactMap { f.kommun(text: String($0), line: line, column: "kommuner") }
            r.federations.append(Federation(id: id, name: fields.text(1), lan: lan, kommuner: kommuner))
        }
    }

    private func readInterventions(_ f: inout FileReader, into r: inout Registers) {
        let federationIndex = Dictionary(r.federations.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        var seen = Set<String>()
        f.rows(["intervention_id", "federation_id", "name", "kind", "target_group", "start_date", "end_date", "budget_sek"]) { f, fields, line in
            let id = f.identifier(fields, 0, line: line, column: "intervention_id")
            if !seen.insert(id).inserted {
                f.problem(line: line, column: "intervention_id", "expected a unique intervention id, found \(quotedExcerpt(id)) again")
            }
            let federation = federationIndex[fields.text(1)]
            if federation == nil {
                f.problem(line: line, column: "federation_id", "expected a federation id from federations.csv, found \(quotedExcerpt(fields.text(1)))")
            }
            let kind = f.code(fields, 3, line: line, column: "kind", allowed: InterventionKind.allCases.map(\.rawValue))
            let start = f.day(fields, 5, line: line, column: "start_date")
            let end = f.optionalDay(fields, 6, line: line, column: "end_date")
            f.checkOrder(start, end, line: line, column: "end_date")
            let budget = f.nonNegative(fields, 7, line: line, column: "budget_sek")
            r.interventions.append(Intervention(
                id: id, federation: federation ?? 0, name: fields.text(2), kind: kind.map { InterventionKind.allCases[$0] } ?? .individual,
                targetGroup: fields.text(4), start: start ?? Day(rawValue: 0), end: end, budget: budget ?? 0))
        }
    }

    private func readParticipations(_ f: inout FileReader, into r: inout Registers) {
        let interventionIndex = Dictionary(r.interventions.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        struct Key: Hashable { var person: Int32, intervention: Int, start: Int32 }
        var seen = Set<Key>()
        f.rows(["person_id", "intervention_id", "start_date", "end_date", "support_start", "support_exit", "exit_reason"]) { f, fields, line in
            let person = f.person(fields, 0, line: line, persons: r.persons)
            let intervention = interventionIndex[fields.text(1)]
            if intervention == nil {
                f.problem(line: line, column: "intervention_id", "expected an intervention id from interventions.csv, found \(quotedExcerpt(fields.text(1)))")
            }
            let start = f.day(fields, 2, line: line, column: "start_date")
            let end = f.optionalDay(fields, 3, line: line, column: "end_date")
            f.checkOrder(start, end, line: line, column: "end_date")
            if let person, let intervention, let start,
               !seen.insert(Key(person: person, intervention: intervention, start: start.rawValue)).inserted {
                f.problem(line: line, column: "person_id", "expected one registration per person, insats and start date, found a duplicate")
            }
            let supportStart = f.support(fields, 4, line: line, column: "support_start")
            let supportExit = f.support(fields, 5, line: line, column: "support_exit")
            r.participations.person.append(person ?? 0)
            r.participations.intervention.append(Int32(intervention ?? 0))
            r.participations.start.append(start ?? Day(rawValue: 0))
            r.participations.end.append(end)
            r.participations.supportStart.append(supportStart)
            r.participations.supportExit.append(supportExit)
            r.participations.exitReason.append(fields.text(6))
        }
    }

    private func readBenefits(_ f: inout FileReader, into r: inout Registers) {
        var duplicates = Duplicates()
        f.rows(["person_id", "benefit", "start_date", "end_date", "extent", "amount_sek"]) { f, fields, line in
            let problemsBefore = f.diagnostics.count
            let person = f.person(fields, 0, line: line, persons: r.persons)
            let code = f.code(fields, 1, line: line, column: "benefit", allowed: BenefitCode.allCases.map(\.rawValue))
            let start = f.day(fields, 2, line: line, column: "start_date")
            let end = f.optionalDay(fields, 3, line: line, column: "end_date")
            f.checkOrder(start, end, line: line, column: "end_date")
            let extent = f.integer(fields, 4, line: line, column: "extent", allowed: [25, 50, 75, 100])
            let amount = f.nonNegative(fields, 5, line: line, column: "amount_sek")
            r.benefits.person.append(person ?? 0)
            r.benefits.code.append(code.map { BenefitCode.allCases[$0] } ?? .SJP)
            r.benefits.start.append(start ?? Day(rawValue: 0))
            r.benefits.end.append(end)
            r.benefits.extent.append(UInt8(extent ?? 100))
            r.benefits.amount.append(amount ?? 0)
            duplicates.record(line: line, valid: f.diagnostics.count == problemsBefore)
        }
        let b = r.benefits
        duplicates.report(&f, persons: b.person, personCount: r.persons.count, start: b.start.map(\.rawValue)) { i, j in
            b.code[i] == b.code[j] && b.start[i] == b.start[j] && b.end[i] == b.end[j] && b.extent[i] == b.extent[j]
                && b.amount[i] == b.amount[j]
        }
    }

    private func readEmployment(_ f: inout FileReader, into r: inout Registers) {
        var duplicates = Duplicates()
        f.rows(["person_id", "start_month", "end_month", "monthly_earnings_sek", "subsidized"]) { f, fields, line in
            let problemsBefore = f.diagnostics.count
            let person = f.person(fields, 0, line: line, persons: r.persons)
            let start = f.month(fields, 1, line: line, column: "start_month")
            var end: Month? = nil
            if !fields.isEmpty(2) { end = f.month(fields, 2, line: line, column: "end_month") }
            if let start, let end, end < start {
                f.problem(line: line, column: "end_month", "expected a month on or after start_month (\(start)), found \(end)")
            }
            let earnings = f.nonNegative(fields, 3, line: line, column: "monthly_earnings_sek")
            let subsidized = f.integer(fields, 4, line: line, column: "subsidized", range: 0...1)
            r.employment.person.append(person ?? 0)
            r.employment.startMonth.append(start ?? Month(rawValue: 0))
            r.employment.endMonth.append(end)
            r.employment.monthlyEarnings.append(earnings ?? 0)
            r.employment.subsidized.append(subsidized == 1)
            duplicates.record(line: line, valid: f.diagnostics.count == problemsBefore)
        }
        let e = r.employment
        duplicates.report(&f, persons: e.person, personCount: r.persons.count, start: e.startMonth.map(\.rawValue)) { i, j in
            e.startMonth[i] == e.startMonth[j] && e.endMonth[i] == e.endMonth[j] && e.monthlyEarnings[i] == e.monthlyEarnings[j]
                && e.subsidized[i] == e.subsidized[j]
        }
    }

    private func readStudies(_ f: inout FileReader, into r: inout Registers) {
        var duplicates = Duplicates()
        f.rows(["person_id", "start_date", "end_date"]) { f, fields, line in
            let problemsBefore = f.diagnostics.count
            let person = f.person(fields, 0, line: line, persons: r.persons)
            let start = f.day(fields, 1, line: line, column: "start_date")
            let end = f.optionalDay(fields, 2, line: line, column: "end_date")
            f.checkOrder(start, end, line: line, column: "end_date")
            r.studies.person.append(person ?? 0)
            r.studies.start.append(start ?? Day(rawValue: 0))
            r.studies.end.append(end)
            duplicates.record(line: line, valid: f.diagnostics.count == problemsBefore)
        }
        let t = r.studies
        duplicates.report(&f, persons: t.person, personCount: r.persons.count, start: t.start.map(\.rawValue)) { i, j in
            t.start[i] == t.start[j] && t.end[i] == t.end[j]
        }
    }

    private func readPrices(_ f: inout FileReader, into r: inout Registers) {
        var seen: [String: Int] = [:]
        f.rows(["parameter", "value", "unit", "year", "source"]) { f, fields, line in
            let parameter = f.identifier(fields, 0, line: line, column: "parameter")
            let value = f.number(fields, 1, line: line, column: "value")
            let year = f.integer(fields, 3, line: line, column: "year", range: 1900...2100)
            if fields.isEmpty(4) {
                f.problem(line: line, column: "source", "expected a source (or \"assumption\"), found an empty cell")
            }
            if let year, let earlier = seen.updateValue(line, forKey: "\(parameter) \(year)") {
                f.problem(line: line, column: "parameter", "\(quotedExcerpt(parameter)) for \(year) is given again (first on line \(earlier)); give each parameter once a year")
            }
            r.prices.rows.append(.init(parameter: parameter, value: value ?? 0, unit: fields.text(2), year: year ?? 0, source: fields.text(4)))
        }
        let unknown = r.prices.unknownParameters
        for p in PriceParameter.catalogue where p.whenMissing == .required && !r.prices.rows.contains(where: { $0.parameter == p.name }) {
            f.problem(line: nil, column: "parameter", "the parameter \(p.name) (\(p.unit)) is missing; it is needed for the \(p.usedBy)"
                      + (unknown.isEmpty ? "" : " (unknown names in the file: \(unknown.joined(separator: ", ")) — misspelt?)"))
        }
        if !unknown.isEmpty {
            r.notes.append("prices.csv: unknown parameters \(unknown.joined(separator: ", ")) are not used (misspelt? the data dictionary lists the known names)")
        }
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
