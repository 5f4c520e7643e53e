import Foundation
import Testing
import Stats

@Suite struct MatchCommandTests {
    /// A small data set: 10 treated, 30 controls, one covariate.
    func data(_ treat: (Int) -> String = { $0 < 10 ? "1" : "0" }) -> String {
        "treat,x,y,g\n" + (0..<40).map { i in "\(treat(i)),\(Double(i % 13) / 3),\(Double(i % 7)),\(i % 2)" }.joined(separator: "\n") + "\n"
    }

    @Test func writesTheDocumentedFiles() throws {
        let dir = try temporaryFolder(["d.csv": data()])
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("m").path
        let r = try evaluate(["match", "--data", dir.appendingPathComponent("d.csv").path, "--treatment", "treat",
                              "--covariates", "x", "--outcome", "y", "--out", out, "--csv", "rfc4180"])
        #expect(r.status == 0, "\(r.stderr)")
        for name in ["propensity.csv", "matches.csv", "balance.csv", "sample_sizes.csv", "effect.csv"] {
            #expect(FileManager.default.fileExists(atPath: out + "/" + name), "\(name) missing")
        }
        let header = try String(contentsOfFile: out + "/matches.csv", encoding: .utf8).split(separator: "\n").first
        #expect(header == "row,treat,subclass,weight")
    }

    @Test func badInputGivesClearErrors() throws {
        let far = "treat,x,d\n" + (0..<40).map { i in i < 10 ? "1,\(i),\(0.9 + Double(i) / 100)" : "0,\(i),\(Double(i) / 100)" }.joined(separator: "\n") + "\n"
        let dir = try temporaryFolder(["d.csv": data(), "nottreat.csv": data { $0 < 10 ? "2" : "0" },
                                       "allcontrol.csv": data { _ in "0" }, "far.csv": far])
        defer { try? FileManager.default.removeItem(at: dir) }
        func match(_ file: String, _ extra: [String] = []) throws -> CommandResult {
            try evaluate(["match", "--data", dir.appendingPathComponent(file).path, "--treatment", "treat", "--covariates", "x",
                          "--out", dir.appendingPathComponent("out-\(file)").path] + extra)
        }
        let notBinary = try match("nottreat.csv")
        #expect(notBinary.status == 65 && notBinary.stderr.contains("treat: expected 0 or 1, found 2"))
        let noTreated = try match("allcontrol.csv")
        #expect(noTreated.status == 65 && noTreated.stderr.contains("needs both treated (1) and control (0) units"))
        let caliper = try match("far.csv", ["--caliper", "0.1", "--distance", "d"])
        #expect(caliper.status == 65 && caliper.stderr.contains("no treated unit found a control"))
        let usage = try match("d.csv", ["--ratio", "0"])
        #expect(usage.status == 64)
        // A covariate constant within the exact strata is reported as aliased, not a crash.
        let constant = try match("d.csv", ["--exact", "g"])
        #expect(constant.status == 0, "\(constant.stderr)")
    }
}
