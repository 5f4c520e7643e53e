import Foundation
import Linalg
import Testing
@testable import Stats

@Suite struct StreamedLogitTests {
    /// The unweighted logit fixture (R's glm, epsilon 1e-14): same coefficients, deviance and iterations as glm.
    @Test func agreesWithGlmIterationForIteration() throws {
        let reference = try #require(referenceModels().first { $0.case == "logit" && $0.weights == nil })
        let table = try DataTable.read(path: fixturesDirectory.appendingPathComponent("logit/data.csv").path)
        let frame = try ModelFrame(formula: try Formula(reference.formula), table: table)
        let p = frame.columnCount
        let design = MatrixDesign(frame.augmented.selecting(rows: Array(0..<frame.rowCount), columns: Array(0..<p)),
                                  columnNames: frame.columnNames)
        var model = try LogisticModel(reference.formula)
        model.tolerance = 1e-14
        let fit = try model.fit(design, response: frame.response.map { $0 == 1 })
        #expect(fit.columnNames == reference.terms)
        for (j, term) in reference.terms.enumerated() {
            expectClose(fit.coefficients[j], reference.coefficients[j], tolerance: 1e-8, "coefficient \(term)")
        }
        expectClose(fit.deviance, reference.deviance, tolerance: 1e-10, "deviance")
        #expect(fit.iterations == reference.iterations)
        #expect(fit.converged)
        let inMemory = try model.fit(table)
        for i in 0..<frame.rowCount {
            #expect(abs(fit.fittedValues[i] - inMemory.fittedValues[i]) < 1e-12)
        }
    }

    /// A materialized subsample holds the chosen rows, in order, and fills blocks like its source.
    @Test func aMaterializedSubsampleHoldsTheChosenRows() {
        var x = Matrix(rows: 5, columns: 2)
        for i in 0..<5 { x[i, 0] = Double(i); x[i, 1] = Double(10 * i) }
        let sub = MatrixDesign(x, columnNames: ["a", "b"]).materialized(rows: [4, 1, 1])
        #expect(sub.rowCount == 3 && sub.matrix.column(0) == [4, 1, 1] && sub.matrix.column(1) == [40, 10, 10])
        var block = [Double](repeating: 0, count: 4)
        block.withUnsafeMutableBufferPointer { sub.fill(rows: 1..<3, into: $0.baseAddress!) }
        #expect(block == [1, 1, 10, 10])
    }

    /// 200,000 rows with a rare outcome (about 1 %), an intercept, two regressors, a column collinear with them and
    /// a month index.
    func rareOutcomeDesign() -> (MatrixDesign, [Bool]) {
        let n = 200_000
        var x = Matrix(rows: n, columns: 5)
        var y = [Bool](repeating: false, count: n)
        var state: UInt64 = 7
        func uniform() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
        for i in 0..<n {
            let a: Double = uniform() * 4 - 2
            let b: Double = uniform() < 0.3 ? 1 : 0
            let month = Double(i % 12)
            x[i, 0] = 1; x[i, 1] = a; x[i, 2] = b; x[i, 3] = 2 * a - b; x[i, 4] = month
            let eta: Double = -5.2 + 0.8 * a - 0.5 * b + 0.03 * month
            y[i] = uniform() < 1 / (1 + exp(-eta))
        }
        return (MatrixDesign(x, columnNames: ["(Intercept)", "a", "b", "collinear", "month"]), y)
    }

    /// A rare outcome (1 %) on 200,000 rows with an aliased column: the case-control start reaches the same
    /// estimates as glm's start in fewer full passes, and the aliased column is reported, not fitted.
    @Test func theCaseControlStartConvergesToTheSameEstimates() throws {
        let (design, y) = rareOutcomeDesign()
        var model = try LogisticModel("y ~ 1")
        model.tolerance = 1e-10
        let cold = try model.fit(design, response: y)
        let start = try #require(model.caseControlStart(design, response: y))
        let warm = try model.fit(design, response: y, start: start)
        #expect(cold.coefficients[3].isNaN && warm.coefficients[3].isNaN)
        #expect(warm.notes.contains { $0.contains("collinear") })
        for j in [0, 1, 2, 4] {
            #expect(abs(warm.coefficients[j] - cold.coefficients[j]) <= 1e-7 * max(1, abs(cold.coefficients[j])))
        }
        #expect(abs(cold.coefficients[1] - 0.8) < 0.1)
        #expect(warm.iterations < cold.iterations)
        // A start value for the aliased column is dropped, not carried into the linear predictor.
        var skewed = start
        skewed[3] = 5
        let fromSkewed = try model.fit(design, response: y, start: skewed)
        #expect(fromSkewed.coefficients[3].isNaN)
        #expect(abs(fromSkewed.coefficients[1] - cold.coefficients[1]) <= 1e-7 * abs(cold.coefficients[1]))
    }

    /// Chunk partials are added in chunk order: one and two worker threads give bit-identical estimates.
    @Test func estimatesDoNotDependOnTheThreadCount() throws {
        let (design, y) = rareOutcomeDesign()
        let saved = RowBlocks.threadCount
        defer { RowBlocks.threadCount = saved }
        var fits: [[Double]] = []
        for threads in [1, 2] {
            RowBlocks.threadCount = threads
            let fit = try LogisticModel("y ~ 1").fit(design, response: y)
            fits.append(fit.coefficients + [fit.deviance] + Array(fit.fittedValues.prefix(1000)))
        }
        #expect(fits[0].map(\.bitPattern) == fits[1].map(\.bitPattern))
    }
}
