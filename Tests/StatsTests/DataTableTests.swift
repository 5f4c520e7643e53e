import Foundation
import Testing
@testable import Stats

@Suite struct DataTableTests {
    @Test func readsRFC4180WithQuotesMissingValuesAndNumbers() throws {
        let csv = "id,name,x,n\n1,\"Umeå, norra\",1.5,\n2,\"sa \"\"hej\"\"\",-2e-3,NA\n3,plain,,7\n"
        let t = try DataTable.parseCSV(Array(csv.utf8), fileName: "a.csv")
        #expect(t.names == ["id", "name", "x", "n"])
        #expect(t["id"] == .numeric([1, 2, 3], isInteger: true))
        #expect(t["name"] == .text(["Umeå, norra", "sa \"hej\"", "plain"]))
        guard case .numeric(let x, false)? = t["x"] else { Issue.record("x is not numeric"); return }
        #expect(x[0] == 1.5 && x[1] == -0.002 && x[2].isNaN)
        guard case .numeric(let n, true)? = t["n"] else { Issue.record("n is not numeric"); return }
        #expect(n[0].isNaN && n[1].isNaN && n[2] == 7)
    }

    @Test func readsTheSwedishDialectWithBOMDecimalCommaAndCRLF() throws {
        let csv = "\u{FEFF}kommun;andel;namn\r\n0180;0,25;Stockholm\r\n2480;-1,5e2;\"Umeå; stad\"\r\n"
        let t = try DataTable.parseCSV(Array(csv.utf8), fileName: "sv.csv")
        #expect(t.names == ["kommun", "andel", "namn"])
        #expect(t["andel"] == .numeric([0.25, -150], isInteger: false))
        #expect(t["namn"] == .text(["Stockholm", "Umeå; stad"]))
    }

    @Test func parsesNumbersCorrectlyRounded() throws {
        // 17 significant digits (slow path) and the exact fast path must both round-trip.
        let values = [0.1, 1.0 / 3, 2.2250738585072014e-308, 1.7976931348623157e308, 123456789012345678.0, -4.9e-324,
                      0.30000000000000004, 9007199254740993.0]
        let csv = "v\n" + values.map { "\($0)" }.joined(separator: "\n") + "\n"
        let t = try DataTable.parseCSV(Array(csv.utf8))
        guard case .numeric(let parsed, _)? = t["v"] else { Issue.record("not numeric"); return }
        #expect(parsed == values.map { Double("\($0)")! })
    }

    /// A number beyond a double's range is not a number (like the literal `inf`), so its column is located as text;
    /// one below the smallest subnormal rounds to zero, as strtod does.
    @Test func anOverflowingNumberIsNotANumber() throws {
        let t = try DataTable.parseCSV(Array("a,b,c\n1,2,1e-400\n1e400,-2e308,0\n".utf8))
        guard case .text? = t["a"], case .text? = t["b"], case .numeric(let c, _)? = t["c"] else {
            Issue.record("a and b should be text, c numeric"); return
        }
        #expect(c == [0, 0])
        #expect(t.firstNonNumeric["a"]?.value == "1e400")
    }

    @Test func readsGzipCompressedFiles() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("finsam-gz-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let plain = dir.appendingPathComponent("t.csv")
        try "a,b\n1,x\n2,y\n".write(to: plain, atomically: true, encoding: .utf8)
        let gz = Process()
        gz.executableURL = URL(fileURLWithPath: "/bin/gzip")
        gz.arguments = ["-k", plain.path]
        try gz.run()
        gz.waitUntilExit()
        let a = try DataTable.read(path: plain.path)
        let b = try DataTable.read(path: plain.path + ".gz")
        #expect(a == b)
        #expect(b.rowCount == 2)
    }

    @Test func locatesARowWithTheWrongNumberOfFields() {
        #expect(throws: DataError(file: "bad.csv", line: 3, "expected 2 fields (as in the header), found 3")) {
            try DataTable.parseCSV(Array("a,b\n1,2\n3,4,5\n".utf8), fileName: "bad.csv")
        }
    }

    @Test func rejectsAnEmptyFileAndDuplicateNames() {
        #expect(throws: DataError(file: "e.csv", "the file is empty (no header row)")) {
            try DataTable.parseCSV([], fileName: "e.csv")
        }
        #expect(throws: DataError(file: "d.csv", line: 1, "the column name \"a\" appears twice in the header")) {
            try DataTable.parseCSV(Array("a,a\n1,2\n".utf8), fileName: "d.csv")
        }
    }

    @Test func remembersLinesAcrossQuotedNewlines() throws {
        let t = try DataTable.parseCSV(Array("a,b\n\"x\ny\",1\nz,w\n".utf8), fileName: "q.csv")
        #expect(t.line(ofRow: 0) == 2)
        #expect(t.line(ofRow: 1) == 4)
        #expect(t.firstNonNumeric["b"]?.row == 1)
    }

    @Test func writesBothDialects() {
        let rows: [[CSVWriter.Cell]] = [[.text("a;b"), .number(-1.25), .missing], [.text("x"), .number(3), .number(.nan)]]
        let sv = CSVWriter(dialect: .excelSwedish).render(header: ["t", "v", "m"], rows: rows)
        #expect(sv == "\u{FEFF}t;v;m\r\n\"a;b\";-1,25;\r\nx;3;\r\n")
        let rfc = CSVWriter(dialect: .rfc4180).render(header: ["t", "v", "m"], rows: rows)
        #expect(rfc == "t,v,m\na;b,-1.25,\nx,3,\n")
    }
}
