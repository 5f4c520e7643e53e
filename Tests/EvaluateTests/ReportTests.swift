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
            let figures = html.components(separatedBy: "<figure").count - 1
            // Transitions, the love plot, three event studies, the förbund and the insatser compared, the propensity
            // score's overlap before and after matching and seven payback curves.
            #expect(svgs == 16 && figures == 16, "\(svgs) charts in \(figures) figures")
            #expect(html.components(separatedBy: "</figure>\n<details>").count - 1 == figures, "a chart without its table")
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

/// The report's section "För vem och var?": effects by group in forest plots with the tests in words (`--by`), the
/// förbund and insatser compared in caterpillar plots (every run), and the förbund of a restricted run by name.
@Suite(.serialized) struct GroupReportTests {
    /// Runs with `--by sex,age_group` in Swedish and English and one restricted to a förbund, shared by the tests.
    struct Runs {
        let folder: URL
        let results: [String: CommandResult]
        func path(_ run: String) -> String { folder.appendingPathComponent(run).path }

        init() throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("finsam-group-report-tests")
            try? FileManager.default.removeItem(at: folder)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let base = ["--cohort", "2014", "--csv", "rfc4180", "--quiet"]
            var results: [String: CommandResult] = [:]
            for (run, extra) in [("by", ["--by", "sex,age_group"]), ("by-en", ["--by", "sex,age_group", "--lang", "en"]),
                                 ("federation", ["--federation", "F019"]), ("small", ["--federation", "F003"])] {
                results[run] = try evaluate(base + ["--out", folder.appendingPathComponent(run).path] + extra)
            }
            self.results = results
        }

