import CBLAS

/// Thin Swift names for the BLAS level-2/3 routines FinsamEval needs (OpenBLAS's CBLAS interface).
///
/// All matrices are column-major. Routines that take raw pointers let callers work on row blocks of a tall matrix
/// in place (a block of rows `r0..<r1` of an `n × p` matrix is the pointer `base + r0` with leading dimension `n`),
/// which is how the regression core forms `X'X` and the sandwich "meat" without temporaries the size of `X`.
public enum BLAS {
    /// Sets the number of threads OpenBLAS itself uses. FinsamEval runs BLAS single-threaded and parallelises over
    /// row blocks: OpenBLAS's own threads do not help for tall, narrow `X'X`.
    public static func setThreadCount(_ count: Int) {
        openblas_set_num_threads(Int32(count))
    }

    /// The number of threads OpenBLAS is configured to use.
    public static var threadCount: Int { Int(openblas_get_num_threads()) }

    /// Symmetric rank-k update of the upper triangle: `C ← α·AᵀA + β·C`, where `A` is `rows × p` with leading
    /// dimension `lda` and `C` is `p × p` with leading dimension `p` (`dsyrk`, uplo = U, trans = T).
    ///
    /// - Complexity: `rows · p²` flops (half of a general product).
    public static func crossProductUpper(
        _ a: UnsafePointer<Double>, rows: Int, columns p: Int, leadingDimension lda: Int,
        into c: UnsafeMutablePointer<Double>, alpha: Double = 1, beta: Double = 0
    ) {
        guard p > 0 else { return }
        if rows == 0 {
            if beta != 1 { for j in 0..<p { for i in 0...j { c[i + j * p] *= beta } } }
            return
        }
        cblas_dsyrk(CblasColMajor, CblasUpper, CblasTrans, Int32(p), Int32(rows), alpha, a, Int32(lda), beta, c, Int32(p))
    }

    /// `AᵀA` of a whole matrix, both triangles filled.
    public static func crossProduct(_ a: Matrix) -> Matrix {
        var c = Matrix(rows: a.columns, columns: a.columns)
        a.storage.withUnsafeBufferPointer { ap in
            c.storage.withUnsafeMutableBufferPointer { cp in
                crossProductUpper(ap.baseAddress!, rows: a.rows, columns: a.columns, leadingDimension: max(a.rows, 1),
                                  into: cp.baseAddress!)
            }
        }
        c.symmetrizeFromUpper()
        return c
    }

    /// General matrix product `op(A)·op(B)` (`dgemm`).
    public static func multiply(_ a: Matrix, _ b: Matrix, transposeA: Bool = false, transposeB: Bool = false) -> Matrix {
        let m = transposeA ? a.columns : a.rows
        let k = transposeA ? a.rows : a.columns
        let kb = transposeB ? b.columns : b.rows
        let n = transposeB ? b.rows : b.columns
        precondition(k == kb, "Inner dimensions differ: \(k) and \(kb)")
        var c = Matrix(rows: m, columns: n)
        guard m > 0, n > 0, k > 0 else { return c }
        a.storage.withUnsafeBufferPointer { ap in
            b.storage.withUnsafeBufferPointer { bp in
                c.storage.withUnsafeMutableBufferPointer { cp in
                    cblas_dgemm(CblasColMajor, transposeA ? CblasTrans : CblasNoTrans,
                                transposeB ? CblasTrans : CblasNoTrans,
                                Int32(m), Int32(n), Int32(k), 1, ap.baseAddress, Int32(max(a.rows, 1)),
                                bp.baseAddress, Int32(max(b.rows, 1)), 0, cp.baseAddress, Int32(max(m, 1)))
                }
            }
        }
        return c
    }

    /// General matrix product on raw storage, `C ← op(A)·B + β·C` (`dgemm`): `op(A)` is `m × k`, `B` is `k × n`, all
    /// column-major with leading dimensions `lda`, `ldb`, `ldc`. Row blocks of tall matrices multiply in place.
    public static func multiply(
        _ a: UnsafePointer<Double>, rows m: Int, inner k: Int, leadingDimension lda: Int, transposeA: Bool,
        _ b: UnsafePointer<Double>, columns n: Int, leadingDimension ldb: Int,
        into c: UnsafeMutablePointer<Double>, leadingDimension ldc: Int, beta: Double = 0
    ) {
        guard m > 0, n > 0, k > 0 else { return }
        cblas_dgemm(CblasColMajor, transposeA ? CblasTrans : CblasNoTrans, CblasNoTrans, Int32(m), Int32(n), Int32(k),
                    1, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }

    /// Matrix–vector product `y ← α·op(A)·x + β·y` on raw storage (`dgemv`); `A` is `rows × columns` with leading
    /// dimension `lda`.
    public static func multiplyVector(
        _ a: UnsafePointer<Double>, rows: Int, columns: Int, leadingDimension lda: Int, transpose: Bool = false,
        _ x: UnsafePointer<Double>, into y: UnsafeMutablePointer<Double>, alpha: Double = 1, beta: Double = 0
    ) {
        guard rows > 0, columns > 0 else {
            let len = transpose ? columns : rows
            for i in 0..<len { y[i] *= beta }
            return
        }
        cblas_dgemv(CblasColMajor, transpose ? CblasTrans : CblasNoTrans, Int32(rows), Int32(columns), alpha,
                    a, Int32(lda), x, 1, beta, y, 1)
    }

    /// `A·x` for a whole matrix.
    public static func multiply(_ a: Matrix, _ x: [Double], transpose: Bool = false) -> [Double] {
        precondition(x.count == (transpose ? a.rows : a.columns))
        var y = [Double](repeating: 0, count: transpose ? a.columns : a.rows)
        a.storage.withUnsafeBufferPointer { ap in
            x.withUnsafeBufferPointer { xp in
                y.withUnsafeMutableBufferPointer { yp in
                    multiplyVector(ap.baseAddress!, rows: a.rows, columns: a.columns, leadingDimension: max(a.rows, 1),
                                   transpose: transpose, xp.baseAddress!, into: yp.baseAddress!)
                }
            }
        }
        return y
    }

    /// Solves `B ← B·R⁻¹` in place for an upper-triangular `R` (`dtrsm`, side = right); `B` is `rows × p` with
    /// leading dimension `ldb`, `R` is `p × p`. Used for leverages: `h_i = ‖x_i R⁻¹‖²` when `X'X = RᵀR`.
    public static func solveUpperTriangularRight(
        _ r: UnsafePointer<Double>, order p: Int, _ b: UnsafeMutablePointer<Double>, rows: Int, leadingDimension ldb: Int
    ) {
        guard rows > 0, p > 0 else { return }
        cblas_dtrsm(CblasColMajor, CblasRight, CblasUpper, CblasNoTrans, CblasNonUnit, Int32(rows), Int32(p), 1,
                    r, Int32(p), b, Int32(ldb))
    }
}
