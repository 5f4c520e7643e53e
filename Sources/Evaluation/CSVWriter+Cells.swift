import Stats

extension CSVWriter.Cell {
    /// A number, or an empty cell for a suppressed (nil) value.
    static func optional(_ x: Double?) -> Self { x.map { .number($0) } ?? .missing }
    /// A count, or an empty cell for a suppressed (nil) count.
    static func count(_ n: Int?) -> Self { n.map { .number(Double($0)) } ?? .missing }
    /// The `suppressed` column: 1 or 0.
    static func flag(_ suppressed: Bool) -> Self { .number(suppressed ? 1 : 0) }
}
