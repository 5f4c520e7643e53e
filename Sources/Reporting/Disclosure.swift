/// Statistical disclosure control: no published figure rests on fewer than `minimumCell` persons, and no suppressed
/// figure can be recovered — or narrowed to a small range — by subtracting published figures from a published total.
///
/// No official minimum cell size is published by SCB or Försäkringskassan; 5 is a conservative default.
///
/// ## Tables with totals
/// A two-way table of counts `x_ij` has row totals `R_i = Σ_j x_ij`, column totals `C_j = Σ_i x_ij` and the grand
/// total `N`. Every line — a row with its total, a column with its total, the row totals with `N`, the column totals
/// with `N` — is a linear equation a reader can use. ``protect(_:suppressedRowTotals:suppressedColumnTotals:suppressedGrandTotal:)``
/// suppresses cells (and, when nothing else works, totals) so that for every line whose total is published:
/// ```
/// k = number of suppressed entries in the line,   S = total − Σ published entries (their sum, known exactly)
/// the line is safe  ⇔  k = 0   or   (k ≥ 2  and  S − k ≥ minimumCell)
/// ```
/// Zero cells are always published (as 0), so a reader knows every suppressed entry is at least 1; subtraction then
/// places each suppressed entry of the line in `[1, S − (k − 1)]`, an interval of width `S − k`. The rule keeps that
/// width at least `minimumCell` — the same width `[0, S]` has under the textbook rule `S ≥ minimumCell` when zeros
/// are not published — so no suppressed entry is pinned to a value or to a range narrower than the minimum cell
/// (in particular never two cells of 1 behind a total of 191 with 189 published).
///
/// The procedure (the usual heuristic of primary and secondary cell suppression; Hundepool et al. 2012,
/// *Statistical Disclosure Control*, §5.2):
/// 1. Primary: cells with `0 < x < minimumCell`; every non-zero cell of a row or column whose total is below the
///    minimum, and that total.
/// 2. Secondary, repeated until every line is safe: in an unsafe row or column the smallest published non-zero cell
///    is suppressed; if none is left, the line's total is suppressed (and the line becomes a cell of the line of
///    totals). In the line of row (column) totals, the smallest published non-zero total is suppressed together with
///    every non-zero cell of its row (column). If even that is exhausted, the whole table is withheld.
/// 3. A cell lies in a row and a column; ``narrowestIntervals(_:)`` propagates the bounds of every line to every
///    other until nothing changes, and the suppression is extended until no suppressed entry can be narrowed below
///    a width of `minimumCell` that way either.
public struct Disclosure: Sendable {
    /// The smallest number of persons an aggregate may rest on.
    public var minimumCell: Int

    /// Disclosure control with a minimum cell of `minimumCell` persons.
    public init(minimumCell: Int = 5) {
        self.minimumCell = minimumCell
    }

    /// Whether an aggregate over `persons` persons may be shown (0 persons is an empty cell, not a disclosure).
    public func allows(_ persons: Int) -> Bool { persons == 0 || persons >= minimumCell }

    /// Whether a line with a published total whose `suppressedCount` suppressed entries sum to `suppressedSum` is
    /// safe against differencing: none suppressed, or at least two whose range `[1, S − k + 1]` is at least
    /// ``minimumCell`` wide.
    public func lineIsSafe(suppressedCount k: Int, suppressedSum s: Int) -> Bool {
        k == 0 || (k >= 2 && s - k >= minimumCell)
    }

    /// Which entries of a line of counts with a published (or derivable) total are suppressed: the primary cells
    /// (`0 < x < minimumCell`) and `alreadySuppressed`, then the smallest published non-zero entries until the line is
    /// safe (``lineIsSafe(suppressedCount:suppressedSum:)``) — e.g. a group's figures among the groups of a total.
    public func protectLine(_ counts: [Int], alreadySuppressed: Set<Int> = []) -> Set<Int> {
        var hidden = alreadySuppressed.union(counts.indices.filter { counts[$0] > 0 && counts[$0] < minimumCell })
        while !lineIsSafe(suppressedCount: hidden.filter { counts[$0] > 0 }.count,
                          suppressedSum: hidden.reduce(0) { $0 + counts[$1] }) {
            guard let next = counts.indices.filter({ !hidden.contains($0) && counts[$0] > 0 })
                .min(by: { (counts[$0], $0) < (counts[$1], $1) }) else { break }
            hidden.insert(next)
        }
        return hidden
    }

