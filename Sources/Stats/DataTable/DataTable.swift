/// A column of a ``DataTable``.
public enum Column: Sendable, Equatable {
    /// Numbers; a missing value is NaN. `isInteger` is true when every present value is a whole number.
    case numeric([Double], isInteger: Bool)
    /// Text; a missing value is `nil`.
    case text([String?])

    public var count: Int {
        switch self {
        case .numeric(let v, _): v.count
        case .text(let v): v.count
        }
    }

    /// Whether row `i` is missing.
    public func isMissing(_ i: Int) -> Bool {
        switch self {
        case .numeric(let v, _): v[i].isNaN
        case .text(let v): v[i] == nil
        }
    }

    /// The value of row `i` as text (numbers in their shortest round-trip form), `nil` when missing.
    public func text(at i: Int) -> String? {
        switch self {
        case .numeric(let v, _): v[i].isNaN ? nil : formatShortest(v[i])
        case .text(let v): v[i]
        }
    }
}

/// Where a table came from, so that errors can point at `file:line: column`.
public struct SourceLocation: Sendable, Equatable {
    /// The file name as the user gave it.
    public var file: String
    /// The 1-based line of each data row in the file (rows can span lines when a quoted field holds a newline).
    public var rowLines: [Int]
}

/// A columnar table: named columns of equal length, numeric or text, with missing values.
///
/// Read one from CSV with ``DataTable/read(path:)`` (both dialects of ``CSVDialect``, `.csv.gz` too) or build one in code.
public struct DataTable: Sendable, Equatable {
    public private(set) var names: [String]
    public private(set) var columns: [Column]
    /// For numeric-looking columns that turned out to be text: the first value that is not a number, per column.
    public private(set) var firstNonNumeric: [String: (row: Int, value: String)] = [:]
    /// The file and line numbers of the rows, when the table was read from a file.
    public var source: SourceLocation?

    /// Tables are equal when their names and columns are (the source and ``firstNonNumeric`` are ignored).
    public static func == (lhs: DataTable, rhs: DataTable) -> Bool {
        lhs.names == rhs.names && lhs.columns == rhs.columns
    }

    /// An empty table.
    public init() {
        names = []
        columns = []
    }

    /// A table from named columns, which must all have the same length.
    public init(_ pairs: KeyValuePairs<String, Column>) {
        self.init()
        for (name, column) in pairs { append(name, column) }
    }

    public var rowCount: Int { columns.first?.count ?? 0 }
    public var columnCount: Int { columns.count }

    /// Appends (or replaces) a column.
    public mutating func append(_ name: String, _ column: Column) {
        precondition(columns.isEmpty || column.count == rowCount,
                     "Column \(name) has \(column.count) rows, the table \(rowCount)")
        if let k = names.firstIndex(of: name) {
            columns[k] = column
        } else {
            names.append(name)
            columns.append(column)
        }
    }

    /// Records that `name` was read as text because of `value` in `row`.
    mutating func noteNonNumeric(_ name: String, row: Int, value: String) {
        firstNonNumeric[name] = (row, value)
    }

    /// The column named `name`, nil if there is none.
    public subscript(name: String) -> Column? {
        names.firstIndex(of: name).map { columns[$0] }
    }

    /// The 1-based file line of a row (or the row number + 1 when the table was not read from a file).
    public func line(ofRow row: Int) -> Int {
        source?.rowLines[row] ?? row + 2
    }

    /// The file name for messages.
    public var fileName: String { source?.file ?? "<table>" }

    /// The rows where `keep` is true, in order.
    public func filteringRows(_ keep: [Bool]) -> DataTable {
        precondition(keep.count == rowCount)
        var out = DataTable()
        for (name, column) in zip(names, columns) {
            switch column {
            case .numeric(let v, let isInt):
                out.append(name, .numeric(zip(v, keep).compactMap { $1 ? $0 : nil }, isInteger: isInt))
            case .text(let v):
                out.append(name, .text(zip(v, keep).compactMap { $1 ? .some($0) : nil }))
            }
        }
        if let source {
            out.source = SourceLocation(file: source.file,
                                        rowLines: zip(source.rowLines, keep).compactMap { $1 ? $0 : nil })
        }
        return out
    }

    /// The rows in the given order (used by tests of order invariance and by the bootstrap).
    public func selectingRows(_ rows: [Int]) -> DataTable {
        var out = DataTable()
        for (name, column) in zip(names, columns) {
            switch column {
            case .numeric(let v, let isInt): out.append(name, .numeric(rows.map { v[$0] }, isInteger: isInt))
            case .text(let v): out.append(name, .text(rows.map { v[$0] }))
            }
        }
        if let source { out.source = SourceLocation(file: source.file, rowLines: rows.map { source.rowLines[$0] }) }
        return out
    }
}

/// The shortest text that reads back as the same `Double`, without a trailing ".0" on whole numbers
/// (POSIX form: `.` as decimal point, `e` exponent).
public func formatShortest(_ x: Double) -> String {
    if x.isNaN { return "NaN" }
    if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
    return x.description
}
