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


/// A subset of another design's rows, in the order given.
public struct SubsampledDesign<Base: DesignSource>: DesignSource {
    public let base: Base
    public let rows: [Int]

    /// The rows `rows` of `base` (0-based, in that order; repeats allowed).
    public init(_ base: Base, rows: [Int]) {
        self.base = base
        self.rows = rows
    }

    public var rowCount: Int { rows.count }
    public var columnNames: [String] { base.columnNames }

    /// Writes rows `range` of the subsample into `block`, column-major with leading dimension `range.count`.
    public func fill(rows range: Range<Int>, into block: UnsafeMutablePointer<Double>) {
        let m = range.count, p = columnNames.count
        let row = UnsafeMutablePointer<Double>.allocate(capacity: p)
        defer { row.deallocate() }
        for i in 0..<m {
            let r = rows[range.lowerBound + i]
            base.fill(rows: r..<(r + 1), into: row)
            for j in 0..<p { block[j * m + i] = row[j] }
        }
    }
}
