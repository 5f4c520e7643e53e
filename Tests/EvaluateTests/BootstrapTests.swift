import Foundation
import Testing
import Stats

@Suite struct BootstrapTests {
    /// The pair bootstrap is deterministic by seed, and its standard error is close to the cluster-robust one.
    @Test func theBootstrapIsDeterministicAndAgreesWithTheAnalyticStandardError() throws {
        let dir = try temporaryFolder([:])
        defer { try? FileManager.default.removeItem(at: dir) }
        let a = dir.appendingPathComponent("a").path, b = dir.appendingPathComponent("b").path
        for out in [a, b] {
            #expect(try evaluate(["--cohort", "2014", "--out", out, "--quiet", "--csv", "rfc4180", "--bootstrap", "200", "--seed", "11"]).status == 0)
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: a + "/effects.csv")) == Data(contentsOf: URL(fileURLWithPath: b + "/effects.csv")))
        let t = try DataTable.read(path: a + "/effects.csv", textColumns: ["outcome"])
        guard case .text(let outcome)? = t["outcome"], case .numeric(let k, _)? = t["relative_month"],
              case .numeric(let se, _)? = t["std_error"], case .numeric(let boot, _)? = t["boot_std_error"] else { return }
        for name in ["public_support", "work"] {
            let row = (0..<t.rowCount).first { outcome[$0] == name && k[$0] == 12 }!
            #expect(abs(boot[row] / se[row] - 1) < 0.3, "\(name): bootstrap SE \(boot[row]) against \(se[row])")
        }
    }
}
