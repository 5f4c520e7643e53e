import Foundation
import Linalg
import Stats
import Testing
@testable import Effects

/// IPW and AIPW against R (Fixtures/propensity_weighting, made by make.R): `lm(y ~ d, weights = w)` with the odds
/// weights normalised within start month, and on the residuals of the comparisons' `lm(y ~ factor(month) + x1 + x2 +
/// x3)`, with `vcovCL(cluster = ~ person, type = "HC1")`; R's propensity score is the input.
@Suite struct PropensityWeightingTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/propensity_weighting")

    struct Fixture {
        let table: DataTable
        func column(_ name: String) -> [Double] {
            if case .numeric(let v, _)? = table[name] { return v } else { return [] }
        }
    }

    /// The fixture's columns y6, y12 and z6 stand in for outcomes at months 6 and 12.
    static let columns = [("y6", PropensityWeighting.Column(.supportFTE, 6)), ("y12", .init(.supportFTE, 12)),
                          ("z6", .init(.work, 6))]

    func estimate(_ fixture: Fixture) throws -> PropensityWeighting {
        let month = fixture.column("month").map(Int.init), n = month.count
        let names = ["(Intercept)", "month2", "month3", "x1", "x2", "x3"]
        let x1 = fixture.column("x1"), x2 = fixture.column("x2"), x3 = fixture.column("x3")
        let design = MatrixDesign(Matrix(rows: n, columns: names.count, columnMajor:
            [Double](repeating: 1, count: n) + month.map { $0 == 2 ? 1 : 0 } + month.map { $0 == 3 ? 1 : 0 } + x1 + x2 + x3),
                                  columnNames: names)
        let outcomes = Self.columns.map { fixture.column($0.0) }
        return try PropensityWeighting(
            person: fixture.column("person").map(Int.init), stratum: month, treated: fixture.column("d").map { $0 == 1 },
            propensity: fixture.column("e"), included: [Bool](repeating: true, count: n), design: design,
            columns: Self.columns.map(\.1),
            observed: { s, q in !outcomes[q][month.firstIndex(of: s)!].isNaN },
            value: { i, q in outcomes[q][i] })
    }

    @Test func equalsRsLmWithClusteredSandwich() throws {
        let fixture = Fixture(table: try DataTable.read(path: Self.folder.appendingPathComponent("data.csv").path))
        #expect(fixture.table.rowCount == 2557)
        let ours = try estimate(fixture)
        let expected = try DataTable.read(path: Self.folder.appendingPathComponent("expected.csv").path)
        guard case .text(let outcome)? = expected["outcome"], case .text(let estimator)? = expected["estimator"],
              case .numeric(let att, _)? = expected["estimate"], case .numeric(let se, _)? = expected["std_error"],
              case .numeric(let low, _)? = expected["conf_low"], case .numeric(let high, _)? = expected["conf_high"],
              case .numeric(let treated, _)? = expected["treated"], case .numeric(let controls, _)? = expected["controls"],
              case .numeric(let df, _)? = expected["df"]
        else { Issue.record("expected.csv lacks a column"); return }
        #expect(expected.rowCount == 6 && ours.estimates.count == 6)
        func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-9 * abs(b) }
        for r in 0..<expected.rowCount {
            let column = Self.columns.first { $0.0 == outcome[r] }!.1
            guard let e = ours.estimates.first(where: { PropensityWeighting.Column($0.outcome, $0.relativeMonth) == column
                                                        && $0.estimator.rawValue == estimator[r] })
            else { Issue.record("no \(outcome[r]) \(estimator[r])"); continue }
            #expect(close(e.estimate, att[r]) && close(e.standardError, se[r]), "\(outcome[r]) \(estimator[r]): \(e)")
            #expect(close(e.confidenceLow, low[r]) && close(e.confidenceHigh, high[r]), "\(outcome[r]) \(estimator[r])")
            #expect(e.treatedCount == Int(treated[r]) && e.controlCount == Int(controls[r]) && e.degreesOfFreedom == Int(df[r]))
        }
    }

    /// An outcome that is exactly linear in the design is fitted without error among the comparisons: AIPW's
    /// residuals vanish, so its ATT and standard error are 0, whatever the weights.
    @Test func aipwOfAnOutcomeLinearInTheDesignIsZero() throws {
        let fixture = Fixture(table: try DataTable.read(path: Self.folder.appendingPathComponent("data.csv").path))
        let x1 = fixture.column("x1"), x2 = fixture.column("x2")
        let linear = zip(x1, x2).map { 2 + 3 * $0 - 0.5 * $1 }
        let month = fixture.column("month").map(Int.init), n = month.count
        let design = MatrixDesign(Matrix(rows: n, columns: 3, columnMajor: [Double](repeating: 1, count: n) + x1 + x2),
                                  columnNames: ["(Intercept)", "x1", "x2"])
        let result = try PropensityWeighting(
            person: fixture.column("person").map(Int.init), stratum: month, treated: fixture.column("d").map { $0 == 1 },
            propensity: fixture.column("e"), included: [Bool](repeating: true, count: n), design: design,
            columns: [.init(.earnings, 6)], observed: { _, _ in true }, value: { i, _ in linear[i] })
        let aipw = try #require(result.estimates.first { $0.estimator == .aipw })
        let ipw = try #require(result.estimates.first { $0.estimator == .ipw })
        #expect(abs(aipw.estimate) < 1e-10 && aipw.standardError < 1e-10)
        #expect(abs(ipw.estimate) > 0.01, "the weighting alone leaves a covariate difference: \(ipw.estimate)")
    }
}
