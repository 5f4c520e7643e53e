import Foundation

/// The drawing surface of the report's charts: collects SVG elements with coordinates written to one decimal
/// (so the output is deterministic and compact) and every text escaped, and wraps them in an accessible `<svg>`
/// (`role="img"`, an `aria-label` and a `<title>`).
public struct SVGCanvas: Sendable {
    /// Where a text sits relative to its point (SVG's `text-anchor`).
    public enum Anchor: String, Sendable { case start, middle, end }

    public let width: Double
    public let height: Double
    var elements: [String] = []

    /// An empty canvas of `width × height` pixels.
    public init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    /// A coordinate or length with one decimal (`-0.0` written as `0`).
    static func number(_ x: Double) -> String {
        let s = String(format: "%.1f", x)
        let trimmed = s.hasSuffix(".0") ? String(s.dropLast(2)) : s
        return trimmed == "-0" ? "0" : trimmed
    }

    /// A straight line from (`x1`, `y1`) to (`x2`, `y2`), dashed when `dash` gives an SVG `stroke-dasharray`.
    public mutating func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, stroke: String,
                              width: Double = 1, dash: String? = nil) {
        let n = SVGCanvas.number
        elements.append("<line x1=\"\(n(x1))\" y1=\"\(n(y1))\" x2=\"\(n(x2))\" y2=\"\(n(y2))\" stroke=\"\(stroke)\" stroke-width=\"\(n(width))\"\(dash.map { " stroke-dasharray=\"\($0)\"" } ?? "")/>")
    }

    /// A rectangle with its top-left corner at (`x`, `y`) (a negative size is drawn as 0), optionally outlined and
    /// translucent.
    public mutating func rect(x: Double, y: Double, width: Double, height: Double, fill: String,
                              stroke: String? = nil, opacity: Double? = nil) {
        let n = SVGCanvas.number
        elements.append("<rect x=\"\(n(x))\" y=\"\(n(y))\" width=\"\(n(max(width, 0)))\" height=\"\(n(max(height, 0)))\" fill=\"\(fill)\""
                        + (stroke.map { " stroke=\"\($0)\"" } ?? "") + (opacity.map { " fill-opacity=\"\(String(format: "%.2f", $0))\"" } ?? "") + "/>")
    }

    /// A circle centred at (`x`, `y`).
    public mutating func circle(x: Double, y: Double, radius: Double, fill: String, stroke: String, strokeWidth: Double = 1.5) {
        let n = SVGCanvas.number
        elements.append("<circle cx=\"\(n(x))\" cy=\"\(n(y))\" r=\"\(n(radius))\" fill=\"\(fill)\" stroke=\"\(stroke)\" stroke-width=\"\(n(strokeWidth))\"/>")
    }

    /// An open line through the points.
    public mutating func polyline(_ points: [(x: Double, y: Double)], stroke: String, width: Double = 2, dash: String? = nil) {
        guard points.count > 1 else { return }
        let n = SVGCanvas.number
        elements.append("<polyline points=\"" + points.map { "\(n($0.x)),\(n($0.y))" }.joined(separator: " ")
                        + "\" fill=\"none\" stroke=\"\(stroke)\" stroke-width=\"\(n(width))\" stroke-linejoin=\"round\"\(dash.map { " stroke-dasharray=\"\($0)\"" } ?? "")/>")
    }

    /// A filled closed shape through the points.
    public mutating func polygon(_ points: [(x: Double, y: Double)], fill: String, opacity: Double) {
        guard points.count > 2 else { return }
        let n = SVGCanvas.number
        elements.append("<polygon points=\"" + points.map { "\(n($0.x)),\(n($0.y))" }.joined(separator: " ")
                        + "\" fill=\"\(fill)\" fill-opacity=\"\(String(format: "%.2f", opacity))\" stroke=\"none\"/>")
    }

    /// Text at a point; `rotation` in degrees about that point (−90: reading upwards).
    public mutating func text(_ text: String, x: Double, y: Double, anchor: Anchor = .start, size: Double = 12,
                              fill: String = Palette.ink, bold: Bool = false, rotation: Double? = nil) {
        let n = SVGCanvas.number
        var attributes = "x=\"\(n(x))\" y=\"\(n(y))\" font-size=\"\(n(size))\" fill=\"\(fill)\""
        if anchor != .start { attributes += " text-anchor=\"\(anchor.rawValue)\"" }
        if bold { attributes += " font-weight=\"bold\"" }
        if let rotation { attributes += " transform=\"rotate(\(n(rotation)) \(n(x)) \(n(y)))\"" }
        elements.append("<text \(attributes)>\(escapeHTML(text))</text>")
    }

    /// The finished `<svg>` element; `title` is its accessible name.
    public func svg(title: String) -> String {
        let n = SVGCanvas.number
        return "<svg viewBox=\"0 0 \(n(width)) \(n(height))\" width=\"\(n(width))\" height=\"\(n(height))\" role=\"img\" aria-label=\"\(escapeHTML(title))\" font-family=\"system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif\">\n"
            + "<title>\(escapeHTML(title))</title>\n" + elements.joined(separator: "\n") + "\n</svg>"
    }

    /// The approximate width of a text in pixels (0.58 em per character: a sans-serif average), for layout.
    public static func textWidth(_ text: String, size: Double) -> Double { Double(text.count) * size * 0.58 }
}
