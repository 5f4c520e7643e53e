import Foundation

/// Writes tables as CSV in one of the two dialects, deterministically.
///
/// Numbers are written in their shortest round-trip form in the POSIX locale (never with a Swedish locale's
/// U+2212 minus or no-break-space grouping, which Excel does not parse); in the Swedish dialect the decimal point
/// then becomes a comma. Missing values are empty fields. Fields are quoted only when they must be.
public struct CSVWriter: Sendable {
    /// The dialect written.
    public var dialect: CSVDialect

    /// A writer in `dialect`.
    public init(dialect: CSVDialect) {
        self.dialect = dialect
    }

    /// A cell: text or a number (NaN is missing).
    public enum Cell: Sendable {
        case text(String)
        case number(Double)
        case missing
    }

    /// The whole file: the header, then one line per row. `excel-sv`: `;` separators, CRLF line ends and a UTF-8
    /// byte-order mark; `rfc4180`: `,` and LF.
    public func render(header: [String], rows: [[Cell]]) -> String {
        let separator = dialect == .excelSwedish ? ";" : ","
        let newline = dialect == .excelSwedish ? "\r\n" : "\n"
        var out = dialect == .excelSwedish ? "\u{FEFF}" : ""
        out += header.map(quote).joined(separator: separator) + newline
        for row in rows {
            out += row.map(format).joined(separator: separator) + newline
        }
        return out
    }

    /// One field: a number in its shortest round-trip form (with a decimal comma in `excel-sv`; `Inf`/`-Inf` for
    /// infinities), text quoted only when it must be, and an empty field for a missing value or NaN.
    public func format(_ cell: Cell) -> String {
        switch cell {
        case .missing: return ""
        case .text(let s): return quote(s)
        case .number(let x):
            if !x.isFinite { return x.isNaN ? "" : (x > 0 ? "Inf" : "-Inf") }
            let s = formatShortest(x)
            return dialect == .excelSwedish ? s.replacingOccurrences(of: ".", with: ",") : s
        }
    }

    func quote(_ s: String) -> String {
        let separator: Character = dialect == .excelSwedish ? ";" : ","
        guard s.contains(where: { $0 == separator || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
