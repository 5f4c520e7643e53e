import Foundation
import Testing
import Stats

/// Runs the built `evaluate` binary and captures its output.
struct CommandResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// Runs `evaluate` from the repository root and waits, with its output.
func evaluate(_ arguments: [String]) throws -> CommandResult {
    try evaluate(arguments, in: repositoryRoot)
}

/// A temporary folder with the given files.
func temporaryFolder(_ files: [String: String]) throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("finsam-cli-\(UUID())")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    for (name, contents) in files {
        try contents.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }
    return dir
}

@Suite struct RegressCommandTests {
    let petersen = "Datasets/examples/petersen.csv"

    @Test func printsTheSummaryAndWritesTheTidyTableInBothDialects() throws {
        let dir = try temporaryFolder([:])
        defer { try? FileManager.default.removeItem(at: dir) }
        let sv = dir.appendingPathComponent("sv.csv").path
        let result = try evaluate(["regress", "--data", petersen, "--formula", "y ~ x", "--vcov", "cluster:firm", "--out", sv])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Standard errors: cluster-robust by firm"))
        #expect(result.stdout.contains("clusters: firm (500)"))
        let bytes = try Data(contentsOf: URL(fileURLWithPath: sv))
        #expect(bytes.starts(with: Array("\u{FEFF}term;estimate;std_error;statistic;p_value;conf_low;conf_high\r\n".utf8)))
        // R: coef 1.03483344, vcovCL(~firm) SE 0.05059573 (sandwich 3.0-2 on PetersenCL).
        let table = try DataTable.read(path: sv)
        guard case .numeric(let estimate, _)? = table["estimate"], case .numeric(let se, _)? = table["std_error"] else {
            Issue.record("tidy table is not numeric"); return
        }
        #expect(abs(estimate[1] - 1.03483344) < 1e-8)
        #expect(abs(se[1] - 0.05059573) < 1e-8)
        let rfc = dir.appendingPathComponent("rfc.csv").path
        _ = try evaluate(["regress", "--data", petersen, "--formula", "y ~ x", "--out", rfc, "--csv", "rfc4180"])
        #expect(try String(contentsOfFile: rfc, encoding: .utf8).hasPrefix("term,estimate,std_error,"))
    }

