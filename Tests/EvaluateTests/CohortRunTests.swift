import Foundation
import Testing
import Evaluation
import Stats

/// End-to-end: `evaluate --cohort 2014` on the embedded default dataset.
@Suite(.serialized) struct CohortRunTests {
    static let outputs = ["summary.csv", "transitions.csv", "indicators.csv", "agreement.csv", "balance.csv",
                          "effects.csv", "did.csv", "pretrend.csv", "sensitivity.csv", "estimators.csv", "overlap.csv", "payback.csv", "payback_monthly.csv",
                          "payback_actors.csv", "payback_sensitivity.csv", "run.json"]

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

    /// The command is a shell over the library: the folder it writes holds exactly the files of the library's run
    /// with the same options, byte for byte (run.json but for its timings).
    @Test func theCommandWritesTheLibrarysFilesByteForByte() throws {
        let dir = try temporaryFolder([:])
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("r").path
        let data = repositoryRoot.appendingPathComponent("Datasets/synthetic").path
        #expect(try run(out, ["--data", data, "--lang", "en", "--caliper", "0.2"]).status == 0)
        var options = EvaluationOptions()
        options.data = data
        options.language = .en
        options.caliper = 0.2
        let library = try CohortEvaluation(options: options).run()
        let written = Set(try FileManager.default.contentsOfDirectory(atPath: out)).subtracting([".finsameval-output"])
        #expect(written == Set(library.files.map(\.name)))
        for file in library.files where file.name != "run.json" {
            let disk = try Data(contentsOf: URL(fileURLWithPath: out + "/" + file.name))
            #expect(disk == Data(file.contents.utf8), "\(file.name) differs")
        }
    }

    /// An unknown `--exact` covariate is a data error (exit 65) before the matching, naming the known ones. (The
    /// matching options' effect on the estimates is tested on the library's values: CohortEvaluationTests.)
    @Test func anUnknownExactCovariateIsAClearError() throws {
        let dir = try temporaryFolder([:])
        defer { try? FileManager.default.removeItem(at: dir) }
        let bad = try run(dir.appendingPathComponent("c").path, ["--exact", "sex"])
        #expect(bad.status == 65)
        #expect(bad.stderr.contains("'sex' is not a risk-set covariate") && bad.stderr.contains("female"))
    }

    /// A minimum cell above the cohort's size suppresses every effect, difference in differences, headline figure and
    /// the payback (they rest on fewer persons than allowed), marked in the CSV files and null in results.json.
    @Test func aLargeMinimumCellSuppressesEffectsAndDifferences() throws {
        let dir = try temporaryFolder([:])
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("s").path
        let result = try run(out, ["--csv", "rfc4180", "--min-cell", "1000"])
        #expect(result.status == 0)
        // The payback rests on the same persons: both sources are withheld, and the run says so.
        #expect(result.stderr.contains("payback withheld for counterfactual and naive"), "\(result.stderr)")
        #expect(try DataTable.read(path: out + "/payback.csv", textColumns: ["source", "perspective"]).rowCount == 0)
        #expect(result.stdout.contains("Payback (society): naive .. (suppressed), counterfactual .. (suppressed)"))
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
