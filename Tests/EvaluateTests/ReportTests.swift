import Foundation
import Testing
import Stats

/// Issue 6: the cohort run also writes `results.json` and a self-contained `report.html` (Swedish by default,
/// English with `--lang en`), both deterministic and free of person ids; progress goes to stderr.
@Suite(.serialized) struct ReportTests {
    /// Two Swedish runs (the second quiet) and one English run of the embedded dataset, shared by the tests.
    struct Runs {
        let folder: URL
        let first: CommandResult, second: CommandResult, english: CommandResult
        var a: String { folder.appendingPathComponent("a").path }
        var b: String { folder.appendingPathComponent("b").path }
        var en: String { folder.appendingPathComponent("en").path }

        /// The runs live in one fixed temporary folder, replaced on every test run (so at most one is left over).
        init() throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("finsam-report-tests")
            try? FileManager.default.removeItem(at: folder)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let base = ["--cohort", "2014", "--csv", "rfc4180"]
            first = try evaluate(base + ["--out", folder.appendingPathComponent("a").path])
            second = try evaluate(base + ["--out", folder.appendingPathComponent("b").path, "--quiet"])
            english = try evaluate(base + ["--out", folder.appendingPathComponent("en").path, "--quiet", "--lang", "en"])
        }

        func text(_ run: String, _ name: String) throws -> String { try String(contentsOfFile: run + "/" + name, encoding: .utf8) }
    }

    static let runs = Result { try Runs() }

    func runs() throws -> Runs {
        let r = try ReportTests.runs.get()
        #expect(r.first.status == 0, "\(r.first.stderr)")
        #expect(r.second.status == 0 && r.english.status == 0, "\(r.second.stderr)\(r.english.stderr)")
        return r
    }

    @Test func resultsJSONParsesAndItsHeadlineEqualsSummaryCSV() throws {
        let r = try runs()
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: r.a + "/results.json"))) as? [String: Any])
        for key in ["tool", "version", "cohort", "data", "options", "inputs_sha256", "min_cell", "notes", "headline", "indicators",
                    "transitions", "transitions_from_public_support", "balance", "effects", "did", "payback"] {
            #expect(json[key] != nil, "results.json has no \(key)")
        }
        #expect(json["timings_seconds"] == nil)
        let headline = try #require(json["headline"] as? [String: Any])
        let summary = try DataTable.read(path: r.a + "/summary.csv", textColumns: ["measure"])
        guard case .text(let measure)? = summary["measure"], case .numeric(let value, _)? = summary["value"] else {
            Issue.record("summary.csv columns"); return
        }
        #expect(headline.count == summary.rowCount)
        for i in 0..<summary.rowCount {
            let name = try #require(measure[i])
            let number = try #require(headline[name] as? Double, "results.json's headline has no number \(name)")
            #expect(abs(number - value[i]) <= 1e-15 * max(1, abs(value[i])), "\(name): \(number) against \(value[i])")
        }
        #expect(headline["participants"] as? Double == 868)
        // Effects by month for every outcome, −24…+36; payback per source and perspective with its curve.
        let effects = try #require(json["effects"] as? [String: [[String: Any]]])
        #expect(effects["public_support"]?.count == 61 && effects["work"]?.first?["relative_month"] as? Double == -24)
        let payback = try #require(json["payback"] as? [String: Any])
        #expect((payback["results"] as? [Any])?.count == 14)
        #expect(((payback["curves"] as? [[String: Any]])?.first?["cumulative_discounted_gain"] as? [Double])?.count == 60)
    }

    @Test func theReportIsSelfContainedWithAChartAndATablePerFigure() throws {
        let r = try runs()
        for run in [r.a, r.en] {
            let html = try r.text(run, "report.html")
            #expect(html.hasPrefix("<!DOCTYPE html>"))
            #expect(html.range(of: #"(src|href)\s*=\s*["']?\s*(https?:)?//"#, options: [.regularExpression, .caseInsensitive]) == nil,
                    "report.html refers to the network")
            #expect(!html.contains("http://") && !html.contains("https://"))
            #expect(!html.contains("<script") && !html.contains("<link") && !html.contains("<img") && !html.contains("@import"))
            let svgs = html.components(separatedBy: "<svg ").count - 1
            let figures = html.components(separatedBy: "<figure>").count - 1
            // Transitions, the love plot, three event studies and seven payback curves.
            #expect(svgs == 12 && figures == 12, "\(svgs) charts in \(figures) figures")
            #expect(html.components(separatedBy: "<details>").count - 1 == figures, "a chart without its table")
            #expect(html.components(separatedBy: "role=\"img\"").count - 1 == svgs)
        }
    }

    @Test func theReportIsSwedishByDefaultAndEnglishWithLangEn() throws {
        let r = try runs()
        let sv = try r.text(r.a, "report.html"), en = try r.text(r.en, "report.html")
        #expect(sv.contains("<html lang=\"sv\">") && sv.contains("Återbetalningstid") && sv.contains("Samhällsekonomisk återbetalning"))
        #expect(sv.contains("91,9\u{A0}%"))   // decimal comma, a no-break space before %
        #expect(en.contains("<html lang=\"en\">") && en.contains("Socioeconomic payback") && en.contains("91.9%"))
        #expect(!en.contains("Återbetalningstid"))
        #expect(try r.text(r.en, "results.json").contains("\"lang\": \"en\""))
    }

    @Test func aBadLanguageIsAClearUsageError() throws {
        let dir = try temporaryFolder([:])
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("x").path
        let result = try evaluate(["--cohort", "2014", "--out", out, "--quiet", "--lang", "de"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--lang") && result.stderr.contains("'de'") && result.stderr.contains("'sv'") && result.stderr.contains("'en'"),
                "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test func twoRunsGiveIdenticalFilesWithoutPersonIds() throws {
        let r = try runs()
        for name in ["results.json", "report.html"] {
            let x = try Data(contentsOf: URL(fileURLWithPath: r.a + "/" + name))
            #expect(x == (try Data(contentsOf: URL(fileURLWithPath: r.b + "/" + name))), "\(name) differs between two runs")
            for run in [r.a, r.en] {
                // The generator's person ids are P followed by seven digits.
                #expect(try r.text(run, name).range(of: #"P\d{7}"#, options: .regularExpression) == nil, "\(name) holds a person id")
            }
        }
    }

    @Test func progressGoesToStderrAndTheSummaryToStdout() throws {
        let r = try runs()
        // Not a terminal: one line per stage, no bar.
        let lines = r.first.stderr.split(separator: "\n")
        #expect(lines.first == "evaluate: reading and validating Datasets/synthetic…")
        let progressLines = lines.filter { !$0.hasPrefix("NOTE: ") }
        #expect(lines.contains("evaluate: risk-set matching…") && progressLines.last?.hasPrefix("evaluate: writing ") == true)
        #expect(!r.first.stderr.contains("\r") && !r.first.stderr.contains("["))
        // --quiet silences progress, never the NOTE lines (the embedded dataset's propensity model has some); they
        // go to stderr, and stdout, which scripts parse, carries only the summary.
        let quietLines = r.second.stderr.split(separator: "\n")
        #expect(!quietLines.isEmpty && quietLines.allSatisfy { $0.hasPrefix("NOTE: ") }, "\(r.second.stderr)")
        #expect(lines.filter { $0.hasPrefix("NOTE: ") } == quietLines)
        #expect(!r.first.stdout.contains("NOTE") && !r.second.stdout.contains("NOTE"))
        for run in [r.first, r.second] {
            #expect(run.stdout.contains("Cohort 2014: 868 participants"))
            #expect(run.stdout.contains("On public support: before 91.9 %"))
            #expect(run.stdout.range(of: #"ATT on public_support at \+12 months: -\d+\.\d pp \(95 % CI -\d+\.\d to -\d+\.\d\)"#, options: .regularExpression) != nil)
            #expect(run.stdout.contains("Payback (society): naive 16 months, counterfactual "))
        }
    }
}