    /// Which entries of a table with margins are suppressed.
    public struct Suppression: Sendable, Equatable {
        /// `cells[i][j]`: whether the cell is suppressed (never a zero cell).
        public var cells: [[Bool]]
        /// Whether each row total is suppressed.
        public var rowTotals: [Bool]
        /// Whether each column total is suppressed.
        public var columnTotals: [Bool]
        /// Whether the grand total is suppressed (only when the whole table is withheld or below the minimum).
        public var grandTotal: Bool

        /// The table as a reader sees it: nil for every suppressed entry.
        public func published(_ counts: [[Int]]) -> PublishedTable {
            let columns = counts.first?.count ?? 0
            let rowSums = counts.map { $0.reduce(0, +) }
            let columnSums = (0..<columns).map { j in counts.reduce(0) { $0 + $1[j] } }
            return PublishedTable(
                cells: counts.indices.map { i in (0..<columns).map { j in cells[i][j] ? nil : counts[i][j] } },
                rowTotals: rowSums.indices.map { rowTotals[$0] ? nil : rowSums[$0] },
                columnTotals: columnSums.indices.map { columnTotals[$0] ? nil : columnSums[$0] },
                grandTotal: grandTotal ? nil : rowSums.reduce(0, +))
        }
    }

    /// A table as published: nil marks a suppressed entry; zeros are published.
    public struct PublishedTable: Sendable, Equatable {
        /// `cells[i][j]`: the published count, nil if suppressed.
        public var cells: [[Int?]]
        /// The published row totals, nil if suppressed (or not published).
        public var rowTotals: [Int?]
        /// The column totals a reader knows, nil if suppressed (or not known).
        public var columnTotals: [Int?]
        /// The grand total, nil if suppressed.
        public var grandTotal: Int?

        /// A published table; `rowTotals` has one entry per row of `cells`, `columnTotals` one per column.
        public init(cells: [[Int?]], rowTotals: [Int?], columnTotals: [Int?], grandTotal: Int?) {
            self.cells = cells
            self.rowTotals = rowTotals
            self.columnTotals = columnTotals
            self.grandTotal = grandTotal
        }
    }

    /// What subtraction within one line with a published total reveals.
    public struct LineExposure: Sendable, Equatable {
        /// "row i", "column j", "row totals" or "column totals".
        public var line: String
        /// The line's published total.
        public var total: Int
        /// The number of suppressed entries `k`.
        public var suppressedCount: Int
        /// Their sum `S = total − Σ published`, known exactly to the reader.
        public var suppressedSum: Int
        /// The range of each suppressed entry from this line alone: `[1, S − k + 1]` (empty range `0...0` if k = 0).
        public var entryRange: ClosedRange<Int> {
            suppressedCount == 0 ? 0...0 : 1...max(1, suppressedSum - suppressedCount + 1)
        }
    }

    /// Every line of `table` whose total is published, with what subtraction reveals in it.
    public static func lineExposures(_ table: PublishedTable) -> [LineExposure] {
        var result: [LineExposure] = []
        func add(_ name: String, _ entries: [Int?], _ total: Int?) {
            guard let total else { return }
            let published = entries.compactMap { $0 }.reduce(0, +)
            result.append(LineExposure(line: name, total: total, suppressedCount: entries.filter { $0 == nil }.count,
                                       suppressedSum: total - published))
        }
        let columns = table.columnTotals.count
        for (i, row) in table.cells.enumerated() { add("row \(i)", row, table.rowTotals[i]) }
        for j in 0..<columns { add("column \(j)", table.cells.map { $0[j] }, table.columnTotals[j]) }
        add("row totals", table.rowTotals, table.grandTotal)
        add("column totals", table.columnTotals, table.grandTotal)
        return result
    }

