/// A dense matrix of `Double` in column-major order with contiguous storage.
///
/// Element (i, j) lives at `storage[i + j * rows]`, which is the layout BLAS and LAPACK expect with a leading
/// dimension equal to `rows`. The type is a value type with copy-on-write storage (a Swift `Array`).
public struct Matrix: Sendable, Equatable {
    /// Number of rows.
    public let rows: Int
    /// Number of columns.
    public let columns: Int
    /// The elements, column by column.
    public var storage: [Double]

    /// A `rows × columns` matrix filled with `value`.
    public init(rows: Int, columns: Int, repeating value: Double = 0) {
        precondition(rows >= 0 && columns >= 0, "Matrix dimensions must be non-negative")
        self.rows = rows
        self.columns = columns
        self.storage = Array(repeating: value, count: rows * columns)
    }

    /// A matrix over existing column-major storage.
    public init(rows: Int, columns: Int, columnMajor storage: [Double]) {
        precondition(storage.count == rows * columns, "Storage holds \(storage.count) values, expected \(rows * columns)")
        self.rows = rows
        self.columns = columns
        self.storage = storage
    }

    /// A matrix from an array of rows (convenient in tests and small examples).
    public init(_ rowArrays: [[Double]]) {
        let r = rowArrays.count
        let c = rowArrays.first?.count ?? 0
        var m = Matrix(rows: r, columns: c)
        for i in 0..<r {
            precondition(rowArrays[i].count == c, "Row \(i) has \(rowArrays[i].count) values, expected \(c)")
            for j in 0..<c { m[i, j] = rowArrays[i][j] }
        }
        self = m
    }

    /// The identity matrix of order `n`.
    public static func identity(_ n: Int) -> Matrix {
        var m = Matrix(rows: n, columns: n)
        for i in 0..<n { m[i, i] = 1 }
        return m
    }

    /// Element (`row`, `column`), stored at `storage[row + column · rows]`.
    public subscript(row: Int, column: Int) -> Double {
        get { storage[row + column * rows] }
        set { storage[row + column * rows] = newValue }
    }

    /// The diagonal of a square matrix.
    public var diagonal: [Double] {
        (0..<min(rows, columns)).map { self[$0, $0] }
    }

    /// A copy of column `j`.
    public func column(_ j: Int) -> [Double] {
        Array(storage[(j * rows)..<((j + 1) * rows)])
    }

    /// The transpose.
    public var transposed: Matrix {
        var t = Matrix(rows: columns, columns: rows)
        for j in 0..<columns { for i in 0..<rows { t[j, i] = self[i, j] } }
        return t
    }

    /// The submatrix with the given rows and columns (in the given order).
    public func selecting(rows rowIndices: [Int]? = nil, columns columnIndices: [Int]) -> Matrix {
        let ri = rowIndices ?? Array(0..<rows)
        var m = Matrix(rows: ri.count, columns: columnIndices.count)
        for (jj, j) in columnIndices.enumerated() {
            for (ii, i) in ri.enumerated() { m[ii, jj] = self[i, j] }
        }
        return m
    }

    /// Copies the upper triangle into the lower one (BLAS `dsyrk` and LAPACK `dpotri` fill one triangle only).
    public mutating func symmetrizeFromUpper() {
        precondition(rows == columns)
        for j in 0..<columns { for i in (j + 1)..<max(j + 1, rows) { self[i, j] = self[j, i] } }
    }
}

extension Matrix {
    /// The elementwise sum (the shapes must agree).
    public static func + (lhs: Matrix, rhs: Matrix) -> Matrix {
        precondition(lhs.rows == rhs.rows && lhs.columns == rhs.columns)
        var out = lhs
        for k in out.storage.indices { out.storage[k] += rhs.storage[k] }
        return out
    }

    /// The elementwise difference (the shapes must agree).
    public static func - (lhs: Matrix, rhs: Matrix) -> Matrix {
        precondition(lhs.rows == rhs.rows && lhs.columns == rhs.columns)
        var out = lhs
        for k in out.storage.indices { out.storage[k] -= rhs.storage[k] }
        return out
    }

    /// Every element multiplied by `scalar`.
    public static func * (scalar: Double, matrix: Matrix) -> Matrix {
        var out = matrix
        for k in out.storage.indices { out.storage[k] *= scalar }
        return out
    }
}
