import CBLAS

/// The QR factorization with column pivoting `A·P = Q·R` (LAPACK `dgeqp3`), used to diagnose rank deficiency.
///
/// The numerical rank is the number of diagonal entries of `R` with `|R_jj| > tolerance · |R_11|`. Pivoting picks
/// the column of largest remaining norm at each step, so the columns it reports as dependent can differ from R's
/// `lm`, which keeps model order; the regression core uses ``nonAliasedColumns(ofCrossProduct:tolerance:)`` for that
/// and this factorization to confirm the rank.
public struct PivotedQR: Sendable {
    /// The compact factorization as LAPACK returns it (`R` in the upper triangle).
    public let packed: Matrix
    /// Column permutation: column `j` of `A·P` is column `pivots[j]` of `A` (0-based).
    public let pivots: [Int]

    /// Factorizes `a` with LAPACK's `dgeqp3` (an empty matrix gives an empty factorization).
    ///
    /// - Throws: ``LinalgError/lapack(routine:info:)`` when LAPACK reports an error.
    public init(_ a: Matrix) throws {
        var work = a
        var jpvt = [Int32](repeating: 0, count: a.columns)
        var tau = [Double](repeating: 0, count: min(a.rows, a.columns))
        if a.rows > 0 && a.columns > 0 {
            let info = work.storage.withUnsafeMutableBufferPointer { ap in
                jpvt.withUnsafeMutableBufferPointer { jp in
                    tau.withUnsafeMutableBufferPointer { tp in
                        LAPACKE_dgeqp3(LAPACK_COL_MAJOR, Int32(a.rows), Int32(a.columns), ap.baseAddress,
                                       Int32(a.rows), jp.baseAddress, tp.baseAddress)
                    }
                }
            }
            if info != 0 { throw LinalgError.lapack(routine: "dgeqp3", info: Int(info)) }
        }
        packed = work
        pivots = jpvt.map { Int($0) - 1 }
    }

    /// Absolute values of the diagonal of `R`, non-increasing.
    public var diagonalMagnitudes: [Double] {
        (0..<min(packed.rows, packed.columns)).map { abs(packed[$0, $0]) }
    }

    /// The numerical rank at a relative tolerance.
    public func rank(tolerance: Double = 1e-7) -> Int {
        let d = diagonalMagnitudes
        guard let first = d.first, first > 0 else { return 0 }
        return d.filter { $0 > tolerance * first }.count
    }
}