    /// The ranges a reader can narrow the suppressed entries of `table` to by combining all its lines: every
    /// suppressed entry starts at `[1, ∞)` (zeros are published) and every line `Σ cells = total` bounds each of its
    /// unknowns by the bounds of the others (interval propagation to a fixed point). The result contains the exact
    /// linear-programming range; nil for a published entry.
    public struct Intervals: Sendable, Equatable {
        /// The range of each suppressed cell; nil for a published one.
        public var cells: [[ClosedRange<Double>?]]
        /// The range of each suppressed row total.
        public var rowTotals: [ClosedRange<Double>?]
        /// The range of each suppressed column total.
        public var columnTotals: [ClosedRange<Double>?]
        /// The range of the grand total if suppressed.
        public var grandTotal: ClosedRange<Double>?

        /// Every suppressed entry's range, named.
        public var all: [(String, ClosedRange<Double>)] {
            var list: [(String, ClosedRange<Double>)] = []
            for (i, row) in cells.enumerated() { for (j, r) in row.enumerated() { if let r { list.append(("cell \(i),\(j)", r)) } } }
            for (i, r) in rowTotals.enumerated() { if let r { list.append(("row total \(i)", r)) } }
            for (j, r) in columnTotals.enumerated() { if let r { list.append(("column total \(j)", r)) } }
            if let grandTotal { list.append(("grand total", grandTotal)) }
            return list
        }
    }

    /// See ``Intervals``.
    public static func narrowestIntervals(_ table: PublishedTable) -> Intervals {
        let rows = table.cells.count, columns = table.columnTotals.count
        // Entries: cells (row-major), then row totals, column totals, grand total.
        func cell(_ i: Int, _ j: Int) -> Int { i * columns + j }
        func rowTotal(_ i: Int) -> Int { rows * columns + i }
        func columnTotal(_ j: Int) -> Int { rows * columns + rows + j }
        let grand = rows * columns + rows + columns
        var known = [Double?](repeating: nil, count: grand + 1)
        for i in 0..<rows { for j in 0..<columns { known[cell(i, j)] = table.cells[i][j].map(Double.init) } }
        for i in 0..<rows { known[rowTotal(i)] = table.rowTotals[i].map(Double.init) }
        for j in 0..<columns { known[columnTotal(j)] = table.columnTotals[j].map(Double.init) }
        known[grand] = table.grandTotal.map(Double.init)
        // Each line: Σ entries − total = 0, as (entry, coefficient) pairs.
        var lines: [[(Int, Double)]] = []
        for i in 0..<rows { lines.append((0..<columns).map { (cell(i, $0), 1) } + [(rowTotal(i), -1)]) }
        for j in 0..<columns { lines.append((0..<rows).map { (cell($0, j), 1) } + [(columnTotal(j), -1)]) }
        lines.append((0..<rows).map { (rowTotal($0), 1) } + [(grand, -1)])
        lines.append((0..<columns).map { (columnTotal($0), 1) } + [(grand, -1)])
        var low = known.map { $0 ?? 1 }, high = known.map { $0 ?? .infinity }
        var changed = true, sweeps = 0
        while changed && sweeps < 10_000 {
            changed = false
            sweeps += 1
            for line in lines {
                let b = -line.filter { known[$0.0] != nil }.reduce(0.0) { $0 + $1.1 * known[$1.0]! }
                let unknown = line.filter { known[$0.0] == nil }
                for (u, a) in unknown {
                    var minRest = 0.0, maxRest = 0.0
                    for (v, c) in unknown where v != u {
                        minRest += c > 0 ? c * low[v] : c * high[v]
                        maxRest += c > 0 ? c * high[v] : c * low[v]
                    }
                    // a·x_u = b − rest
                    var lo = a > 0 ? b - maxRest : minRest - b, hi = a > 0 ? b - minRest : maxRest - b
                    lo = lo.isFinite ? lo.rounded(.up) : lo
                    hi = hi.isFinite ? hi.rounded(.down) : hi
                    if lo > low[u] { low[u] = lo; changed = true }
                    if hi < high[u] { high[u] = hi; changed = true }
                }
            }
        }
        func range(_ e: Int) -> ClosedRange<Double>? { known[e] == nil ? low[e]...max(low[e], high[e]) : nil }
        return Intervals(cells: (0..<rows).map { i in (0..<columns).map { range(cell(i, $0)) } },
                         rowTotals: (0..<rows).map { range(rowTotal($0)) },
                         columnTotals: (0..<columns).map { range(columnTotal($0)) },
                         grandTotal: range(grand))
    }

