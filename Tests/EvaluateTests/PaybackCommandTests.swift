import Foundation
import Testing
import Stats

@Suite struct PaybackCommandTests {
    @Test func costsCanComeFromSUSBudgets() throws {
        let dir = try temporaryFolder([:])
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("b").path
        let r = try evaluate(["--cohort", "2014", "--out", out, "--quiet", "--csv", "rfc4180", "--cost-from-budgets"])
        #expect(r.status == 0, "\(r.stderr)")
        let t = try DataTable.read(path: out + "/payback.csv", textColumns: ["source", "perspective", "payback_month"])
        guard case .numeric(let cost, _)? = t["cost"] else { Issue.record("no cost column"); return }
        // The generator sets budgets to participants × 82,000 × U(0.8, 1.2).
        #expect(cost[0] > 82_000 * 0.8 && cost[0] < 82_000 * 1.2 && cost[0] != 82_000)
        let manifest = try String(contentsOfFile: out + "/run.json", encoding: .utf8)
        #expect(manifest.contains("\"cost_per_participant\": \"budgets\""))
    }

    @Test func thePaybackOfACohortRunsEffectsFile() throws {
        let dir = try temporaryFolder([:])
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = dir.appendingPathComponent("run").path
        #expect(try evaluate(["--cohort", "2014", "--out", run, "--quiet"]).status == 0)
        let out = dir.appendingPathComponent("pb").path
        let r = try evaluate(["payback", "--effects", run + "/effects.csv", "--out", out, "--csv", "rfc4180"])
        #expect(r.status == 0, "\(r.stderr)")
        // The standalone command values the same counterfactual effects: FK's gain (transfers only, no prices)
        // equals the cohort run's.
        let a = try DataTable.read(path: out + "/payback.csv", textColumns: ["source", "perspective", "payback_month"])
        let b = try DataTable.read(path: run + "/payback.csv", textColumns: ["source", "perspective", "payback_month"])
        guard case .numeric(let gainA, _)? = a["total_gain"], case .numeric(let gainB, _)? = b["total_gain"],
              case .text(let pa)? = a["perspective"], case .text(let pb)? = b["perspective"] else { return }
        let fkA = gainA[pa.firstIndex(of: "FK")!], fkB = gainB[pb.firstIndex(of: "FK")!]
        #expect(abs(fkA - fkB) <= 1e-9 * abs(fkB))
        // With the cohort's share under 26 (results.json), society's gain (production with employer fees) agrees too.
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: run + "/results.json"))) as? [String: Any]
        let share = try #require((json?["payback"] as? [String: Any])?["share_under_26"] as? Double)
        #expect(share > 0.2 && share < 0.6)
        let out2 = dir.appendingPathComponent("pb2").path
        #expect(try evaluate(["payback", "--effects", run + "/effects.csv", "--out", out2, "--csv", "rfc4180",
                              "--share-under-26", formatShortest(share)]).status == 0)
        let c = try DataTable.read(path: out2 + "/payback.csv", textColumns: ["source", "perspective", "payback_month"])
        guard case .numeric(let gainC, _)? = c["total_gain"], case .text(let pc)? = c["perspective"] else { return }
        let societyB = gainB[pb.firstIndex(of: "society")!], societyC = gainC[pc.firstIndex(of: "society")!]
        #expect(abs(societyC - societyB) <= 1e-9 * abs(societyB))
        #expect(try evaluate(["payback", "--effects", run + "/effects.csv", "--share-under-26", "2"]).status == 64)
    }
}
