import Foundation
import Testing
import Stats
@testable import Matching

/// Reference matchings made by an independent implementation of MatchIt's rules (Fixtures/reference_nearest.py), with
/// ATTs from R (lm + sandwich) and balance from MatchIt 4.5.1's summary(); see Fixtures/README.md.
let matchingFixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

struct MatchingCase: Sendable, CustomTestStringConvertible {
    var name: String
    var testDescription: String { name }
}

func matchingCases() -> [MatchingCase] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: matchingFixtures.path)) ?? []
    return names.sorted().filter {
        FileManager.default.fileExists(atPath: matchingFixtures.appendingPathComponent("\($0)/expected.json").path)
    }.map { MatchingCase(name: $0) }
}

@Suite struct MatchItFixtureTests {
    @Test func fixturesArePresent() {
        #expect(matchingCases().count >= 6)
    }

    @Test(arguments: matchingCases())
    func matchesTheReference(_ c: MatchingCase) throws {
        let folder = matchingFixtures.appendingPathComponent(c.name)
        let expected = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("expected.json"))) as! [String: Any]
        let options = expected["options"] as! [String: Any]
        let table = try DataTable.read(path: folder.appendingPathComponent("data.csv").path)
        guard case .numeric(let t, _)? = table["treat"], case .numeric(let d, _)? = table["distance"] else {
            Issue.record("data.csv needs treat and distance"); return
        }
        let exact = options["exact"] as? [String] ?? []
        var strata: [Int]? = nil
        if !exact.isEmpty {
            var index: [String: Int] = [:]
            strata = (0..<table.rowCount).map { i in
                let key = exact.map { table[$0]!.text(at: i) ?? "" }.joined(separator: "|")
                if let s = index[key] { return s }
                index[key] = index.count
                return index.count - 1
            }
        }
        let order = NearestNeighborMatching.Order(rawValue: options["order"] as? String ?? "largest")!
        let matching = NearestNeighborMatching(ratio: options["ratio"] as? Int ?? 1, replace: options["replace"] as? Bool ?? false,
                                               caliper: options["caliper"] as? Double, order: order)
        let sample = matching.match(distance: d, treated: t.map { $0 == 1 }, strata: strata)
        let weights = expected["weights"] as! [Double]
        for i in weights.indices {
            #expect(abs(sample.weights[i] - weights[i]) < 1e-12, "weight of row \(i + 1): \(sample.weights[i]) vs \(weights[i])")
        }
        for m in expected["matches"] as! [[String: Any]] {
            guard let controls = m["controls"] as? [Int] else { continue }
            let row = (m["row"] as! Int) - 1
            #expect(sample.matches[row].map { $0 + 1 } == controls, "controls of treated row \(row + 1)")
        }
        #expect(sample.matchedTreatedCount == expected["matched_treated"] as! Int)
        #expect(sample.matchedControlCount == expected["matched_controls"] as! Int)

        if let effect = expected["effect"] as? [String: Any], case .numeric(let y, _)? = table["y"] {
            var spec = PropensityScoreMatching(treatment: "treat", covariates: [])
            spec.distanceColumn = "distance"
            spec.matching = matching
            let result = try spec.run(table)
            let att = try PropensityScoreMatching.effect(outcome: y, result: result)
            #expect(abs(att.estimate - (effect["estimate"] as! Double)) < 1e-8 * abs(effect["estimate"] as! Double))
            #expect(abs(att.standardError - (effect["std_error"] as! Double)) < 1e-8 * (effect["std_error"] as! Double))
        }
    }

    /// MatchIt's summary() balance (4.5.1's summary machinery with the reference weights).
    @Test func balanceEqualsMatchItSummary() throws {
        let folder = matchingFixtures.appendingPathComponent("basic")
        guard FileManager.default.fileExists(atPath: folder.appendingPathComponent("balance.json").path) else {
            Issue.record("basic/balance.json is missing"); return
        }
        let reference = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("balance.json"))) as! [String: Any]
        let table = try DataTable.read(path: folder.appendingPathComponent("data.csv").path)
        let expected = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("expected.json"))) as! [String: Any]
        guard case .numeric(let t, _)? = table["treat"], case .numeric(let d, _)? = table["distance"] else { return }
        let treated = t.map { $0 == 1 }
        let sample = NearestNeighborMatching().match(distance: d, treated: treated)
        #expect(sample.weights == (expected["weights"] as! [Double]))
        let names = reference["covariates"] as! [String]
        let covariates: [(name: String, values: [Double])] = names.map { name in
            guard case .numeric(let v, _)? = table[name] else { return (name, []) }
            return (name, v)
        }
        let balance = BalanceTable(covariates: covariates, treated: treated, sample: sample)
        for (key, rows) in [("all", balance.before), ("matched", balance.after)] {
            let ref = reference[key] as! [String: [String: Any]]
            for row in rows {
                let r = ref[row.covariate]!
                func check(_ actual: Double?, _ field: String) {
                    guard let value = r[field] as? Double else {
                        #expect(actual == nil || actual!.isNaN, "\(key) \(row.covariate) \(field): expected NA")
                        return
                    }
                    #expect(abs((actual ?? .nan) - value) <= 1e-8 * max(abs(value), 1e-12), "\(key) \(row.covariate) \(field): \(actual ?? .nan) vs \(value)")
                }
                check(row.meansTreated, "means_treated")
                check(row.meansControl, "means_control")
                check(row.standardizedMeanDifference, "std_mean_diff")
                check(row.varianceRatio, "var_ratio")
                check(row.ecdfMean, "ecdf_mean")
                check(row.ecdfMax, "ecdf_max")
            }
        }
    }
}
