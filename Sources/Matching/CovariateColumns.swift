/// Covariate columns of many rows, stored as compactly as exactness allows: columns of small integers (ages,
/// counts of months, indicators) in single precision, which holds them exactly, and the others (amounts) in double
/// precision. For the 7.8 million risk-set rows of a national cohort this saves 1.5 GB against doubles throughout,
/// with every value unchanged.
public struct CovariateColumns: Sendable {
    /// The column names, in column order.
    public let names: [String]
    /// The number of rows.
    public let rowCount: Int
    /// Per column: whether it is stored in double precision, and its index within that storage.
    let slots: [(double: Bool, index: Int)]
    var singles: [Float]
    var doubles: [Double]

    /// Zero-filled columns; `exactInSingle[j]` says that every value of column `j` is an integer below 2²⁴ in magnitude.
    init(names: [String], exactInSingle: [Bool], rowCount: Int) {
        self.names = names
        self.rowCount = rowCount
        var singleCount = 0, doubleCount = 0
        slots = exactInSingle.map { single in
            defer { if single { singleCount += 1 } else { doubleCount += 1 } }
            return (!single, single ? singleCount : doubleCount)
        }
        singles = [Float](repeating: 0, count: singleCount * rowCount)
        doubles = [Double](repeating: 0, count: doubleCount * rowCount)
    }

    /// Column `j` as doubles.
    public func column(_ j: Int) -> [Double] {
        var out = [Double](repeating: 0, count: rowCount)
        out.withUnsafeMutableBufferPointer { copy(column: j, rows: 0..<rowCount, into: $0.baseAddress!) }
        return out
    }

    /// Copies rows `rows` of column `j` into `target` as doubles.
    public func copy(column j: Int, rows: Range<Int>, into target: UnsafeMutablePointer<Double>) {
        let (double, index) = slots[j]
        let start = index * rowCount + rows.lowerBound
        if double {
            doubles.withUnsafeBufferPointer { target.update(from: $0.baseAddress! + start, count: rows.count) }
        } else {
            singles.withUnsafeBufferPointer { values in
                for i in 0..<rows.count { target[i] = Double(values[start + i]) }
            }
        }
    }

    /// Copies the rows `rows` (indices, in any order) of column `j` into `target` as doubles.
    public func copy(column j: Int, rows: ArraySlice<Int>, into target: UnsafeMutablePointer<Double>) {
        let (double, index) = slots[j]
        let start = index * rowCount
        if double {
            doubles.withUnsafeBufferPointer { values in
                for (t, i) in rows.enumerated() { target[t] = values[start + i] }
            }
        } else {
            singles.withUnsafeBufferPointer { values in
                for (t, i) in rows.enumerated() { target[t] = Double(values[start + i]) }
            }
        }
    }

    /// Runs `body` with a writer that sets (row, column) cells; rows may be written from several threads at once as
    /// long as each row is written by one.
    mutating func withWriter(_ body: (Writer) -> Void) {
        let slots = self.slots, rowCount = self.rowCount
        singles.withUnsafeMutableBufferPointer { s in
            doubles.withUnsafeMutableBufferPointer { d in
                body(Writer(slots: slots, rowCount: rowCount, singles: s.baseAddress, doubles: d.baseAddress))
            }
        }
    }

    /// Sets cells from worker threads (see ``withWriter(_:)``). It holds raw pointers into the columns and is valid
    /// only during that call; each row must be written by one thread.
    public struct Writer: @unchecked Sendable {
        let slots: [(double: Bool, index: Int)]
        let rowCount: Int
        let singles: UnsafeMutablePointer<Float>?
        let doubles: UnsafeMutablePointer<Double>?

        @inline(__always)
        func set(row i: Int, column j: Int, _ value: Double) {
            let (double, index) = slots[j]
            if double { doubles![index * rowCount + i] = value } else { singles![index * rowCount + i] = Float(value) }
        }
    }
}
