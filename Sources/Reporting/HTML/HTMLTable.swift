/// A table for an HTML report: a header row and body rows of text cells, numbers right-aligned. Every text is
/// escaped when rendered; the table sits in a `<div class="table">` (a page can let wide tables scroll).
public struct HTMLTable: Sendable {
    /// A cell: its text and whether it holds a number (right-aligned, tabular figures).
    public struct Cell: Sendable, ExpressibleByStringLiteral {
        public var text: String
        public var numeric: Bool

        /// A cell with its text, right-aligned when `numeric`.
        public init(_ text: String, numeric: Bool = false) {
            self.text = text
            self.numeric = numeric
        }

        /// A text cell from a string literal.
        public init(stringLiteral value: String) { self.init(value) }

        /// A left-aligned text cell.
        public static func text(_ text: String) -> Cell { Cell(text) }

        /// A right-aligned cell holding a formatted number.
        public static func number(_ text: String) -> Cell { Cell(text, numeric: true) }
    }

    public var caption: String?
    public var header: [Cell]
    public var rows: [[Cell]]

    /// A table with an optional caption, a header row and body rows.
    public init(caption: String? = nil, header: [Cell], rows: [[Cell]]) {
        self.caption = caption
        self.header = header
        self.rows = rows
    }

    /// The table as HTML, every text escaped.
    public var html: String {
        func cell(_ c: Cell, _ tag: String) -> String {
            "<\(tag)\(c.numeric ? " class=\"num\"" : "")>\(escapeHTML(c.text))</\(tag)>"
        }
        var out = "<div class=\"table\"><table>"
        if let caption { out += "<caption>\(escapeHTML(caption))</caption>" }
        out += "<thead><tr>" + header.map { cell($0, "th") }.joined() + "</tr></thead>\n<tbody>\n"
        for row in rows { out += "<tr>" + row.map { cell($0, "td") }.joined() + "</tr>\n" }
        return out + "</tbody></table></div>"
    }

    /// The table folded into a `<details>` element under a summary line (a chart's table alternative).
    public func folded(summary: String) -> String {
        "<details><summary>\(escapeHTML(summary))</summary>\n\(html)\n</details>"
    }
}
