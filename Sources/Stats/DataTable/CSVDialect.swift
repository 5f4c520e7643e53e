/// The two CSV dialects that are read and written: plain CSV and the Swedish spreadsheet dialect.
public enum CSVDialect: String, Sendable, CaseIterable {
    /// Swedish spreadsheet dialect: `;` separator, decimal comma, UTF-8 with BOM, CRLF line ends when written.
    case excelSwedish = "excel-sv"
    /// RFC 4180: `,` separator, `.` decimal point, LF line ends when written (R, Stata, pandas read it as is).
    case rfc4180

    public var separator: UInt8 { self == .excelSwedish ? UInt8(ascii: ";") : UInt8(ascii: ",") }
    public var decimalSeparator: UInt8 { self == .excelSwedish ? UInt8(ascii: ",") : UInt8(ascii: ".") }

    /// Detects the dialect from a header line: `;` outside quotes means the Swedish dialect.
    static func detect(headerLine: some Sequence<UInt8>) -> CSVDialect {
        var inQuotes = false
        var commas = 0
        var semicolons = 0
        for b in headerLine {
            if b == UInt8(ascii: "\"") { inQuotes.toggle() }
            if inQuotes { continue }
            if b == UInt8(ascii: ",") { commas += 1 }
            if b == UInt8(ascii: ";") { semicolons += 1 }
        }
        return semicolons > commas ? .excelSwedish : .rfc4180
    }
}
