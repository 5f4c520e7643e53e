import Foundation
import Testing
import Linalg
@testable import Stats

/// A small generated panel: y = 1 + 2·x1 − x2 + firm effect + year effect + noise, with weights and a factor.
func syntheticPanel(firms: Int = 30, years: Int = 6, seed: UInt64 = 1) -> DataTable {
    var state = seed
    func uniform() -> Double {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Double(state >> 11) * 0x1p-53
    }
    var y: [Double] = [], x1: [Double] = [], x2: [Double] = [], w: [Double] = []
    var firm: [Double] = [], year: [Double] = [], g: [String?] = []
    let firmEffect = (0..<firms).map { _ in uniform() * 2 }
    for f in 0..<firms {
        for t in 0..<years where !(f % 7 == 3 && t == 2) {
            let a = uniform() + firmEffect[f] / 2, b = uniform()
            x1.append(a); x2.append(b)
            y.append(1 + 2 * a - b + firmEffect[f] + Double(t) * 0.1 + uniform() - 0.5)
            w.append(0.5 + uniform())
            firm.append(Double(f + 1)); year.append(Double(2011 + t))
            g.append(["north", "south", "east"][(f + t) % 3])
        }
    }
    return DataTable(["y": .numeric(y, isInteger: false), "x1": .numeric(x1, isInteger: false),
                      "x2": .numeric(x2, isInteger: false), "w": .numeric(w, isInteger: false),
                      "firm": .numeric(firm, isInteger: true), "year": .numeric(year, isInteger: true),
                      "g": .text(g)])
}

func relativeDifference(_ a: Double, _ b: Double) -> Double { abs(a - b) / max(abs(b), 1e-300) }

@Suite struct RegressionPropertyTests {
    let table = syntheticPanel()