    @Test func reportsBadInputWithLocationStatusAndNoOutput() throws {
        let dir = try temporaryFolder([
            "bad.csv": "y,x,g\n1,2,a\n2,oops,b\n3,4,a\n",
            "empty.csv": "",
            "missing.csv": "y,x\n1,\n,2\n",
            "sep.csv": "y,x,d\n" + (0..<40).map { "\($0 % 3 == 0 ? 1 : $0 % 2),\(Double($0) / 7),\($0 % 3 == 0 ? 1 : 0)" }.joined(separator: "\n") + "\n",
        ])
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("out.csv").path
        func run(_ file: String, _ formula: String, _ extra: [String] = []) throws -> CommandResult {
            try evaluate(["regress", "--data", dir.appendingPathComponent(file).path, "--formula", formula, "--out", out] + extra)
        }
        let nonNumeric = try run("bad.csv", "y ~ x")
        #expect(nonNumeric.status == 65)
        #expect(nonNumeric.stderr.contains("bad.csv:3: x: expected a number (x), found \"oops\""))
        let unknown = try run("bad.csv", "y ~ z")
        #expect(unknown.status == 65)
        #expect(unknown.stderr.contains("z: no such column; the columns are: y, x, g"))
        let empty = try run("empty.csv", "y ~ x")
        #expect(empty.status == 65)
        #expect(empty.stderr.contains("the file is empty"))
        let allMissing = try run("missing.csv", "y ~ x")
        #expect(allMissing.status == 65)
        #expect(allMissing.stderr.contains("all 2 rows were dropped"))
        let parse = try run("bad.csv", "y ~ x +")
        #expect(parse.status == 64)
        #expect(parse.stderr.contains("expected a term at position 8"))
        let separation = try run("sep.csv", "y ~ x + d", ["--logit"])
        #expect(separation.status == 65)
        #expect(separation.stderr.contains("separation"))
        #expect(separation.stderr.contains("'d'"))
        let usage = try run("bad.csv", "y ~ g", ["--vcov", "sandwich"])
        #expect(usage.status == 64)
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test func reportsACollinearRegressor() throws {
        let dir = try temporaryFolder(["c.csv": "y,x,z\n1,1,2\n2,2,4\n2,3,6\n5,4,8\n4,5,10\n"])
        defer { try? FileManager.default.removeItem(at: dir) }
        let result = try evaluate(["regress", "--data", dir.appendingPathComponent("c.csv").path, "--formula", "y ~ x + z"])
        #expect(result.status == 0)
        // NOTE lines go to stderr; stdout carries the summary (with the NA row).
        #expect(result.stderr == "NOTE: 1 coefficient not defined because of singularities (collinear with earlier terms): z\n")
        #expect(!result.stdout.contains("NOTE"))
        #expect(result.stdout.split(separator: "\n").contains { $0.hasPrefix("z ") && $0.contains("NA") })
    }


    /// Issue class 7: complete separation, a number beyond a double's range, a constant response and `y ~ .` are
    /// clear errors with the documented exit statuses, and nothing is written.
    @Test func edgeCasesAreClearErrors() throws {
        // y = 1 exactly when x ≥ 10: complete separation (R's glm "converges" to coefficients of ±160 with SEs of 10⁵).
        let complete = "y,x,z\n" + (0..<20).map { "\($0 >= 10 ? 1 : 0),\($0),\(($0 * 7) % 5)" }.joined(separator: "\n") + "\n"
        // y = 0 below x = 5, 1 above, both at 5: quasi-complete separation, where the working weights pile onto the
        // rows with x = 5 and x became "collinear" with the intercept.
        let quasi = "y,x,w\n" + (0..<40).map { i in
            "\(i % 11 < 5 ? 0 : i % 11 > 5 ? 1 : i % 2),\(i % 11),\(Double((i * 37) % 101) / 101)"
        }.joined(separator: "\n") + "\n"
        let dir = try temporaryFolder([
            "complete.csv": complete, "quasi.csv": quasi,
            "big.csv": "y,x\n1,2\n2,1e400\n3,4\n4,3\n",
            "negbig.csv": "y;x\n1;2\n2;3\n3;-1,5e999\n4;3\n",
            "const.csv": "y,x\n" + (0..<10).map { "5,\(Double($0) * 0.7)" }.joined(separator: "\n") + "\n",
        ])
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("out.csv").path
        func run(_ file: String, _ formula: String, _ extra: [String] = []) throws -> CommandResult {
            try evaluate(["regress", "--data", dir.appendingPathComponent(file).path, "--formula", formula, "--out", out] + extra)
        }
        let path = { (file: String) in dir.appendingPathComponent(file).path }

        let separation = try run("complete.csv", "y ~ x + z", ["--logit"])
        #expect(separation.status == 65, "\(separation.stdout)")
        #expect(separation.stderr.hasPrefix("evaluate: error: \(path("complete.csv")): x: perfect or quasi-perfect separation: "))
        #expect(separation.stderr.contains("the coefficient of 'x' diverges"))
        #expect(separation.stdout.isEmpty)
        for formula in ["y ~ x + w", "y ~ w + x"] {
            let q = try run("quasi.csv", formula, ["--logit"])
            #expect(q.status == 65, "\(q.stdout)\(q.stderr)")
            #expect(q.stderr.hasPrefix("evaluate: error: \(path("quasi.csv")): x: perfect or quasi-perfect separation: "))
            #expect(q.stderr.contains("the coefficient of 'x' diverges"))
        }

        let big = try run("big.csv", "y ~ x")
        #expect(big.status == 65)
        #expect(big.stderr == "evaluate: error: \(path("big.csv")):3: x: expected a number (x), found \"1e400\", "
                + "beyond the largest number a double holds (about 1.8e308)\n")
        let negativeBig = try run("negbig.csv", "y ~ x")
        #expect(negativeBig.status == 65)
        #expect(negativeBig.stderr.contains("\(path("negbig.csv")):4: x: expected a number (x), found \"-1,5e999\", beyond"))
        // The literal inf is located the same way.
        let literal = try temporaryFolder(["inf.csv": "y,x\n1,2\n2,inf\n3,4\n"])
        defer { try? FileManager.default.removeItem(at: literal) }
        let inf = try evaluate(["regress", "--data", literal.appendingPathComponent("inf.csv").path, "--formula", "y ~ x"])
        #expect(inf.status == 65 && inf.stderr.contains("inf.csv:3: x: expected a number (x), found \"inf\"\n"))

        // R's summary.lm only warns "essentially perfect fit" here and prints an R² of rounding noise (0.5168 for
        // y = 5, x = 0…9); the tool refuses instead.
        let constant = try run("const.csv", "y ~ x")
        #expect(constant.status == 65)
        #expect(constant.stderr == "evaluate: error: \(path("const.csv")): y: the response is constant (5 in all 10 rows "
                + "used): there is nothing to explain, and R², the F test and the t tests are undefined\n")
        #expect(constant.stdout.isEmpty)
        // Without an intercept a constant response is an ordinary regression through the origin.
        let origin = try evaluate(["regress", "--data", path("const.csv"), "--formula", "y ~ x - 1"])
        #expect(origin.status == 0, "\(origin.stderr)")

        let dot = try run("const.csv", "y ~ .")
        #expect(dot.status == 64)
        #expect(dot.stderr == "evaluate: error: formula: the shorthand `.` for every other column is not supported "
                + "(name the variables) at position 5\n  y ~ .\n      ^\n")
        let dotPlus = try run("const.csv", "y ~ . + x")
        #expect(dotPlus.status == 64 && dotPlus.stderr.contains("the shorthand `.`"))
        #expect(!FileManager.default.fileExists(atPath: out))
    }
}