    /// Whether `table` satisfies the rule: every line with a published total is safe (``lineIsSafe``) and no
    /// suppressed entry's propagated range (``narrowestIntervals(_:)``) is narrower than ``minimumCell``.
    public func isSafe(_ table: PublishedTable) -> Bool {
        Disclosure.lineExposures(table).allSatisfy { lineIsSafe(suppressedCount: $0.suppressedCount, suppressedSum: $0.suppressedSum) }
            && Disclosure.narrowestIntervals(table).all.allSatisfy { $0.1.upperBound - $0.1.lowerBound >= Double(minimumCell) }
    }

    /// The suppressed cells of a two-way table of counts whose row and column totals can be known (``protect``).
    public func suppressTable(_ counts: [[Int]]) -> [[Bool]] { protect(counts).cells }

    /// Primary and secondary suppression of a two-way table of counts with its row, column and grand totals (see the
    /// type's documentation). Totals listed in `suppressedRowTotals` / `suppressedColumnTotals` are suppressed from
    /// the start (a total shared with another table that suppressed it).
    public func protect(_ counts: [[Int]], suppressedRowTotals: Set<Int> = [], suppressedColumnTotals: Set<Int> = [],
                        suppressedGrandTotal: Bool = false) -> Suppression {
        let rows = counts.count, columns = counts.first?.count ?? 0
        let rowSum = counts.map { $0.reduce(0, +) }
        let columnSum = (0..<columns).map { j in counts.reduce(0) { $0 + $1[j] } }
        let grand = rowSum.reduce(0, +)
        var s = Suppression(cells: counts.map { $0.map { $0 > 0 && $0 < minimumCell } },
                            rowTotals: Array(repeating: false, count: rows),
                            columnTotals: Array(repeating: false, count: columns), grandTotal: false)
        func suppressRow(_ i: Int) {
            s.rowTotals[i] = rowSum[i] > 0
            for j in 0..<columns where counts[i][j] > 0 { s.cells[i][j] = true }
        }
        func suppressColumn(_ j: Int) {
            s.columnTotals[j] = columnSum[j] > 0
            for i in 0..<rows where counts[i][j] > 0 { s.cells[i][j] = true }
        }
        func withholdAll() {
            for i in 0..<rows { suppressRow(i) }
            for j in 0..<columns { suppressColumn(j) }
            s.grandTotal = grand > 0
        }
        if !allows(grand) || suppressedGrandTotal {
            withholdAll()
            return s
        }
        for i in 0..<rows where !allows(rowSum[i]) || suppressedRowTotals.contains(i) { suppressRow(i) }
        for j in 0..<columns where !allows(columnSum[j]) || suppressedColumnTotals.contains(j) { suppressColumn(j) }

        /// Makes one unsafe line of cells safer: suppresses its smallest published non-zero cell, or its total.
        func repair(_ cells: [(Int, Int)], total: () -> Void) -> Bool {
            let hidden = cells.filter { s.cells[$0.0][$0.1] }
            guard !lineIsSafe(suppressedCount: hidden.count, suppressedSum: hidden.reduce(0) { $0 + counts[$1.0][$1.1] }) else { return false }
            if let k = cells.filter({ !s.cells[$0.0][$0.1] && counts[$0.0][$0.1] > 0 })
                .min(by: { counts[$0.0][$0.1] < counts[$1.0][$1.1] }) {
                s.cells[k.0][k.1] = true
            } else {
                total()
            }
            return true
        }
        /// Makes the line of row (or column) totals safer: suppresses the smallest published non-zero total with its
        /// row (column), or withholds the table.
        func repairTotals(_ sums: [Int], _ hiddenTotals: [Bool], suppress: (Int) -> Void) -> Bool {
            let hidden = sums.indices.filter { hiddenTotals[$0] }
            guard !lineIsSafe(suppressedCount: hidden.count, suppressedSum: hidden.reduce(0) { $0 + sums[$1] }) else { return false }
            if let k = sums.indices.filter({ !hiddenTotals[$0] && sums[$0] > 0 }).min(by: { sums[$0] < sums[$1] }) {
                suppress(k)
            } else {
                withholdAll()
            }
            return true
        }

        var changed = true
        while changed && !s.grandTotal {
            changed = false
            for i in 0..<rows where !s.rowTotals[i] && repair((0..<columns).map { (i, $0) }, total: { suppressRow(i) }) { changed = true }
            for j in 0..<columns where !s.columnTotals[j] && repair((0..<rows).map { ($0, j) }, total: { suppressColumn(j) }) { changed = true }
            if s.grandTotal { break }
            if repairTotals(rowSum, s.rowTotals, suppress: suppressRow) { changed = true }
            if s.grandTotal { break }
            if repairTotals(columnSum, s.columnTotals, suppress: suppressColumn) { changed = true }
            if changed || s.grandTotal { continue }
            // Every line is safe on its own; combined lines may still narrow an entry (a cell lies in a row and a
            // column). Suppress the smallest published non-zero cell in the row or column of such an entry.
            switch narrowAudit(counts, s) {
            case .safe: break
            case .suppress(let i, let j): s.cells[i][j] = true; changed = true
            case .withhold: withholdAll()
            }
        }
        return s
    }

