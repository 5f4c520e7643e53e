import Foundation
import Testing
@testable import Linalg
@testable import Stats

/// Deterministic fuzzing of the CSV reader (both dialects, plain and gzip) and the formula parser: random and mutated
/// inputs, a fixed number of them from a fixed seed. Each must give a result or a located error — never a crash, a
/// hang or another kind of error.
@Suite struct FuzzTests {
    static let seeds: [String] = [
        "y,x,g\n1,2.5,a\n2,3.5,b\n3,,\"c,d\"\n",
        "\u{FEFF}y;x;g\r\n1;2,5;a\r\n2;3,5;\"b;\"\"q\"\"\"\r\n",
        "id,text,value\n1,\"line\nbreak\",NA\n2,plain,-1e3\n",
        "a\n1\n2\n\n3\n",
    ]
    /// Bytes that matter to the scanner, inserted at random places.
    static let specials: [[UInt8]] = [[0x22], [0x2C], [0x3B], [0x0A], [0x0D], [0x0D, 0x0A], [0xFF], [0xC3], [0xEF, 0xBB, 0xBF],
                                      [0x00], Array("NA".utf8), Array("1e400".utf8), Array("-".utf8), Array(",,,".utf8)]

    func mutate(_ input: [UInt8], _ rng: inout SplitMix64) -> [UInt8] {
        var bytes = input
        for _ in 0...Int(rng.next() % 4) {
            let at = bytes.isEmpty ? 0 : Int(rng.next() % UInt64(bytes.count + 1))
            switch rng.next() % 6 {
            case 0: if at < bytes.count { bytes[at] = UInt8(truncatingIfNeeded: rng.next()) }
            case 1: bytes.insert(contentsOf: FuzzTests.specials[Int(rng.next() % UInt64(FuzzTests.specials.count))], at: at)
            case 2: if at < bytes.count { bytes.remove(at: at) }
            case 3: bytes = Array(bytes[..<at])
            case 4: bytes.insert(contentsOf: bytes[at...].prefix(Int(rng.next() % 20)), at: at)
            default: bytes.insert(contentsOf: (0..<Int(rng.next() % 8)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }, at: at)
            }
        }
        return bytes
    }

    func expectResultOrLocatedError(_ body: () throws -> Void, file: String, input: [UInt8]) {
        do {
            try body()
        } catch let error as DataError {
            #expect(error.file?.hasSuffix(file) == true, "not located: \(error) for \(input)")
        } catch {
            Issue.record("unexpected error \(error) for \(input)")
        }
    }

    @Test func theCSVReaderGivesATableOrALocatedError() {
        var rng = SplitMix64(state: 20_261_202)
        for k in 0..<3000 {
            let input = k % 10 == 9
                ? (0..<Int(rng.next() % 64)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
                : mutate(Array(FuzzTests.seeds[k % FuzzTests.seeds.count].utf8), &rng)
            expectResultOrLocatedError({
                let t = try DataTable.parseCSV(input, fileName: "fuzz.csv")
                for name in t.names { _ = t[name] }
            }, file: "fuzz.csv", input: input)
        }
    }

    @Test func theGzipReaderGivesATableOrALocatedError() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("finsam-fuzz-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let plain = dir.appendingPathComponent("seed.csv")
        try Data((0..<200).map { "\($0),\(Double($0) / 7),\"t\($0)\"\n" }.joined().utf8).write(to: plain)
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/bin/gzip")
        gzip.arguments = ["-n", "-k", plain.path]
        try gzip.run()
        gzip.waitUntilExit()
        let compressed = [UInt8](try Data(contentsOf: dir.appendingPathComponent("seed.csv.gz")))
        var rng = SplitMix64(state: 7)
        let path = dir.appendingPathComponent("fuzz.csv.gz")
        for _ in 0..<300 {
            let input = mutate(compressed, &rng)
            try Data(input).write(to: path)
            expectResultOrLocatedError({ _ = try DataTable.read(path: path.path) }, file: "fuzz.csv.gz", input: Array(input.prefix(16)))
        }
    }

    @Test func theFormulaParserGivesAFormulaOrAFormulaError() {
        let tokens = ["y", "x", "x1", "g", "~", "+", "-", "*", ":", "^", "(", ")", "|", "1", "0", "factor(", "I(", "log(", ".",
                      " ", "2", "1e400", "`", "\"", ",", "%in%", "/", "~~", "offset(", "exp(", "-1", "+0", "\u{00E5}", "\t"]
        var rng = SplitMix64(state: 11)
        let valid = ["y ~ x", "log(y) ~ x1 * g + I(x^2) - 1 | g", "y ~ factor(g):x + x1"]
        for k in 0..<5000 {
            let text: String
            if k % 3 == 0 {
                text = String(decoding: mutate(Array(valid[k % valid.count].utf8), &rng), as: UTF8.self)
            } else {
                text = (0..<Int(1 + rng.next() % 12)).map { _ in tokens[Int(rng.next() % UInt64(tokens.count))] }.joined()
            }
            do {
                _ = try Formula(text)
            } catch is FormulaError {
            } catch {
                Issue.record("unexpected error \(error) for \(text)")
            }
        }
    }

    /// The UTF-8 check agrees with Swift's own decoder on random and mutated text.
    @Test func theEncodingCheckAgreesWithSwiftsDecoder() {
        var rng = SplitMix64(state: 3)
        let seed = Array("Sjukpenning, månader −12…−1; Malmö 😀".utf8)
        for k in 0..<5000 {
            let input = k % 2 == 0 ? mutate(seed, &rng) : (0..<Int(rng.next() % 24)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            let problem = input.withUnsafeBufferPointer { firstEncodingProblem($0, from: 0) }
            let valid = String(validating: input, as: UTF8.self) != nil
            let hasBOM = (0..<max(0, input.count - 2)).contains { input[$0] == 0xEF && input[$0 + 1] == 0xBB && input[$0 + 2] == 0xBF }
            if valid && !hasBOM { #expect(problem == nil, "\(input)") } else { #expect(problem != nil, "\(input)") }
            if let problem, problem.kind == .notUTF8 {
                #expect(String(validating: input[..<problem.offset], as: UTF8.self) != nil, "the problem is not the first: \(input)")
            }
        }
    }
}
