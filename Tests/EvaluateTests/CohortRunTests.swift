import Foundation
import Testing
import Stats

/// End-to-end: `evaluate --cohort 2014` on the embedded default dataset.
@Suite(.serialized) struct CohortRunTests {
    static let outputs = ["summary.csv", "transitions.csv", "indicators.csv", "agreement.csv", "balance.csv",
                          "effects.csv", "did.csv", "payback.csv", "payback_monthly.csv", "payback_actors.csv",
                          "payback_sensitivity.csv", "run.json"]

    func run(_ out: String, _ extra: [String] = []) throws -> CommandResult {
        try evaluate(["--cohort", "2014", "--out", out, "--quiet"] + extra)
    }

    @Test func writesEveryOutputDeterministicallyWithoutPersonIdsOrSmallCells() throws {
        let dir = try temporaryFolder([:])
        defer { try? FileManager.default.removeItem(at: dir) }
        let a = dir.appendingPathComponent("a").path, b = dir.appendingPathComponent("b").path
        let first = try run(a, ["--csv", "rfc4180"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("Cohort 2014: 868 participants"))
        #expect(try run(b, ["--csv", "rfc4180"]).status == 0)
        for name in CohortRunTests.outputs {
            let x = try Data(contentsOf: URL(fileURLWithPath: a + "/" + name))
            let y = try Data(contentsOf: URL(fileURLWithPath: b + "/" + name))
            if name == "run.json" {
                // Everything but the timings is identical.
                let strip = { (d: Data) in String(decoding: d, as: UTF8.self).split(separator: "\n").filter { !$0.contains("timings") } }
                #expect(strip(x) == strip(y))
            } else {
                #expect(x == y, "\(name) differs between two runs")
            }
            // No person id (the generator's ids are P followed by seven digits) in any output.
            #expect(String(decoding: x, as: UTF8.self).range(of: #"P\d{7}"#, options: .regularExpression) == nil, "\(name) holds a person id")
        }
        // Every published count of persons is at least 5 (or suppressed).
        for name in ["transitions.csv", "indicators.csv", "agreement.csv"] {
            let t = try DataTable.read(path: a + "/" + name)
            guard case .numeric(let persons, _)? = t["persons"] else { Issue.record("\(name) has no persons column"); continue }
            #expect(persons.allSatisfy { $0.isNaN || $0 == 0 || $0 >= 5 }, "\(name) shows a count below 5")
        }
        // Nothing hidden in transitions.csv or indicators.csv can be recovered, or narrowed below 5, from a total.
        let problems = try DisclosureRunTests.checkEmbeddedFiles(a, minimum: 5)
        #expect(problems.isEmpty, "\(problems.prefix(20))")
    }

    /// Issue 4's validation: the matched ATT at +12 months agrees with the generator's truth — within 3.5 standard
    /// errors, so that the test fails for a bias but (practically) never by chance; `scripts/coverage` measures the
    /// coverage of the 95 % intervals over many seeds — and the naive before/after difference overstates the effect.
    @Test func theMatchedEstimateCoversTheTruthAndTheNaiveOneIsBiased() throws {
        let dir = try temporaryFolder([:])
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("r").path
        #expect(try run(out, ["--csv", "rfc4180"]).status == 0)
        let truth = try JSONSerialization.jsonObject(with: Data(contentsOf: repositoryRoot.appendingPathComponent("Datasets/synthetic/truth.json"))) as! [String: Any]
        let cohort = (truth["cohorts"] as! [String: Any])["2014"] as! [String: Any]
        let att = cohort["att"] as! [String: [Double?]]
        let effects = try DataTable.read(path: out + "/effects.csv", textColumns: ["outcome"])
        guard case .text(let outcome)? = effects["outcome"], case .numeric(let k, _)? = effects["relative_month"],
              case .numeric(let estimate, _)? = effects["att"], case .numeric(let se, _)? = effects["std_error"],
              case .numeric(let mean, _)? = effects["mean_treated"] else { Issue.record("effects.csv columns"); return }
        for name in ["public_support", "work"] {
            let row = (0..<effects.rowCount).first { outcome[$0] == name && k[$0] == 12 }!
            let trueValue = att[name]![24 + 12]!
            #expect(abs(estimate[row] - trueValue) <= 3.5 * se[row], "\(name): estimate \(estimate[row]) (SE \(se[row])) against truth \(trueValue)")
        }
        let before = (0..<effects.rowCount).first { outcome[$0] == "public_support" && k[$0] == -1 }!
        let after = (0..<effects.rowCount).first { outcome[$0] == "public_support" && k[$0] == 12 }!
        let naive = mean[after] - mean[before]
        #expect(naive < att["public_support"]![24 + 12]! - 0.05, "naive \(naive) is not biased away from the truth")
    }

    /// Issue 4's matching options in the cohort run: with replacement, two comparisons each, exact on sex, a random
    /// order and common support, the run is deterministic, uses at most two comparisons per participant, and its ATT
    /// still agrees with the truth; an unknown --exact covariate is a clear error before any work.
    @Test func theMatchingOptionsWorkInTheCohortRun() throws {
        let dir = try temporaryFolder([:])
        defer { try? FileManager.default.removeItem(at: dir) }
        let options = ["--csv", "rfc4180", "--replace", "--ratio", "2", "--exact", "female", "--order", "random",
                       "--seed", "3", "--discard", "both"]
        let a = dir.appendingPathComponent("a").path, b = dir.appendingPathComponent("b").path
        let first = try run(a, options)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(try run(b, options).status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: a + "/effects.csv")) == Data(contentsOf: URL(fileURLWithPath: b + "/effects.csv")))
        let summary = try DataTable.read(path: a + "/summary.csv", textColumns: ["measure"])
        guard case .text(let measure)? = summary["measure"], case .numeric(let value, _)? = summary["value"] else { return }
        func figure(_ name: String) -> Double { value[measure.firstIndex(of: name)!] }
        #expect(figure("matched_comparisons") <= 2 * figure("matched_participants"))
        #expect(figure("matched_comparisons") > figure("matched_participants"))
        let truth = try JSONSerialization.jsonObject(with: Data(contentsOf: repositoryRoot.appendingPathComponent("Datasets/synthetic/truth.json"))) as! [String: Any]
        let att = ((truth["cohorts"] as! [String: Any])["2014"] as! [String: Any])["att"] as! [String: [Double?]]
        let low = figure("att_public_support_12_conf_low"), high = figure("att_public_support_12_conf_high")
        let se = (high - low) / (2 * 1.96)
        #expect(abs(figure("att_public_support_12") - att["public_support"]![36]!) <= 3.5 * se)
        let bad = try run(dir.appendingPathComponent("c").path, ["--exact", "sex"])
        #expect(bad.status == 65)
        #expect(bad.stderr.contains("'sex' is not a risk-set covariate") && bad.stderr.contains("female"))
    }

    /// A minimum cell above the cohort's size suppresses every effect, difference in differences and headline
    /// figure (they rest on fewer persons than allowed), marked in the CSV files and null in results.json.
    @Test func aLargeMinimumCellSuppressesEffectsAndDifferences() throws {
        let dir = try temporaryFolder([:])
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("s").path
        #expect(try run(out, ["--csv", "rfc4180", "--min-cell", "1000"]).status == 0)
        for name in ["did.csv", "effects.csv", "summary.csv"] {
            let t = try DataTable.read(path: out + "/" + name, textColumns: ["outcome", "pre_months", "post_months", "measure"])
            guard case .numeric(let suppressed, _)? = t["suppressed"] else { Issue.record("\(name): no suppressed column"); continue }
            #expect(t.rowCount > 0 && suppressed.allSatisfy { $0 == 1 }, "\(name)")
            let estimate = t[["did.csv": "estimate", "effects.csv": "att", "summary.csv": "value"][name]!]
            if case .numeric(let values, _)? = estimate { #expect(values.allSatisfy { $0.isNaN }, "\(name)") }
        }
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/results.json"))) as? [String: Any]
        let did = try #require(json?["did"] as? [[String: Any]])
        #expect(!did.isEmpty && did.allSatisfy { $0["estimate"] is NSNull && ($0["suppressed"] as? Bool) == true })
    }

    /// `--microdata` alone writes person-level data: the matched sample with the dataset's person ids.
    @Test func microdataIsWrittenOnlyOnRequest() throws {
        let dir = try temporaryFolder([:])
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("m").path
        let result = try run(out, ["--csv", "rfc4180", "--microdata"])
        #expect(result.status == 0, "\(result.stderr)")
        // The warning goes to stderr with the other NOTE lines; stdout carries only the summary.
        #expect(result.stderr.contains("NOTE: microdata_matched.csv holds person ids"))
        #expect(!result.stdout.contains("NOTE"))
        let table = try DataTable.read(path: out + "/microdata_matched.csv", textColumns: ["person_id", "start_month"])
        guard case .text(let ids)? = table["person_id"], case .numeric(let treated, _)? = table["treated"],
              case .numeric(let weight, _)? = table["weight"] else { Issue.record("microdata columns"); return }
        #expect(ids.allSatisfy { ($0 ?? "").range(of: #"^P\d{7}$"#, options: .regularExpression) != nil })
        #expect(treated.filter { $0 == 1 }.count == 868)
        #expect(zip(treated, weight).filter { $0.0 == 0 }.allSatisfy { $0.1 > 0 })
        // Without --microdata the folder holds exactly the documented files (StoredSummaryTests).
    }

    /// Issue 5: the counterfactual payback's bootstrap interval contains the true payback of truth.json, and the
    /// naive payback is shorter, as the planted selection implies.
    @Test func thePaybackIntervalCoversTheTruthAndTheNaiveOneIsShorter() throws {
        let dir = try temporaryFolder([:])
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("p").path
        #expect(try run(out, ["--csv", "rfc4180", "--bootstrap", "200", "--seed", "3"]).status == 0)
        let text: Set<String> = ["source", "perspective", "payback_month", "payback_month_low", "payback_month_high"]
        let t = try DataTable.read(path: out + "/payback.csv", textColumns: text)
        guard case .text(let source)? = t["source"], case .text(let perspective)? = t["perspective"],
              case .text(let month)? = t["payback_month"], case .text(let low)? = t["payback_month_low"],
              case .text(let high)? = t["payback_month_high"] else { Issue.record("payback.csv columns"); return }
        func row(_ s: String) -> Int { (0..<t.rowCount).first { source[$0] == s && perspective[$0] == "society" }! }
        /// "not within horizon" counts as month 61; interval ends may be interpolated quantiles.
        func value(_ cell: String?) -> Double { Double(cell ?? "") ?? 61 }
        let truth = try JSONSerialization.jsonObject(with: Data(contentsOf: repositoryRoot.appendingPathComponent("Datasets/synthetic/truth.json"))) as! [String: Any]
        let cohort = (truth["cohorts"] as! [String: Any])["2014"] as! [String: Any]
        let trueMonth = Double(((cohort["payback_month"] as! [String: Any])["society"] as? Int) ?? 61)
        let c = row("counterfactual")
        #expect(value(low[c]) <= trueMonth && trueMonth <= value(high[c]), "true payback \(trueMonth) outside [\(low[c] ?? ""), \(high[c] ?? "")]")
        #expect(value(month[row("naive")]) < value(month[c]))
    }

    @Test func theNaiveConstantGainModelGivesThePublishedFigures() throws {
        let dir = try temporaryFolder([:])
        defer { try? FileManager.default.removeItem(at: dir) }
        let result = try evaluate(["payback", "--source", "naive", "--cost-per-participant", "82000", "--annual-gain", "82000",
                                   "--discount", "0", "--out", dir.path, "--csv", "rfc4180"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("society: payback 12 months, gain over 60 months 410000 kr"))
    }

    @Test func anEmptyCohortIsAClearError() throws {
        let result = try evaluate(["--cohort", "1990", "--out", "/tmp/finsam-never-written", "--quiet"])
        #expect(result.status == 65)
        #expect(result.stderr.contains("cohort 1990 is empty"))
        #expect(!FileManager.default.fileExists(atPath: "/tmp/finsam-never-written"))
    }
}