    @Test func coefficientsDoNotDependOnRowOrder() throws {
        let model = try LinearModel("y ~ x1 + x2 + factor(g)", clusterVariables: ["firm"])
        let a = try model.fit(table)
        let reversed = try model.fit(table.selectingRows(Array((0..<table.rowCount).reversed())))
        for j in a.coefficients.indices { #expect(relativeDifference(reversed.coefficients[j], a.coefficients[j]) < 1e-12) }
        let sa = try a.inference(.cluster(["firm"])).rows.map(\.standardError)
        let sb = try reversed.inference(.cluster(["firm"])).rows.map(\.standardError)
        for j in sa.indices { #expect(relativeDifference(sb[j], sa[j]) < 1e-12) }
    }

    @Test func unitWeightsGiveOLS() throws {
        var t = table
        t.append("one", .numeric([Double](repeating: 1, count: t.rowCount), isInteger: true))
        let ols = try LinearModel("y ~ x1 + x2").fit(t)
        let wls = try LinearModel("y ~ x1 + x2", weights: "one").fit(t)
        for type in [CovarianceType.iid, .hc0, .hc1, .hc2, .hc3] {
            let a = try ols.inference(type).rows, b = try wls.inference(type).rows
            for j in a.indices {
                #expect(relativeDifference(b[j].estimate, a[j].estimate) < 1e-12)
                #expect(relativeDifference(b[j].standardError, a[j].standardError) < 1e-12)
            }
        }
    }

    @Test func absorbedFixedEffectsEqualTheDummyVariableModel() throws {
        for weights in [nil, "w"] as [String?] {
            let absorbed = try LinearModel("y ~ x1 + x2 | firm + year", weights: weights).fit(table)
            let dummies = try LinearModel("y ~ x1 + x2 + factor(firm) + factor(year)", weights: weights).fit(table)
            for name in ["x1", "x2"] {
                let a = absorbed.coefficients[absorbed.columnNames.firstIndex(of: name)!]
                let b = dummies.coefficients[dummies.columnNames.firstIndex(of: name)!]
                #expect(relativeDifference(a, b) < 1e-9, "\(name) with weights \(weights ?? "none")")
            }
            #expect(absorbed.residualDegreesOfFreedom == dummies.residualDegreesOfFreedom)
            #expect(relativeDifference(absorbed.statistics.residualSumOfSquares, dummies.statistics.residualSumOfSquares) < 1e-9)
            // iid standard errors: same σ̂² and the same (X̃'X̃)⁻¹ block, hence equal.
            let sa = try absorbed.inference(.iid)["x1"]!.standardError
            let sb = try dummies.inference(.iid)["x1"]!.standardError
            #expect(relativeDifference(sa, sb) < 1e-8)
        }
    }

    @Test func resultsAreIdenticalForOneAndTwoThreads() throws {
        let saved = RowBlocks.threadCount
        defer { RowBlocks.threadCount = saved }
        var results: [[Double]] = []
        for threads in [1, 2] {
            RowBlocks.threadCount = threads
            let fit = try LinearModel("y ~ x1 + x2 + factor(g)", clusterVariables: ["firm", "year"]).fit(table)
            results.append(fit.coefficients + (try fit.inference(.cluster(["firm", "year"])).rows.map(\.standardError))
                           + (try fit.inference(.hc3).rows.map(\.standardError)))
        }
        #expect(results[0].map(\.bitPattern) == results[1].map(\.bitPattern))
    }

    @Test func collinearAndConstantRegressorsAreReportedAsAliased() throws {
        var t = table
        let x1 = t["x1"]!, x2 = t["x2"]!
        guard case .numeric(let a, _) = x1, case .numeric(let b, _) = x2 else { return }
        t.append("x3", .numeric(zip(a, b).map { $0 - $1 }, isInteger: false))
        t.append("k", .numeric([Double](repeating: 5, count: t.rowCount), isInteger: true))
        let fit = try LinearModel("y ~ x1 + x2 + x3 + k").fit(t)
        #expect(fit.aliasedColumns == ["x3", "k"])
        #expect(fit.coefficients[3].isNaN && fit.coefficients[4].isNaN)
        #expect(fit.notes.contains { $0.contains("2 coefficients not defined because of singularities") })
        let reference = try LinearModel("y ~ x1 + x2").fit(t)
        #expect(relativeDifference(fit.coefficients[1], reference.coefficients[1]) < 1e-12)
        let row = try fit.inference(.hc1)["x3"]!
        #expect(row.estimate.isNaN && row.standardError.isNaN)
    }

    @Test func separationIsAnErrorNamingTheVariable() throws {
        var state: UInt64 = 3
        func u() -> Double { state = state &* 6364136223846793005 &+ 1442695040888963407; return Double(state >> 11) * 0x1p-53 }
        let n = 200
        let x = (0..<n).map { _ in u() }
        let d = (0..<n).map { _ in u() < 0.3 ? 1.0 : 0.0 }
        // y is 1 whenever d is 1 (quasi-complete separation by d), random otherwise.
        let y = (0..<n).map { d[$0] == 1 ? 1.0 : (u() < 0.4 ? 1.0 : 0.0) }
        let t = DataTable(["y": .numeric(y, isInteger: true), "x": .numeric(x, isInteger: false), "d": .numeric(d, isInteger: true)])
        do {
            _ = try LogisticModel("y ~ x + d").fit(t)
            Issue.record("separation was not detected")
        } catch let error as DataError {
            #expect(error.column == "d")
            #expect(error.message.contains("separation"))
        }
        // Without the separating variable the model fits.
        #expect(try LogisticModel("y ~ x").fit(t).statistics.converged)
    }

    @Test func logitResponseMustBeBinary() throws {
        #expect(throws: DataError.self) { try LogisticModel("y ~ x1").fit(table) }
    }
}

@Suite struct DemeaningReportTests {
    /// Two crossed effects need several sweeps: stopping one sweep short is reported as not converged, while
    /// converging on exactly the last allowed sweep is converged.
    @Test func convergenceIsReportedPerColumn() {
        let n = 400
        let firm = (0..<n).map { Int32($0 % 7) }, year = (0..<n).map { Int32(($0 / 3) % 11) }
        var x = Matrix(rows: n, columns: 1)
        for i in 0..<n { x[i, 0] = Double((i * 37) % 101) }
        var demeaning = FixedEffectsDemeaning(groups: [(firm, 7), (year, 11)], weights: nil)
        var free = x
        let needed = demeaning.demean(&free)
        #expect(needed.converged && needed.iterations > 2)
        demeaning.maxIterations = needed.iterations
        var exact = x
        #expect(demeaning.demean(&exact).converged)
        demeaning.maxIterations = needed.iterations - 1
        var short = x
        #expect(!demeaning.demean(&short).converged)
    }
}
