import Linalg

/// A design matrix produced block by block, for models whose `X` is too large to hold in memory as doubles (the
/// risk sets of a national cohort keep their covariates in single precision and expand them per block).
public protocol DesignSource: Sendable {
    /// The number of rows of the design.
    var rowCount: Int { get }
    /// The column names, in column order.
    var columnNames: [String] { get }
    /// Writes rows `rows` of the design into `block`, column-major with leading dimension `rows.count`.
    func fill(rows: Range<Int>, into block: UnsafeMutablePointer<Double>)
}

/// A design held in memory as a column-major matrix: small designs, or a subsample of a streamed one
/// (``DesignSource/materialized(rows:)``) that is read many times.
public struct MatrixDesign: DesignSource {
    /// The design, `rowCount × columnNames.count`, column-major.
    public let matrix: Matrix
    public let columnNames: [String]

    /// A design from its matrix and column names (one per column).
    public init(_ matrix: Matrix, columnNames: [String]) {
        precondition(matrix.columns == columnNames.count)
        self.matrix = matrix
        self.columnNames = columnNames
    }

    public var rowCount: Int { matrix.rows }

    /// Copies rows `rows` of every column into `block`.
    public func fill(rows: Range<Int>, into block: UnsafeMutablePointer<Double>) {
        matrix.storage.withUnsafeBufferPointer { storage in
            for j in 0..<columnNames.count {
                (block + j * rows.count).update(from: storage.baseAddress! + j * matrix.rows + rows.lowerBound, count: rows.count)
            }
        }
    }
}

extension DesignSource {
    /// Rows `rows` of the design (0-based, in that order; repeats allowed), expanded once into memory.
    public func materialized(rows: [Int]) -> MatrixDesign {
        let p = columnNames.count
        var matrix = Matrix(rows: rows.count, columns: p)
        let row = UnsafeMutablePointer<Double>.allocate(capacity: p)
        defer { row.deallocate() }
        for (i, r) in rows.enumerated() {
            fill(rows: r..<(r + 1), into: row)
            for j in 0..<p { matrix[i, j] = row[j] }
        }
        return MatrixDesign(matrix, columnNames: columnNames)
    }
}
