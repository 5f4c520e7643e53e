/// Statistical disclosure control (DESIGN §7): every aggregate that rests on fewer than `minimumCell` persons is
/// suppressed, and so is a second cell where one suppressed cell could otherwise be recovered from a row total.
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

    /// Primary and secondary suppression of a row of counts that is published with its total: cells below the
    /// threshold are suppressed; if exactly one cell is then suppressed (and the total is shown), the smallest other
    /// non-zero cell is suppressed as well.
    public func suppressRow(_ counts: [Int]) -> [Bool] {
        var suppressed = counts.map { $0 > 0 && $0 < minimumCell }
        if suppressed.filter({ $0 }).count == 1 {
            let candidates = counts.indices.filter { !suppressed[$0] && counts[$0] > 0 }
            if let k = candidates.min(by: { counts[$0] < counts[$1] }) { suppressed[k] = true }
        }
        return suppressed
    }
}
