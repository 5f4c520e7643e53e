/// Statistical disclosure control (DESIGN §7): every aggregate that rests on fewer than `minimumCell` persons is
/// suppressed, and so is a second cell where one suppressed cell could otherwise be recovered from a row or column
/// total.
///
/// No official minimum cell size is published by SCB or Försäkringskassan; 5 is the conservative default
/// (DOMAIN.md §6).
public struct Disclosure: Sendable {
    /// The smallest number of persons an aggregate may rest on.
    public var minimumCell: Int

    /// Disclosure control with a minimum cell of `minimumCell` persons.
    public init(minimumCell: Int = 5) {
        self.minimumCell = minimumCell
    }

    /// Whether an aggregate over `persons` persons may be shown (0 persons is an empty cell, not a disclosure).
    public func allows(_ persons: Int) -> Bool { persons == 0 || persons >= minimumCell }

    /// Primary and secondary suppression of a two-way table of counts whose row and column totals can be known
    /// (published, or derivable from other outputs): cells below the threshold are suppressed, and so is every
    /// non-zero cell of a row whose total is below it; then, as long as some row or column holds exactly one
    /// suppressed cell, its smallest other non-zero cell is suppressed too. Every row and column ends with no
    /// suppressed cell or at least two (unless it has no other non-zero cell), so no single suppressed count follows
    /// from a total by subtraction (the usual heuristic of secondary suppression; Hundepool et al. 2012, §5.2).
    public func suppressTable(_ counts: [[Int]]) -> [[Bool]] {
        let columns = counts.first?.count ?? 0
        var suppressed = counts.map { row in
            allows(row.reduce(0, +)) ? row.map { $0 > 0 && $0 < minimumCell } : row.map { $0 > 0 }
        }
        /// Suppresses the smallest unsuppressed non-zero cell among `cells` if exactly one of them is suppressed.
        func protect(_ cells: [(Int, Int)]) -> Bool {
            guard cells.filter({ suppressed[$0.0][$0.1] }).count == 1,
                  let k = cells.filter({ !suppressed[$0.0][$0.1] && counts[$0.0][$0.1] > 0 })
                      .min(by: { counts[$0.0][$0.1] < counts[$1.0][$1.1] }) else { return false }
            suppressed[k.0][k.1] = true
            return true
        }
        var changed = true
        while changed {
            changed = false
            for i in counts.indices where protect((0..<columns).map { (i, $0) }) { changed = true }
            for j in 0..<columns where protect(counts.indices.map { ($0, j) }) { changed = true }
        }
        return suppressed
    }
}