    /// One step of the combined audit: if some suppressed entry's propagated range is narrower than the minimum, one
    /// more cell in its row or column (for a total: anywhere in the table) is suppressed, or — if none is left — the
    /// table is withheld.
    private func narrowAudit(_ counts: [[Int]], _ s: Suppression) -> AuditStep {
        let intervals = Disclosure.narrowestIntervals(s.published(counts))
        let narrow = { (r: ClosedRange<Double>?) in r.map { $0.upperBound - $0.lowerBound < Double(minimumCell) } ?? false }
        let rows = counts.count, columns = counts.first?.count ?? 0
        let everyCell = (0..<rows).flatMap { r in (0..<columns).map { (r, $0) } }
        var lines: [[(Int, Int)]] = []
        for i in 0..<rows {
            for j in 0..<columns where narrow(intervals.cells[i][j]) {
                lines.append((0..<columns).map { (i, $0) } + (0..<rows).map { ($0, j) })
            }
        }
        if intervals.rowTotals.contains(where: narrow) || intervals.columnTotals.contains(where: narrow)
            || narrow(intervals.grandTotal) {
            lines.append(everyCell)
        }
        guard let cells = lines.first else { return .safe }
        let candidates = cells.filter { !s.cells[$0.0][$0.1] && counts[$0.0][$0.1] > 0 }
        if let k = candidates.min(by: { counts[$0.0][$0.1] < counts[$1.0][$1.1] }) {
            return .suppress(k.0, k.1)
        } else if let k = everyCell.filter({ !s.cells[$0.0][$0.1] && counts[$0.0][$0.1] > 0 })
                    .min(by: { counts[$0.0][$0.1] < counts[$1.0][$1.1] }) {
            return .suppress(k.0, k.1)
        }
        return .withhold
    }

    private enum AuditStep { case safe, suppress(Int, Int), withhold }
}
