import Linalg
import Foundation

/// The numbers a model is fitted to: the design matrix built from a ``Formula`` and a ``DataTable``, after
/// listwise deletion of rows with a missing value in any variable the model uses.
///
/// The design is stored with one extra column at the end that holds the response (or, during IRLS, the working
/// response), so that one `dsyrk` forms `X'X`, `X'y` and `y'y` together and no second `n`-row buffer is needed.
public struct ModelFrame: Sendable {
    /// `n × (p + 1)`: the `p` model columns, then the response.
    public var augmented: Matrix
    /// The names of the `p` model columns, as R's `model.matrix` names them.
    public var columnNames: [String]
    /// Prior weights (nil: all 1).
    public var weights: [Double]?
    /// For each absorbed fixed-effect variable: its name, a dense 0-based group code per row, and the group count.
    public var absorbed: [(name: String, codes: [Int32], count: Int)]
    /// Further columns the caller asked to carry along (cluster variables), restricted to the rows used.
    public var carried: [String: Column]
    /// Index into the source table of each row used.
    public var rowsUsed: [Int]
    /// Rows dropped because a variable was missing.
    public var droppedMissing: Int
    /// Rows dropped because their weight was zero.
    public var droppedZeroWeight: Int
    /// Whether the model has an intercept column (first).
    public var hasIntercept: Bool
    /// The formula's response label.
    public var responseName: String

    public var rowCount: Int { augmented.rows }
    public var columnCount: Int { columnNames.count }
    public var response: [Double] { augmented.column(columnCount) }

    /// A frame over a design already in memory: `augmented` is `n × (p + 1)` with the response in the last column.
    /// The intercept, if any, is one of the `p` columns (named `(Intercept)`); `carried` holds cluster variables.
    public init(augmented: Matrix, columnNames: [String], responseName: String = "y", hasIntercept: Bool,
                weights: [Double]? = nil, carried: [String: Column] = [:]) {
        precondition(augmented.columns == columnNames.count + 1, "augmented must have one column per name plus the response")
        self.augmented = augmented
        self.columnNames = columnNames
        self.responseName = responseName
        self.hasIntercept = hasIntercept
        self.weights = weights
        self.carried = carried
        self.absorbed = []
        self.rowsUsed = Array(0..<augmented.rows)
        self.droppedMissing = 0
        self.droppedZeroWeight = 0
    }

