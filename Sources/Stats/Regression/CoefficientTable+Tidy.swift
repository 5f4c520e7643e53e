/// The tidy table: one row per term with the columns
/// `term, estimate, std_error, statistic, p_value, conf_low, conf_high` (aliased terms: empty numbers).
extension CoefficientTable {
    public static let tidyHeader = ["term", "estimate", "std_error", "statistic", "p_value", "conf_low", "conf_high"]

    /// Whether `line` is the header of a tidy table in either CSV dialect (recognises an earlier `--out` file).
    public static func isTidyHeader(_ line: String) -> Bool {
        CSVDialect.allCases.contains { line == tidyHeader.joined(separator: String(UnicodeScalar($0.separator))) }
    }

    public var tidyRows: [[CSVWriter.Cell]] {
        rows.map { r in
            [.text(r.term), .number(r.estimate), .number(r.standardError), .number(r.statistic), .number(r.pValue),
             .number(r.confidenceLow), .number(r.confidenceHigh)]
        }
    }

    /// The tidy table as CSV text.
    public func tidyCSV(dialect: CSVDialect) -> String {
        CSVWriter(dialect: dialect).render(header: Self.tidyHeader, rows: tidyRows)
    }
}