        /// The run's report.
        func report(_ run: String) throws -> String {
            #expect(results[run]?.status == 0, "\(results[run]?.stderr ?? "")")
            return try String(contentsOfFile: path(run) + "/report.html", encoding: .utf8)
        }
    }

    static let runs = Result { try Runs() }

    /// The section "groups" of a report, from its opening tag to its end; nil without one.
    static func section(_ html: String) -> String? {
        guard let start = html.range(of: "<section id=\"groups\">") else { return nil }
        return String(html[start.lowerBound..<(html.range(of: "</section>", range: start.upperBound..<html.endIndex)?.upperBound ?? html.endIndex)])
    }

    /// The section's words without its markup, numbers and the names of förbund and insatser (which are Swedish in
    /// either language).
    static func words(_ section: String) -> String {
        section.replacingOccurrences(of: "<[^>]*>", with: " ", options: .regularExpression)
    }

    @Test func withByTheSectionHasAForestPlotPerOutcomeAndTheTestsInWords() throws {
        let runs = try GroupReportTests.runs.get()
        let html = try runs.report("by")
        let section = try #require(GroupReportTests.section(html), "no section id=groups")
        // After the effects, before the payback.
        let order = ["id=\"effects\"", "id=\"groups\"", "id=\"payback\""].map { html.range(of: $0)?.lowerBound }
        #expect(order.allSatisfy { $0 != nil } && order.map { $0! } == order.map { $0! }.sorted())
        #expect(section.contains("<h2>För vem och var?</h2>"))
        for outcome in ["offentlig försörjning", "arbete"] {
            #expect(section.contains("aria-label=\"Effekt per grupp +12 månader efter start: \(outcome)\""), "no forest plot of \(outcome)")
        }
        for label in ["Hela kohorten", "Kön", "Kvinnor", "Män", "Åldersgrupp", "16–29 år", "30–49 år", "50–64 år"] {
            #expect(section.contains(">\(label)</text>"), "no row \(label)")
        }
        // Two forest plots and the caterpillars of förbund and insatser, each with its table and how to read it.
        let svgs = section.components(separatedBy: "<svg ").count - 1
        #expect(svgs == 4 && section.components(separatedBy: "<figure").count - 1 == svgs)
        #expect(section.components(separatedBy: "Så läser du diagrammet:").count - 1 == svgs)
        // A sentence per grouping and outcome at +12, saying "differs" exactly when heterogeneity.csv has p < 0.05.
        let tests = try DataTable.read(path: runs.path("by") + "/heterogeneity.csv", textColumns: ["grouping", "outcome"])
        guard case .text(let grouping)? = tests["grouping"], case .text(let outcome)? = tests["outcome"],
              case .numeric(let month, _)? = tests["relative_month"], case .numeric(let p, _)? = tests["p_value"]
        else { Issue.record("heterogeneity.csv lacks a column"); return }
        for (g, between, df) in [("sex", "mellan kvinnor och män", 1), ("age_group", "mellan åldersgrupperna", 2)] {
            for (o, name) in [("public_support", "offentlig försörjning"), ("work", "arbete")] {
                let i = try #require((0..<tests.rowCount).first { grouping[$0] == g && outcome[$0] == o && month[$0] == 12 })
                let verdict = p[i] < 0.05 ? "skiljer sig \(between)" : ": inga säkerställda skillnader \(between)"
                let pattern = "Effekten på \(name) vid \\+12 månader ?\(verdict) \\(χ²\u{A0}=\u{A0}\\d+,\\d, df\u{A0}=\u{A0}\(df), p\u{A0}(=\u{A0}0,\\d+|&lt;\u{A0}0,001)\\)\\."
                #expect(section.range(of: pattern, options: .regularExpression) != nil, "no sentence \(pattern)")
            }
        }
        #expect(section.contains("Tabell: alla test"))
    }

    @Test func theSwedishSectionIsSwedishAndTheEnglishOneEnglish() throws {
        let runs = try GroupReportTests.runs.get()
        let sv = GroupReportTests.words(try #require(GroupReportTests.section(try runs.report("by"))))
        let en = GroupReportTests.words(try #require(GroupReportTests.section(try runs.report("by-en"))))
        for english in ["Effect by group", "How to read", "Whole cohort", "Women", "differ", "between", "Shrunken", "estimate",
                        "Participants", "Grouping", "Table", "For whom"] {
            #expect(!sv.contains(english), "the Swedish section says \(english)")
        }
        for swedish in ["Så läser", "Hela kohorten", "Kvinnor", "mellan", "Krympt", "Deltagare", "Tabell", "För vem", "månader", "procentenheter"] {
            #expect(!en.contains(swedish), "the English section says \(swedish)")
        }
        #expect(en.contains("For whom and where?") && en.contains("How to read the chart:") && en.contains("Effect by group"))
        #expect(en.range(of: #"The effect on public support at \+12 months( differs between the age groups|: no established differences between the age groups) \(χ²\x{A0}=\x{A0}\d+\.\d, df\x{A0}=\x{A0}2, p"#,
                         options: .regularExpression) != nil)
    }

    /// Without `--by` the section still compares the förbund and insatser (every national run does), but has no
    /// effects by group.
    @Test func withoutByTheSectionComparesTheFörbundOnly() throws {
        let html = try ReportTests.runs.get().text(try ReportTests.runs.get().a, "report.html")
        let section = try #require(GroupReportTests.section(html), "the national run compares förbund: the section should be there")
        #expect(!section.contains("Effekt per grupp") && !section.contains("Skiljer sig effekten"))
        #expect(section.contains("<h3>Förbunden jämförda</h3>") && section.contains("<h3>Insatserna jämförda</h3>"))
        #expect(section.contains("aria-label=\"Förbund: effekt på offentlig försörjning +12 månader efter start, egen och krympt skattning\""))
        #expect(section.range(of: #"Offentlig försörjning: förbundens sanna effekter har medelvärdet μ = [−+]?\d+,\d procentenheter och variansen τ² = \d+,\d kvadrerade procentenheter \(95 % KI \d+,\d till \d+,\d; standardavvikelse τ = \d+,\d procentenheter\), I² = \d+\x{A0}%\. Efter Holms korrektion skiljer sig \d+ av \d+ förbund från hela kohortens effekt i samma matchning \([−+]?\d+,\d procentenheter\), efter Benjamini–Hochbergs \d+ av \d+\."#,
                                options: .regularExpression) != nil, "no sentence on the förbund's model")
        #expect(section.contains("Ingen rangordning utöver vad intervallen stöder"))
        #expect(!section.contains("Körningen gäller bara"), "a national run is not restricted")
        #expect(section.components(separatedBy: "<svg ").count - 1 == 2)
    }

    /// `--federation`: the förbund by name and id, with its participants; a warning that the intervals are wide when
    /// they are fewer than 50 (F019 has 58 in cohort 2014, F003 16).
    @Test func aRestrictedRunNamesItsFörbundAndItsParticipants() throws {
        let runs = try GroupReportTests.runs.get()
        for (run, name, small) in [("federation", "Samordningsförbundet i Kalmar län (F019)", false),
                                   ("small", "Samordningsförbund i Sydöstra Skåne (Ystad-Österlen) (F003)", true)] {
            let section = try #require(GroupReportTests.section(try runs.report(run)))
            let summary = try DataTable.read(path: runs.path(run) + "/summary.csv", textColumns: ["measure"])
            guard case .text(let measure)? = summary["measure"], case .numeric(let value, _)? = summary["value"]
            else { Issue.record("summary.csv lacks a column"); return }
            let participants = Int(value[try #require((0..<summary.rowCount).first { measure[$0] == "participants" })])
            #expect((participants < 50) == small)
            #expect(section.contains("Körningen gäller bara deltagarna i \(name): \(participants) deltagare"),
                    "\(GroupReportTests.words(section).prefix(800))")
            #expect(section.contains("<p class=\"warning\">Gruppen är liten (under 50 deltagare), så konfidensintervallen är breda") == small)
            // One förbund is compared with none.
            #expect(!section.contains("Förbunden jämförda"))
        }
    }
}