    /// Builds the frame.
    ///
    /// - Parameters:
    ///   - weights: a numeric column of non-negative prior weights; rows with weight 0 are dropped (noted).
    ///   - carrying: columns that take part in listwise deletion and are returned in ``carried`` (e.g. clusters).
    /// - Throws: ``DataError`` naming the file, line and column for unknown columns (listing the available ones),
    ///   non-numbers in numeric columns, non-finite transformed values, negative weights, or no complete rows.
    public init(formula: Formula, table: DataTable, weights weightColumn: String? = nil, carrying: [String] = []) throws {
        let n = table.rowCount
        let file = table.fileName
        if n == 0 { throw DataError(file: file, "the data has no rows") }
        for name in formula.variableNames + [weightColumn].compactMap({ $0 }) + carrying where table[name] == nil {
            throw DataError(file: file, column: name,
                            "no such column; the columns are: " + table.names.joined(separator: ", "))
        }
        var missing = [Bool](repeating: false, count: n)
        let evaluator = ExpressionEvaluator(table: table)

        // Response.
        let y = try evaluator.numeric(formula.response, context: "the response")
        for i in 0..<n where y[i].isNaN { missing[i] = true }

        // Components: numeric values or factor codes.
        var componentValues: [Component: ComponentValues] = [:]
        var effectiveFactor: Set<Component> = []
        for term in formula.terms {
            for c in term.components where componentValues[c] == nil {
                if c.isFactor || evaluator.isTextVariable(c.expression) {
                    let column = table[c.expression.variableNames[0]]!
                    for i in 0..<n where column.isMissing(i) { missing[i] = true }
                    componentValues[c] = .factor(column)
                    effectiveFactor.insert(c)
                } else {
                    let v = try evaluator.numeric(c.expression, context: c.label)
                    for i in 0..<n where v[i].isNaN { missing[i] = true }
                    componentValues[c] = .numeric(v)
                }
            }
        }
        var w: [Double]? = nil
        if let weightColumn {
            let wv = try evaluator.numeric(.variable(weightColumn), context: "the weights")
            for i in 0..<n where wv[i].isNaN { missing[i] = true }
            if let bad = wv.indices.first(where: { !wv[$0].isNaN && wv[$0] < 0 }) {
                throw DataError(file: file, line: table.line(ofRow: bad), column: weightColumn,
                                "expected a non-negative weight, found \(formatShortest(wv[bad]))")
            }
            w = wv
        }
        for name in formula.absorbed + carrying {
            let column = table[name]!
            for i in 0..<n where column.isMissing(i) { missing[i] = true }
        }
        var zeroWeight = 0
        if let w {
            for i in 0..<n where !missing[i] && w[i] == 0 {
                missing[i] = true
                zeroWeight += 1
            }
        }
        let used = (0..<n).filter { !missing[$0] }
        droppedZeroWeight = zeroWeight
        droppedMissing = n - used.count - zeroWeight
        if used.isEmpty {
            throw DataError(file: file, "all \(n) rows were dropped because a variable of the model is missing in each "
                            + "(variables: \((formula.variableNames + carrying).joined(separator: ", ")))")
        }
        rowsUsed = used
        hasIntercept = formula.hasIntercept
        responseName = formula.response.label

        // Factor levels on the rows used (R's lm drops unused levels).
        var levels: [Component: FactorLevels] = [:]
        for (c, values) in componentValues {
            if case .factor(let column) = values { levels[c] = FactorLevels(column: column, rows: used) }
        }

        // Column layout, with R's marginality rule for contrasts vs full indicator coding.
        var columns: [[(Component, Int?)]] = []   // each column: per component, the level index (nil: numeric)
        var names: [String] = []
        if formula.hasIntercept {
            columns.append([])
            names.append("(Intercept)")
        }
        var present: Set<Set<Component>> = formula.hasIntercept ? [[]] : []
        var interceptAbsorbed = formula.hasIntercept
        for term in formula.terms {
            // Per component: the list of (label suffix, level) it expands to.
            var expansions: [[(String, Int?)]] = []
            var usedFullCoding = false
            for c in term.components {
                if effectiveFactor.contains(c) {
                    let lv = levels[c]!
                    // R's rule (model.c, TermCode): contrasts when the term without this factor is empty (and the
                    // model has an intercept, or a factor already took every level) or lies within an earlier term.
                    let rest = Set(term.components.filter { $0 != c })
                    let contrasts = rest.isEmpty ? present.contains([]) : present.contains { rest.isSubset(of: $0) }
                    if !contrasts { usedFullCoding = true }
                    let range = contrasts ? 1..<lv.labels.count : 0..<lv.labels.count
                    let prefix = c.isFactor ? c.label : c.expression.label
                    expansions.append(range.map { (prefix + lv.labels[$0], $0) })
                } else {
                    expansions.append([(c.label, nil)])
                }
            }
            // Cartesian product, first component varying fastest.
            var combos: [[Int]] = [[]]
            for e in expansions {
                var next: [[Int]] = []
                for k in e.indices { for combo in combos { next.append(combo + [k]) } }
                combos = next
            }
            for combo in combos {
                names.append(combo.enumerated().map { expansions[$0.offset][$0.element].0 }.joined(separator: ":"))
                columns.append(combo.enumerated().map { (term.components[$0.offset], expansions[$0.offset][$0.element].1) })
            }
            present.insert(Set(term.components))
            if !interceptAbsorbed && usedFullCoding {
                present.insert([])
                interceptAbsorbed = true
            }
        }
        columnNames = names

        // Fill the augmented design.
        let m = used.count
        let p = names.count
        var a = Matrix(rows: m, columns: p + 1)
        a.storage.withUnsafeMutableBufferPointer { buf in
            for (j, parts) in columns.enumerated() {
                let col = buf.baseAddress! + j * m
                for r in 0..<m { col[r] = 1 }
                for (c, level) in parts {
                    switch componentValues[c]! {
                    case .numeric(let v):
                        for (r, i) in used.enumerated() { col[r] *= v[i] }
                    case .factor:
                        let codes = levels[c]!.codes
                        for r in 0..<m where codes[r] != level! { col[r] = 0 }
                    }
                }
            }
            let col = buf.baseAddress! + p * m
            for (r, i) in used.enumerated() { col[r] = y[i] }
        }
        augmented = a
        weights = w.map { wv in used.map { wv[$0] } }
        absorbed = formula.absorbed.map { name in
            let lv = FactorLevels(column: table[name]!, rows: used)
            return (name, lv.codes.map { Int32($0) }, lv.labels.count)
        }
        var carriedColumns: [String: Column] = [:]
        for name in carrying {
            switch table[name]! {
            case .numeric(let v, let isInt): carriedColumns[name] = .numeric(used.map { v[$0] }, isInteger: isInt)
            case .text(let v): carriedColumns[name] = .text(used.map { v[$0] })
            }
        }
        carried = carriedColumns
    }
}

