import Foundation
import Testing

/// Bad register files and odd inputs: each class gets exit 65 with a message located at `file:line: column`, and no
/// run writes anything.
@Suite struct BadInputTests {
    /// A small valid dataset with `change` applied to its files' texts.
    func dataset(_ change: (inout [String: String]) -> Void = { _ in }) throws -> URL {
        var files = ValidateCommandTests().dataset(benefitsRow: "P1,SJP,2014-01-20,2014-02-10,100,20000")
        change(&files)
        return try temporaryFolder(files)
    }

    func validate(_ data: URL) throws -> CommandResult {
        try evaluate(["validate", "--data", data.path])
    }

    func expectDataError(_ r: CommandResult, _ fragment: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(r.status == 65, "\(r.stderr)", sourceLocation: sourceLocation)
        #expect(r.stderr.contains(fragment), "\(r.stderr)", sourceLocation: sourceLocation)
    }

    func shell(_ command: String, in folder: URL) throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", command]
        p.currentDirectoryURL = folder
        try p.run()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0, "\(command)")
    }

    // MARK: - Compressed input cut short

    @Test func aCompressedFileCutShortOrDamagedIsAnError() throws {
        let rows = (0..<3000).map { "P1,SJP,20\(10 + $0 % 10)-01-01,20\(10 + $0 % 10)-01-0\(1 + $0 % 9),100,\($0)" }
        let data = try dataset { $0["benefits.csv"] = "person_id,benefit,start_date,end_date,extent,amount_sek\n" + rows.joined(separator: "\n") + "\n" }
        defer { try? FileManager.default.removeItem(at: data) }
        try shell("gzip -n benefits.csv && cp benefits.csv.gz whole.gz", in: data)
        // The trailer (CRC-32 and length) removed: the data inflate to whole lines.
        try shell("head -c $(( $(stat -c %s whole.gz) - 8 )) whole.gz > benefits.csv.gz", in: data)
        expectDataError(try validate(data), "benefits.csv.gz: truncated or corrupt compressed data")
        // Cut in the middle.
        try shell("head -c $(( $(stat -c %s whole.gz) / 2 )) whole.gz > benefits.csv.gz", in: data)
        expectDataError(try validate(data), "benefits.csv.gz: truncated or corrupt compressed data")
        // A wrong CRC-32.
        try shell("cp whole.gz benefits.csv.gz && printf '\\000\\000\\000\\000' | dd of=benefits.csv.gz bs=1 seek=$(( $(stat -c %s whole.gz) - 8 )) conv=notrunc 2>/dev/null", in: data)
        expectDataError(try validate(data), "benefits.csv.gz: truncated or corrupt compressed data (incorrect data check)")
        // Not gzip at all.
        try shell("gzip -dc whole.gz > benefits.csv.gz", in: data)
        expectDataError(try validate(data), "benefits.csv.gz: the name ends in .gz but the file is not gzip-compressed")
        // The whole file is fine.
        try shell("cp whole.gz benefits.csv.gz", in: data)
        #expect(try validate(data).status == 0)
        // The same check for any CSV read by the researchers' commands.
        try shell("head -c $(( $(stat -c %s whole.gz) - 8 )) whole.gz > cut.csv.gz", in: data)
        expectDataError(try evaluate(["regress", "--data", data.appendingPathComponent("cut.csv.gz").path, "--formula", "amount_sek ~ extent"]),
                        "truncated or corrupt compressed data")
    }

    // MARK: - Values that crash or hang

    @Test func datesOutsideTheAllowedRangeAreLocatedErrors() throws {
        let data = try dataset {
            $0["benefits.csv"]! += "P1,SJP,0001-01-01,2014-02-10,100,20000\nP1,SJP,2014-01-01,9999-12-31,100,20000\n"
            $0["employment.csv"]! += "P1,1899-12,,20000,0\n"
        }
        defer { try? FileManager.default.removeItem(at: data) }
        let r = try validate(data)
        expectDataError(r, "benefits.csv:3: start_date: expected a date in 1900-01-01…2100-12-31, found 0001-01-01")
        #expect(r.stderr.contains("benefits.csv:4: end_date: expected a date in 1900-01-01…2100-12-31, found 9999-12-31"))
        #expect(r.stderr.contains("employment.csv:2: start_month: expected a month in 1900-01…2100-12, found 1899-12"))
    }

    @Test func devicesFIFOsAndLinkLoopsAreRefusedAtOnce() throws {
        let data = try dataset()
        defer { try? FileManager.default.removeItem(at: data) }
        try shell("rm studies.csv && ln -s /dev/zero studies.csv", in: data)
        expectDataError(try validate(data), "studies.csv: is a device; give a regular file")
        try shell("rm studies.csv && mkfifo studies.csv", in: data)
        expectDataError(try validate(data), "studies.csv: is a FIFO (named pipe); give a regular file")
        try shell("rm studies.csv && ln -s studies.csv studies.csv", in: data)
        expectDataError(try validate(data), "studies.csv: cannot open the file: a loop of symbolic links")
        try shell("rm studies.csv && mkfifo input.csv", in: data)
        expectDataError(try evaluate(["regress", "--data", data.appendingPathComponent("input.csv").path, "--formula", "y ~ x"]),
                        "input.csv: is a FIFO (named pipe); give a regular file")
    }

    @Test func anOverlongLineIsLocatedAndMessagesQuoteAtMost80Characters() throws {
        let long = String(repeating: "x", count: 1_100_000)
        let data = try dataset { $0["studies.csv"]! += "P1,2014-01-01,2014-01-10\nP1,2014-01-01,\(long)\n" }
        defer { try? FileManager.default.removeItem(at: data) }
        expectDataError(try validate(data), "studies.csv:3: a line longer than 1 MiB")
        let wide = String(repeating: "y", count: 500)
        let other = try dataset { $0["benefits.csv"] = "person_id,benefit,start_date,end_date,extent,amount_sek\nP1,\(wide),2014-01-20,2014-02-10,100,20000\n" }
        defer { try? FileManager.default.removeItem(at: other) }
        let r = try validate(other)
        expectDataError(r, "benefits.csv:2: benefit: expected one of")
        #expect(r.stderr.contains("\"" + String(repeating: "y", count: 80) + "…\" (500 bytes)"))
        #expect(!r.stderr.contains(String(repeating: "y", count: 81)))
    }

    // MARK: - Duplicate records

    @Test func exactDuplicateRecordsAreErrorsNamingBothLines() throws {
        let data = try dataset {
            $0["benefits.csv"]! += "P1,SJP,2014-03-01,2014-03-31,100,9000\nP1,SJP,2014-01-20,2014-02-10,100,20000\n"
            $0["employment.csv"]! += "P1,2014-05,2014-08,21000,0\nP1,2014-05,2014-08,21000,0\n"
            $0["studies.csv"]! += "P1,2015-01-01,2015-06-30\nP1,2015-01-01,2015-06-30\n"
            $0["prices.csv"]! += "work_threshold_monthly_earnings,11000,kr,2014,assumption\n"
        }
        defer { try? FileManager.default.removeItem(at: data) }
        let r = try validate(data)
        expectDataError(r, "benefits.csv:4: the record repeats line 2 exactly")
        #expect(r.stderr.contains("employment.csv:3: the record repeats line 2 exactly"))
        #expect(r.stderr.contains("studies.csv:3: the record repeats line 2 exactly"))
        #expect(r.stderr.contains("prices.csv:3: parameter: \"work_threshold_monthly_earnings\" for 2014 is given again (first on line 2)"))
        // A record that differs in one value is no duplicate.
        let fine = try dataset { $0["benefits.csv"]! += "P1,SJP,2014-01-20,2014-02-10,100,20001\n" }
        defer { try? FileManager.default.removeItem(at: fine) }
        #expect(try validate(fine).status == 0)
    }

    // MARK: - Encodings and structure

    @Test func encodingAndStructureProblemsAreLocatedAtTheirCause() throws {
        let latin1 = try dataset()
        defer { try? FileManager.default.removeItem(at: latin1) }
        var persons = Data("person_id,sex,birth_year,education,born_abroad,kommun\nP1,K,1985,2,0,0180\n".utf8)
        persons.append(contentsOf: [0x50, 0x32, 0x2C, 0x4B, 0x2C, 0x31, 0x39, 0x38, 0x35, 0x2C, 0x32, 0x2C, 0x30, 0x2C, 0x30, 0x31, 0x38, 0x30, 0xF6, 0x0A])
        try persons.write(to: latin1.appendingPathComponent("persons.csv"))
        expectDataError(try validate(latin1), "persons.csv:3: not UTF-8 (Latin-1?): byte 0xF6")

        let bom = try dataset { $0["studies.csv"]! += "\u{FEFF}person_id,start_date,end_date\n" }
        defer { try? FileManager.default.removeItem(at: bom) }
        let b = try validate(bom)
        expectDataError(b, "studies.csv:2: a byte-order mark (U+FEFF) in the middle of the file")
        #expect(!b.stderr.contains("persons.csv") && !b.stderr.contains("benefits.csv"), "blamed on another file: \(b.stderr)")

        let header = try dataset { $0["benefits.csv"] = $0["benefits.csv"]!.replacingOccurrences(of: "extent", with: "amount_sek") }
        defer { try? FileManager.default.removeItem(at: header) }
        expectDataError(try validate(header), "benefits.csv:1: the column name \"amount_sek\" appears twice in the header")

        // A malformed persons.csv row is the root cause; the references to its person are one follow-on problem per
        // file, not one per row.
        let malformed = try dataset {
            $0["persons.csv"]! += "P2,M,1990,1,0\nP3,M,1991,1,0,0180\n"
            $0["benefits.csv"]! += (0..<50).map { "P2,SJP,2014-0\(1 + $0 % 9)-01,2014-0\(1 + $0 % 9)-0\(2 + $0 % 7),100,\($0)" }.joined(separator: "\n") + "\n"
            $0["studies.csv"]! += "P3,2014-01-01,2014-01-10\n"
        }
        defer { try? FileManager.default.removeItem(at: malformed) }
        let m = try validate(malformed)
        let lines = m.stderr.split(separator: "\n")
        #expect(m.status == 65)
        #expect(lines.count == 3, "\(m.stderr)")
        #expect(lines.dropFirst().first?.hasPrefix("persons.csv:3: expected 6 fields (as in the header), found 5") == true, "\(m.stderr)")
        #expect(m.stderr.contains("benefits.csv:3: person_id: 50 rows name persons not in persons.csv (the first: \"P2\") — persons.csv has problems listed above"))
    }

    // MARK: - Missing or misspelt parameters

    @Test func aMissingParameterStopsTheRunAndAnUnknownOneIsNoted() throws {
        let misspelt = try dataset {
            $0["prices.csv"] = "parameter,value,unit,year,source\nwork_treshold_monthly_earnings,10000,kr,2014,assumption\n"
        }
        defer { try? FileManager.default.removeItem(at: misspelt) }
        expectDataError(try validate(misspelt),
                        "prices.csv: parameter: the parameter work_threshold_monthly_earnings (kr per month) is missing; it is needed for the monthly panel: earnings at or above it make a month count as work (unknown names in the file: work_treshold_monthly_earnings — misspelt?)")
        let extra = try dataset { $0["prices.csv"]! += "employer_fee_rat,0.31,fraction,2014,assumption\n" }
        defer { try? FileManager.default.removeItem(at: extra) }
        let r = try validate(extra)
        #expect(r.status == 0)
        #expect(r.stderr.contains("NOTE: prices.csv: unknown parameters employer_fee_rat are not used (misspelt?"))
        #expect(!r.stdout.contains("NOTE"))
    }

    /// The embedded dataset's price table starts in 2008, its panel in 2005: the run says which value it uses.
    @Test func aParameterYearTakenFromANeighbourIsSaid() throws {
        let dir = try temporaryFolder([:])
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try evaluate(["--cohort", "2014", "--out", dir.appendingPathComponent("r").path, "--quiet"])
        #expect(r.status == 0, "\(r.stderr)")
        let note = "prices.csv has no work_threshold_monthly_earnings for 2005–2007; the value of the nearest earlier year (else the nearest later one) is used"
        #expect((r.stdout + r.stderr).contains("NOTE: " + note))
        let report = try String(contentsOf: dir.appendingPathComponent("r/results.json"), encoding: .utf8)
        #expect(report.contains(note))
    }
}
