/// A chart legend: swatches with labels laid out left to right, wrapping to new rows within the chart's width.
public struct Legend: Sendable {
    /// How an entry's swatch is drawn.
    public enum Swatch: Sendable {
        /// A line (dashed or solid), as a data series.
        case line(color: String, dash: String?)
        /// A filled box, as a band or a bar segment.
        case box(color: String, opacity: Double)
        /// A point marker, filled or hollow.
        case point(color: String, filled: Bool)
        /// A point on a line: an estimate with its interval.
        case interval(color: String)
    }

    /// One legend entry: a label and its swatch.
    public struct Entry: Sendable {
        public var label: String
        public var swatch: Swatch

        /// An entry with a label and a swatch.
        public init(_ label: String, _ swatch: Swatch) {
            self.label = label
            self.swatch = swatch
        }
    }

    /// The entries, in drawing order.
    public var entries: [Entry]
    static let rowHeight = 18.0, swatchWidth = 22.0, gap = 16.0, fontSize = 12.0

    /// A legend of the entries, in order.
    public init(_ entries: [Entry]) {
        self.entries = entries
    }

    /// The entries' positions (x of the swatch, row) when wrapped within `width`.
    func layout(width: Double) -> [(x: Double, row: Int)] {
        var x = 0.0, row = 0
        return entries.map { e in
            let w = Legend.swatchWidth + 6 + SVGCanvas.textWidth(e.label, size: Legend.fontSize)
            if x > 0 && x + w > width { x = 0; row += 1 }
            defer { x += w + Legend.gap }
            return (x, row)
        }
    }

    /// The height the legend takes within `width` (0 without entries).
    public func height(width: Double) -> Double {
        guard !entries.isEmpty else { return 0 }
        return Double((layout(width: width).map(\.row).max() ?? 0) + 1) * Legend.rowHeight
    }

    /// Draws the legend with its top-left corner at (`x`, `y`).
    public func draw(on canvas: inout SVGCanvas, x: Double, y: Double, width: Double) {
        for (entry, place) in zip(entries, layout(width: width)) {
            let left = x + place.x, middle = y + Double(place.row) * Legend.rowHeight + Legend.rowHeight / 2
            switch entry.swatch {
            case .line(let color, let dash):
                canvas.line(left, middle, left + Legend.swatchWidth, middle, stroke: color, width: 2.5, dash: dash)
            case .box(let color, let opacity):
                canvas.rect(x: left, y: middle - 6, width: Legend.swatchWidth, height: 12, fill: color, opacity: opacity)
            case .point(let color, let filled):
                canvas.circle(x: left + Legend.swatchWidth / 2, y: middle, radius: 4, fill: filled ? color : "#FFFFFF", stroke: color)
            case .interval(let color):
                canvas.line(left, middle, left + Legend.swatchWidth, middle, stroke: color, width: 2.5)
                canvas.circle(x: left + Legend.swatchWidth / 2, y: middle, radius: 3.5, fill: color, stroke: "#FFFFFF", strokeWidth: 1)
            }
            canvas.text(entry.label, x: left + Legend.swatchWidth + 6, y: middle + 4, size: Legend.fontSize)
        }
    }
}
