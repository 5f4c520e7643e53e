import Foundation

/// Numbers for people to read, in a report language's conventions:
///
/// | | Swedish (`sv`) | English (`en`) |
/// |---|---|---|
/// | decimal mark | `,` | `.` |
/// | thousands | no-break space: `82 000` | `,`: `82,000` |
/// | percent | `91,9 %` (no-break space) | `91.9%` |
/// | minus | `−` (U+2212) | `−` (U+2212) |
///
/// Rounding is `printf`'s (round half to even on the binary value) in the POSIX locale, so the text is the same on
/// every machine. A value that rounds to zero is written without a sign (never `−0,0`). Not for machine-read files:
/// CSV and JSON keep the POSIX shortest form.
public struct NumberFormat: Sendable {
    /// The language whose conventions apply.
    public var language: ReportLanguage

    /// Numbers in the conventions of `language`.
    public init(_ language: ReportLanguage) {
        self.language = language
    }

    /// The text shown for a value that is suppressed or missing.
    public static let missing = ".."

    /// `x` with `digits` decimals and grouped thousands; `..` for NaN.
    public func decimal(_ x: Double, digits: Int = 0) -> String {
        guard x.isFinite else { return x.isNaN ? NumberFormat.missing : (x > 0 ? "∞" : "−∞") }
        let plain = String(format: "%.\(max(digits, 0))f", abs(x))
        let parts = plain.split(separator: ".", maxSplits: 1)
        let whole = group(String(parts[0]))
        let fraction = parts.count > 1 ? (language == .sv ? "," : ".") + parts[1] : ""
        let isZero = !plain.contains { $0 != "0" && $0 != "." }
        return (x < 0 && !isZero ? "−" : "") + whole + fraction
    }

    /// `x` with a sign always shown (`+4,5`, `−9,1`, `0,0`).
    public func signed(_ x: Double, digits: Int = 0) -> String {
        let text = decimal(x, digits: digits)
        guard x.isFinite, !text.hasPrefix("−"), text.contains(where: { $0 != "0" && $0.isNumber }) else { return text }
        return "+" + text
    }

    /// A share (0…1) as a percentage: `91,9 %` or `91.9%`.
    public func percent(_ share: Double, digits: Int = 1) -> String {
        guard share.isFinite else { return NumberFormat.missing }
        return decimal(100 * share, digits: digits) + percentSign
    }

    /// The percent sign with its spacing (`" %"` with a no-break space in Swedish, `"%"` in English).
    public var percentSign: String { language == .sv ? "\u{00A0}%" : "%" }

    /// Inserts the thousands separator into a string of digits.
    func group(_ digits: String) -> String {
        guard digits.count > 3 else { return digits }
        let separator = language == .sv ? "\u{00A0}" : ","
        var out = "", count = 0
        for ch in digits.reversed() {
            if count > 0 && count % 3 == 0 { out.append(contentsOf: separator.reversed()) }
            out.append(ch)
            count += 1
        }
        return String(out.reversed())
    }
}
