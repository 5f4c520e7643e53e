import Testing
@testable import Linalg

/// Naive reference: XᵀDX by triple loop.
func naiveGram(_ x: Matrix, _ d: [Double]? = nil) -> Matrix {
    var g = Matrix(rows: x.columns, columns: x.columns)
    for a in 0..<x.columns { for b in 0..<x.columns {
        var s = 0.0
        for i in 0..<x.rows { s += x[i, a] * x[i, b] * (d?[i] ?? 1) }
        g[a, b] = s
    } }
    return g
}

func pseudoRandomMatrix(rows: Int, columns: Int, seed: UInt64) -> Matrix {
    var state = seed
    var m = Matrix(rows: rows, columns: columns)
    for k in m.storage.indices {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        m.storage[k] = Double(state >> 11) * 0x1p-53 - 0.5
    }
    return m
}

func maxRelativeDifference(_ a: Matrix, _ b: Matrix) -> Double {
    zip(a.storage, b.storage).map { abs($0 - $1) / max(abs($1), 1e-300) }.max() ?? 0
}

@Suite struct LinalgTests {
    @Test func choleskySolvesAndInvertsAKnownSystem() throws {
        // A = [[4, 2], [2, 3]]: det 8, inverse [[3, -2], [-2, 4]]/8; A·[1, 2]ᵀ = [8, 8]ᵀ.
        let a = Matrix([[4, 2], [2, 3]])
        let chol = try CholeskyFactorization(a)
        let x = chol.solve([8, 8])
        #expect(abs(x[0] - 1) < 1e-15 && abs(x[1] - 2) < 1e-15)
        let inv = chol.inverse()
        #expect(maxRelativeDifference(inv, Matrix([[0.375, -0.25], [-0.25, 0.5]])) < 1e-15)
        #expect(abs(chol.logDeterminant - log(8.0)) < 1e-15)
    }

    @Test func choleskyRejectsAnIndefiniteMatrix() {
        #expect(throws: LinalgError.notPositiveDefinite(order: 2)) {
            try CholeskyFactorization(Matrix([[1, 2], [2, 1]]))
        }
    }

    @Test func gramEqualsTheNaiveProductWithAndWithoutWeights() {
        // More rows than one chunk, so the chunked, parallel path and its reduction are exercised.
        let n = RowBlocks.chunkRows * 2 + 1234
        let x = pseudoRandomMatrix(rows: n, columns: 5, seed: 7)
        let w = (0..<n).map { Double($0 % 7) / 3 }
        let plain = x.storage.withUnsafeBufferPointer { CrossProduct.gram($0.baseAddress!, rows: n, columns: 5) }
        let weighted = x.storage.withUnsafeBufferPointer { xp in
            w.withUnsafeBufferPointer { CrossProduct.gram(xp.baseAddress!, rows: n, columns: 5, rowScale: $0.baseAddress!) }
        }
        #expect(maxRelativeDifference(plain, naiveGram(x)) < 1e-12)
        #expect(maxRelativeDifference(weighted, naiveGram(x, w)) < 1e-12)
        #expect(maxRelativeDifference(BLAS.crossProduct(x), naiveGram(x)) < 1e-12)
    }

    @Test func rowBlockResultsDoNotDependOnTheThreadCount() {
        let n = RowBlocks.chunkRows * 3 + 17
        let x = pseudoRandomMatrix(rows: n, columns: 7, seed: 11)
        let saved = RowBlocks.threadCount
        defer { RowBlocks.threadCount = saved }
        var results: [Matrix] = []
        for threads in [1, 2, 3] {
            RowBlocks.threadCount = threads
            results.append(x.storage.withUnsafeBufferPointer { CrossProduct.gram($0.baseAddress!, rows: n, columns: 7) })
        }
        #expect(results[0] == results[1])
        #expect(results[0] == results[2])
    }

    @Test func openBLASThreadCountDoesNotChangeTheCrossProduct() {
        let x = pseudoRandomMatrix(rows: 20_000, columns: 9, seed: 3)
        let saved = BLAS.threadCount
        defer { BLAS.setThreadCount(saved) }
        BLAS.setThreadCount(1)
        let one = BLAS.crossProduct(x)
        BLAS.setThreadCount(2)
        let two = BLAS.crossProduct(x)
        #expect(one == two)
    }

    @Test func aliasDetectionDropsTheLaterOfCollinearColumns() {
        // x3 = x1 + 2·x2 exactly; x4 independent; a zero column is aliased too.
        var x = pseudoRandomMatrix(rows: 200, columns: 5, seed: 5)
        for i in 0..<200 {
            x[i, 2] = x[i, 0] + 2 * x[i, 1]
            x[i, 4] = 0
        }
        let kept = nonAliasedColumns(ofCrossProduct: BLAS.crossProduct(x))
        #expect(kept == [0, 1, 3])
    }

    @Test func pivotedQRFindsTheRank() throws {
        var x = pseudoRandomMatrix(rows: 50, columns: 4, seed: 9)
        for i in 0..<50 { x[i, 3] = 3 * x[i, 0] - x[i, 1] }
        let qr = try PivotedQR(x)
        #expect(qr.rank() == 3)
        #expect(Set(qr.pivots) == Set(0..<4))
    }

    @Test func gemmAndGemvAgreeWithHandComputedProducts() {
        let a = Matrix([[1, 2], [3, 4], [5, 6]])
        let b = Matrix([[1, 0], [1, 1]])
        #expect(BLAS.multiply(a, b) == Matrix([[3, 2], [7, 4], [11, 6]]))
        #expect(BLAS.multiply(a, a, transposeA: true) == Matrix([[35, 44], [44, 56]]))
        #expect(BLAS.multiply(a, [1, -1]) == [-1, -1, -1])
        #expect(BLAS.multiply(a, [1, 1, 1], transpose: true) == [9, 12])
    }
}

import Foundation