/// The section "Hur säker är skattningen?": the E-values of the headline outcomes at +12 in words, equal to
/// `sensitivity.csv`, and the pre-trend test in words, saying "skilde sig" exactly when `pretrend.csv` has p < 0.05.
@Suite struct SensitivityReportTests {
    @Test func theSectionSaysTheFilesFiguresInWords() throws {
        let runs = try GroupReportTests.runs.get()
        let html = try runs.report("by")
        let start = try #require(html.range(of: "<section id=\"sensitivity\">"))
        let section = String(html[start.lowerBound..<html.range(of: "</section>", range: start.upperBound..<html.endIndex)!.upperBound])
        #expect(section.contains("Hur säker är skattningen?"))
        let sensitivity = try DataTable.read(path: runs.path("by") + "/sensitivity.csv", textColumns: ["outcome", "scale"])
        guard case .text(let outcomes)? = sensitivity["outcome"], case .numeric(let months, _)? = sensitivity["relative_month"],
              case .numeric(let points, _)? = sensitivity["evalue_point"] else {
            Issue.record("sensitivity.csv lacks its columns")
            return
        }
        for outcome in ["public_support", "work"] {
            let row = try #require(outcomes.indices.first { outcomes[$0] == outcome && months[$0] == 12 })
            let figure = String(format: "%.1f", points[row]).replacingOccurrences(of: ".", with: ",")
            #expect(section.contains("\(figure) gånger så sannolikt"), "\(outcome): \(figure)")
        }
        let pretrend = try DataTable.read(path: runs.path("by") + "/pretrend.csv", textColumns: ["outcome", "months"])
        guard case .text(let tested)? = pretrend["outcome"], case .numeric(let p, _)? = pretrend["p_value"] else {
            Issue.record("pretrend.csv lacks its columns")
            return
        }
        let sentences = section.components(separatedBy: "<li>").dropFirst()
        for (name, outcome) in [("Offentlig försörjning:", "public_support"), ("Arbete:", "work")] {
            let row = try #require(tested.firstIndex { $0 == outcome })
            let sentence = try #require(sentences.first { $0.hasPrefix(name) })
            #expect(sentence.contains("skilde sig") == (p[row] < 0.05), "\(sentence)")
        }
        // The placebo in a sentence per headline outcome, with pretrend.csv's figure; the three estimators side by side
        // with estimators.csv's.
        func pp(_ x: Double) -> String {
            String(format: "%+.1f", 100 * x).replacingOccurrences(of: ".", with: ",").replacingOccurrences(of: "-", with: "−")
        }
        guard case .numeric(let placebo, _)? = pretrend["placebo_att"] else { Issue.record("no placebo_att"); return }
        for (name, outcome) in [("Offentlig försörjning, placebo", "public_support"), ("Arbete, placebo", "work")] {
            let row = try #require(tested.firstIndex { $0 == outcome })
            let sentence = try #require(sentences.first { $0.hasPrefix(name) })
            #expect(sentence.contains(pp(placebo[row]) + "\u{A0}procentenheter") || sentence.contains(pp(placebo[row]) + " procentenheter"),
                    "\(sentence) lacks \(pp(placebo[row]))")
        }
        #expect(section.contains("Ger andra skattningsmetoder samma svar?") && section.contains("AIPW"))
        let estimators = try DataTable.read(path: runs.path("by") + "/estimators.csv", textColumns: ["outcome", "estimator"])
        guard case .text(let names)? = estimators["outcome"], case .text(let kinds)? = estimators["estimator"],
              case .numeric(let k, _)? = estimators["relative_month"], case .numeric(let att, _)? = estimators["att"]
        else { Issue.record("estimators.csv lacks its columns"); return }
        for kind in ["matching", "ipw", "aipw"] {
            let row = try #require(names.indices.first { names[$0] == "work" && kinds[$0] == kind && k[$0] == 12 })
            #expect(section.contains(">\(pp(att[row]))<"), "\(kind): \(pp(att[row]))")
        }
    }
}
