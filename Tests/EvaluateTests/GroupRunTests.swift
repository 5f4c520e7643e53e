import Foundation
import Stats
import Testing

/// `evaluate --cohort` for whom and where: `--by`, `--federation`, `--insats`, `--pool`, `--shrinkage` — their files,
/// disclosure and bad values.
@Suite(.serialized) struct GroupRunTests {
    func run(_ out: String, _ extra: [String]) throws -> CommandResult {
        try evaluate(["--cohort", "2014", "--out", out, "--quiet", "--csv", "rfc4180"] + extra)
    }

    /// `--by sex,age_group` writes the three group files, deterministically; every published group rests on at least
    /// five participants and five comparisons, and no line of groups has exactly one suppressed group (it could be
    /// recovered from the others and a total).
    @Test func groupFilesAreWrittenDeterministicallyUnderDisclosureControl() throws {
        let dir = try temporaryFolder([:])
        defer { try? FileManager.default.removeItem(at: dir) }
        let a = dir.appendingPathComponent("a").path, b = dir.appendingPathComponent("b").path
        let first = try run(a, ["--by", "sex,age_group,insats"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(try run(b, ["--by", "sex,age_group,insats"]).status == 0)
        for name in ["effects_by_group.csv", "heterogeneity.csv", "payback_by_group.csv", "federations.csv", "insatser.csv",
                     "random_effects.csv", "results.json", "report.html"] {
            #expect(try Data(contentsOf: URL(fileURLWithPath: "\(a)/\(name)")) == Data(contentsOf: URL(fileURLWithPath: "\(b)/\(name)")),
                    "\(name) differs between two runs")
        }
        let effects = try DataTable.read(path: a + "/effects_by_group.csv")
        guard case .text(let grouping)? = effects["grouping"], case .text(let outcome)? = effects["outcome"],
              case .numeric(let month, _)? = effects["relative_month"], case .numeric(let treated, _)? = effects["treated_persons"],
              case .numeric(let control, _)? = effects["control_persons"], case .numeric(let suppressed, _)? = effects["suppressed"],
              case .numeric(let att, _)? = effects["att"]
        else { Issue.record("effects_by_group.csv lacks a column"); return }
        #expect(Set(grouping.compactMap { $0 }) == ["sex", "age_group", "insats"])
        var suppressedPerLine: [String: Int] = [:]
        for i in 0..<effects.rowCount {
            if suppressed[i] == 1 {
                #expect(att[i].isNaN && treated[i].isNaN)
            } else {
                #expect(treated[i] >= 5 && control[i] >= 5, "row \(i + 2): \(treated[i]) participants, \(control[i]) comparisons")
            }
            suppressedPerLine["\(grouping[i] ?? "")|\(outcome[i] ?? "")|\(month[i])", default: 0] += Int(suppressed[i])
        }
        #expect(!suppressedPerLine.values.contains(1))
        #expect(suppressedPerLine.values.contains { $0 >= 2 }, "the insatser should include small ones")
        let tests = try DataTable.read(path: a + "/heterogeneity.csv")
        guard case .numeric(let df, _)? = tests["df"], case .numeric(let p, _)? = tests["p_value"], case .text(let g)? = tests["grouping"]
        else { Issue.record("heterogeneity.csv lacks a column"); return }
        #expect(tests.rowCount == 3 * 10 * 3)   // groupings × outcomes × months (+6, +12, +24)
        for i in 0..<tests.rowCount {
            #expect((0...1).contains(p[i]))
            if g[i] == "sex" { #expect(df[i] == 1) }
            if g[i] == "age_group" { #expect(df[i] == 2) }
        }
    }

    /// One förbund: its participants only, the förbund named by name in the summary and report; an unknown id
    /// exits 65 naming the nearest ids; too few participants exit 65 with the count; a bad `--by` or `--pool` exits 64.
    @Test func oneFederationAndItsErrors() throws {
        let dir = try temporaryFolder([:])
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("f").path
        let ok = try run(out, ["--federation", "F019", "--pool", "same-lan"])
        #expect(ok.status == 0, "\(ok.stderr)")
        let json = try String(contentsOfFile: out + "/results.json", encoding: .utf8)
        #expect(json.contains(#""scope": "Samordningsförbundet i Kalmar län (F019)""#))
        let unknown = try run(dir.appendingPathComponent("u").path, ["--federation", "F19"])
        #expect(unknown.status == 65)
        #expect(unknown.stderr.contains("--federation: the dataset has no förbund 'F19'; the nearest ids are F019"), "\(unknown.stderr)")
        let few = try run(dir.appendingPathComponent("s").path, ["--federation", "F019", "--min-cell", "1000"])
        #expect(few.status == 65)
        #expect(few.stderr.range(of: #"Samordningsförbundet i Kalmar län \(F019\) had \d+ participants in cohort 2014; at least 1000 are needed"#,
                                 options: .regularExpression) != nil, "\(few.stderr)")
        // A förbund of 13 participants, whose propensity model separates: the run completes, saying which covariates
        // it left out, and its intervals are wide.
        let small = try run(dir.appendingPathComponent("small").path, ["--federation", "F001"])
        #expect(small.status == 0, "\(small.stderr)")
        #expect(small.stderr.contains("separates participants from comparisons") && small.stdout.contains("13 participants"))
        let badBy = try run(dir.appendingPathComponent("b").path, ["--by", "sex,colour"])
        #expect(badBy.status == 64)
        #expect(badBy.stderr.contains("--by: 'colour' is not a grouping; choose among sex, age_group"))
        #expect(try run(dir.appendingPathComponent("p").path, ["--pool", "county"]).status == 64)
        for name in ["u", "s", "b", "p"] {
            #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent(name).path))
        }
    }
}
