import Effects
import Evaluation
import Foundation
import Linalg
import Stats
import Testing

/// The pre-trend test against the regression it stands for: the months −24…−2 stacked into one weighted regression
/// `y ~ 0 + Σ_k [k] + Σ_k [k]·D`, clustered by matched set and person across months by `LinearModel` (itself tested
/// against R's sandwich), and `χ² = β̂'V⁻¹β̂` by a Cholesky solve.
@Suite(.serialized) struct PreTrendTests {
    @Test func theTestIsTheStackedRegressionsWaldTest() throws {
        let s = try EmbeddedMatching()
        let (units, panel) = (s.units, s.panel)
        let months = -12 ... -2
        for outcome in [Outcome.publicSupport, .earnings] {
            let test = try #require(try PreTrendTest(units: units, panel: panel, outcome: outcome, months: months))
            var columns: [String: [Double]] = ["y": [], "w": [], "set": [], "person": []]
            for k in months { columns["a\(k - months.lowerBound)"] = []; columns["b\(k - months.lowerBound)"] = [] }
            for k in months {
                for u in units {
                    guard let c = panel.cell(person: u.person, month: u.month.advanced(by: k)) else { continue }
                    columns["y"]!.append(outcome.value(panel, cell: c)); columns["w"]!.append(u.weight)
                    columns["set"]!.append(Double(u.subclass)); columns["person"]!.append(Double(u.person))
                    for j in months {
                        columns["a\(j - months.lowerBound)"]!.append(j == k ? 1 : 0)
                        columns["b\(j - months.lowerBound)"]!.append(j == k && u.treated ? 1 : 0)
                    }
                }
            }
            let g = months.count
            let (beta, m) = try clusteredReference(columns, terms: (0..<g).map { "a\($0)" } + (0..<g).map { "b\($0)" },
                                                   of: (0..<g).map { "b\($0)" })
            let chi2 = zip(beta, try CholeskyFactorization(m).solve(beta)).reduce(0) { $0 + $1.0 * $1.1 }
            #expect(test.degreesOfFreedom == g)
            #expect(abs(test.chiSquared - chi2) <= 1e-7 * chi2, "\(outcome): \(test.chiSquared) vs \(chi2)")
            #expect(abs(test.pValue - ChiSquared.survival(chi2, degreesOfFreedom: Double(g))) <= 1e-9)
        }
    }

    /// The simultaneous band's critical value is the sup-t quantile of the correlation of the stacked months' ATTs
    /// as LinearModel's two-way clustered stacked regression gives it (same simulation seed), and lies above the
    /// pointwise 1.96 and below the Bonferroni bound.
    @Test func theBandsCriticalValueIsTheStackedCorrelations() throws {
        let s = try EmbeddedMatching()
        let months = 0...6
        let band = try #require(try SimultaneousBand(units: s.units, panel: s.panel, outcome: .work, months: months, seed: 9))
        var columns: [String: [Double]] = ["y": [], "w": [], "set": [], "person": []]
        let g = months.count
        for j in 0..<g { columns["a\(j)"] = []; columns["b\(j)"] = [] }
        for (k, month) in months.enumerated() {
            for u in s.units {
                guard let c = s.panel.cell(person: u.person, month: u.month.advanced(by: month)) else { continue }
                columns["y"]!.append(Outcome.work.value(s.panel, cell: c)); columns["w"]!.append(u.weight)
                columns["set"]!.append(Double(u.subclass)); columns["person"]!.append(Double(u.person))
                for j in 0..<g {
                    columns["a\(j)"]!.append(j == k ? 1 : 0)
                    columns["b\(j)"]!.append(j == k && u.treated ? 1 : 0)
                }
            }
        }
        let (_, v) = try clusteredReference(columns, terms: (0..<g).map { "a\($0)" } + (0..<g).map { "b\($0)" },
                                            of: (0..<g).map { "b\($0)" })
        var correlation = Matrix(rows: g, columns: g)
        for a in 0..<g { for b in 0..<g { correlation[a, b] = v[a, b] / (v[a, a] * v[b, b]).squareRoot() } }
        let expected = try #require(MaxModulusQuantile.quantile(correlation: correlation, seed: 9))
        #expect(abs(band.criticalValue - expected) <= 1e-9, "\(band.criticalValue) vs \(expected)")
        #expect(band.criticalValue > 1.96 && band.criticalValue < Normal.quantile(1 - 0.025 / Double(g)))
    }
}
