import Foundation
import Testing
import Stats

/// The Swedish CSV dialect as a user meets it: LibreOffice Calc (headless, Swedish locale) opens the cohort run's
/// files and saves them as .xlsx; every number must arrive as a number cell with the value we wrote.
@Suite struct SpreadsheetTests {
    /// A cell of an .xlsx sheet: its column letters, row, whether it is a number, and its raw value.
    struct Cell { var column: String; var row: Int; var isNumber: Bool; var value: String }

    func soffice() throws -> String {
        let candidates = ["/usr/bin/soffice", "/usr/bin/libreoffice", "/usr/lib/libreoffice/program/soffice"]
        guard let path = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw DataError("LibreOffice is not installed: run scripts/setup --test (Debian package libreoffice-calc-nogui)")
        }
        return path
    }

    func run(_ executable: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    /// Converts `csv` (excel-sv) to .xlsx as Calc reads it in a Swedish locale, and returns the first sheet's cells.
    func openInCalc(_ csv: URL, in dir: URL) throws -> [Cell] {
        let profile = dir.appendingPathComponent("lo-profile").absoluteString
        // CSV filter options: separator ';' (59), quote '"' (34), UTF-8 (76), from line 1, default column
        // formats, language sv-SE (1053).
        _ = try run(try soffice(), ["-env:UserInstallation=\(profile)", "--headless", "--norestore",
                                    "--infilter=CSV:59,34,76,1,,1053", "--convert-to", "xlsx", "--outdir", dir.path, csv.path])
        let xlsx = dir.appendingPathComponent(csv.deletingPathExtension().lastPathComponent + ".xlsx")
        guard FileManager.default.fileExists(atPath: xlsx.path) else { throw DataError("LibreOffice did not convert \(csv.lastPathComponent)") }
        let sheet = try run("/usr/bin/env", ["python3", "-c", "import sys, zipfile; sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read('xl/worksheets/sheet1.xml').decode())", xlsx.path])
        let pattern = try NSRegularExpression(pattern: #"<c r="([A-Z]+)(\d+)"([^>]*?)(?:/>|>(?:<f>[^<]*</f>)?<v>([^<]*)</v></c>)"#)
        let ns = sheet as NSString
        return pattern.matches(in: sheet, range: NSRange(location: 0, length: ns.length)).compactMap { m in
            guard m.range(at: 4).location != NSNotFound else { return nil }
            let attributes = ns.substring(with: m.range(at: 3))
            return Cell(column: ns.substring(with: m.range(at: 1)), row: Int(ns.substring(with: m.range(at: 2)))!,
                        isNumber: !attributes.contains(#"t="s""#) && !attributes.contains(#"t="str""#),
                        value: ns.substring(with: m.range(at: 4)))
        }
    }

    @Test func calcReadsTheSwedishFilesNumbersAsNumbers() throws {
        let dir = try temporaryFolder([:])
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("out")
        let result = try evaluate(["--cohort", "2014", "--out", out.path, "--quiet"])
        #expect(result.status == 0, "\(result.stderr)")
        for name in ["summary.csv", "effects.csv", "payback.csv", "sensitivity.csv", "pretrend.csv", "estimators.csv", "overlap.csv",
                     "federations.csv"] {
            let csv = out.appendingPathComponent(name)
            let table = try DataTable.read(path: csv.path)   // our reader: dialect detected, decimal comma
            let cells = try openInCalc(csv, in: dir)
            #expect(!cells.isEmpty, "\(name): Calc produced no cells")
            let header = table.names
            var checked = 0
            for row in 0..<table.rowCount {
                for (j, column) in header.enumerated() {
                    guard case .numeric(let values, _)? = table[column], !values[row].isNaN else { continue }
                    let letter = String(UnicodeScalar(UInt8(65 + j)))
                    guard let cell = cells.first(where: { $0.column == letter && $0.row == row + 2 }) else {
                        Issue.record("\(name): no cell \(letter)\(row + 2) for \(column)")
                        continue
                    }
                    #expect(cell.isNumber, "\(name) \(letter)\(row + 2) (\(column)) arrived as text: \(cell.value)")
                    let value = Double(cell.value) ?? .nan
                    #expect(abs(value - values[row]) <= 1e-12 * max(1, abs(values[row])),
                            "\(name) \(letter)\(row + 2) (\(column)): Calc read \(cell.value), we wrote \(values[row])")
                    checked += 1
                }
            }
            #expect(checked > 3, "\(name): too few numbers checked")
            // Text stays text: the first column of every data row is a label.
            #expect(cells.filter { $0.column == "A" && $0.row > 1 }.allSatisfy { !$0.isNumber }, "\(name): a label became a number")
        }
    }
}
