import Foundation
import Linalg
import Testing
import Stats

/// The sup-t critical value against R's mvtnorm (Fixtures/supt, made by make_supt.R: `qmvnorm(0.95, tail =
/// "both.tails")` for identity, equicorrelated and AR(1) correlations, up to 61 months) within the simulation's
/// error, and against the closed form for independent coordinates.
@Suite struct MaxModulusQuantileTests {
    @Test func theQuantileEqualsMvtnorms() throws {
        let text = try String(contentsOf: fixturesDirectory.appendingPathComponent("supt/supt.csv"), encoding: .utf8)
        let rows = text.split(separator: "\n").dropFirst().map { $0.split(separator: ",").map(String.init) }
        #expect(rows.count == 6)
        for row in rows {
            let (k, rho, expected) = (Int(row[1])!, Double(row[2])!, Double(row[3])!)
            var r = Matrix(rows: k, columns: k)
            for i in 0..<k {
                for j in 0..<k {
                    r[i, j] = i == j ? 1 : row[0] == "ar1" ? pow(rho, Double(abs(i - j))) : rho
                }
            }
            let c = try #require(MaxModulusQuantile.quantile(correlation: r, draws: 40_000))
            #expect(abs(c - expected) < 0.02, "\(row): \(c)")
        }
    }

    /// Independent coordinates: `c = Φ⁻¹((1 + 0.95^(1/K))/2)`; perfectly correlated ones: 1.96.
    @Test func theLimitingCasesHaveClosedForms() throws {
        for k in [1, 8, 40] {
            var identity = Matrix(rows: k, columns: k)
            for i in 0..<k { identity[i, i] = 1 }
            let exact = Normal.quantile((1 + pow(0.95, 1 / Double(k))) / 2)
            #expect(abs(try #require(MaxModulusQuantile.quantile(correlation: identity, draws: 40_000)) - exact) < 0.02, "\(k)")
        }
        var ones = Matrix(rows: 6, columns: 6)
        for i in 0..<6 { for j in 0..<6 { ones[i, j] = 1 } }
        #expect(abs(try #require(MaxModulusQuantile.quantile(correlation: ones, draws: 40_000)) - 1.959964) < 0.02)
        #expect(MaxModulusQuantile.quantile(correlation: ones, seed: 3) == MaxModulusQuantile.quantile(correlation: ones, seed: 3))
    }
}