enum ComponentValues {
    case numeric([Double])
    case factor(Column)
}

/// The sorted levels of a categorical column over some rows, and each row's level code.
///
/// Numbers sort numerically and are labelled in their shortest form (`2011`, `0.5`); text sorts by Unicode code
/// points (R in the C locale). Whole numbers in a compact range (cluster and group ids) take an `O(n)` path without
/// hashing.
public struct FactorLevels: Sendable {
    public var labels: [String]
    /// Level index per row (in the order of `rows`).
    public var codes: [Int]

    /// Levels over `rows` (nil: every row).
    public init(column: Column, rows: [Int]? = nil) {
        let count = rows?.count ?? column.count
        @inline(__always) func row(_ r: Int) -> Int { rows?[r] ?? r }
        switch column {
        case .numeric(let v, let isInteger):
            if isInteger, count > 0 {
                var lo = Double.infinity, hi = -Double.infinity
                for r in 0..<count { let x = v[row(r)]; lo = min(lo, x); hi = max(hi, x) }
                if hi - lo <= Double(4 * count + 1024) {
                    let base = Int(lo)
                    var index = [Int](repeating: -1, count: Int(hi) - base + 1)
                    for r in 0..<count { index[Int(v[row(r)]) - base] = 0 }
                    var next = 0
                    var labels: [String] = []
                    for k in index.indices where index[k] == 0 {
                        index[k] = next
                        next += 1
                        labels.append(String(base + k))
                    }
                    self.labels = labels
                    codes = (0..<count).map { index[Int(v[row($0)]) - base] }
                    return
                }
            }
            let distinct = Array(Set((0..<count).map { v[row($0)] })).sorted()
            let index = Dictionary(uniqueKeysWithValues: distinct.enumerated().map { ($1, $0) })
            labels = distinct.map(formatShortest)
            codes = (0..<count).map { index[v[row($0)]]! }
        case .text(let v):
            let distinct = Array(Set((0..<count).map { v[row($0)]! }))
                .sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) }
            let index = Dictionary(uniqueKeysWithValues: distinct.enumerated().map { ($1, $0) })
            labels = distinct
            codes = (0..<count).map { index[v[row($0)]!]! }
        }
    }
}

/// Dense group codes `0..<count` per observation (clusters, absorbed effects).
public struct GroupCodes: Sendable {
    public var codes: [Int32]
    public var count: Int

    /// Codes already dense in `0..<count`.
    public init(codes: [Int32], count: Int) {
        self.codes = codes
        self.count = count
    }

    /// The dense codes of a column's distinct values, numbered in their sorted order (numbers ascending, text by
    /// Unicode code points, as ``FactorLevels``).
    public init(_ column: Column) {
        // Whole numbers in a compact range (the usual cluster ids) are coded in two passes without hashing.
        if case .numeric(let v, true) = column, let lo = v.min(), let hi = v.max(), hi - lo <= Double(4 * v.count + 1024) {
            let base = Int(lo)
            var index = [Int32](repeating: -1, count: Int(hi) - base + 1)
            for x in v { index[Int(x) - base] = 0 }
            var next: Int32 = 0
            for k in index.indices where index[k] == 0 {
                index[k] = next
                next += 1
            }
            codes = v.map { index[Int($0) - base] }
            count = Int(next)
            return
        }
        let levels = FactorLevels(column: column)
        codes = levels.codes.map { Int32($0) }
        count = levels.labels.count
    }
}
