import Foundation
import Testing
import Stats

/// The end-to-end check of issue 6: the cohort run on the embedded dataset leaves the documented folder, and its
/// headline figures equal the stored ones (Fixtures/README.md says how they were made and when to update them).
@Suite struct StoredSummaryTests {
    static let documentedFiles = [".finsameval-output", "agreement.csv", "balance.csv", "did.csv", "effects.csv",
                                  "estimators.csv", "federations.csv", "indicators.csv", "insatser.csv", "overlap.csv", "payback.csv",
                                  "payback_actors.csv", "payback_monthly.csv", "payback_sensitivity.csv", "pretrend.csv", "random_effects.csv",
                                  "report.html", "results.json", "run.json", "sensitivity.csv", "summary.csv", "transitions.csv"]

    @Test func theFolderHoldsTheDocumentedFilesAndTheStoredFigures() throws {
        let dir = try temporaryFolder([:])
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("cohort-2014").path
        let result = try evaluate(["--cohort", "2014", "--out", out, "--csv", "rfc4180", "--quiet"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: out).sorted() == StoredSummaryTests.documentedFiles)

        let stored = try DataTable.read(path: repositoryRoot.appendingPathComponent("Tests/EvaluateTests/Fixtures/cohort-2014-summary.csv").path,
                                        textColumns: ["measure"])
        let fresh = try DataTable.read(path: out + "/summary.csv", textColumns: ["measure"])
        guard case .text(let storedNames)? = stored["measure"], case .numeric(let storedValues, _)? = stored["value"],
              case .text(let names)? = fresh["measure"], case .numeric(let values, _)? = fresh["value"] else {
            Issue.record("summary.csv lacks its measure/value columns")
            return
        }
        #expect(names == storedNames)
        for (k, name) in storedNames.enumerated() where k < values.count {
            let expected = storedValues[k]
            #expect(abs(values[k] - expected) <= 1e-9 * max(abs(expected), 1e-12), "\(name ?? "?"): \(values[k]) vs stored \(expected)")
        }
    }
}
