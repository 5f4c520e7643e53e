/// Horizontal bars, each split into segments that add up to at most one (shares of a whole), drawn as inline SVG:
/// where the participants are at each time point. A segment wide enough for its value is labelled inside.
public struct StackedBarChart: Sendable {
    /// A segment kind: its legend label and colour.
    public struct Segment: Sendable {
        public var name: String
        public var color: String

        /// A segment kind with its legend label and colour.
        public init(name: String, color: String) {
            self.name = name
            self.color = color
        }
    }

    public var title: String
    /// One label per bar, top to bottom.
    public var categories: [String]
    public var segments: [Segment]
    /// `shares[bar][segment]` (0…1; NaN counts as 0).
    public var shares: [[Double]]
    public var axisLabel: String
    /// Writes a share as a label (e.g. `43 %`).
    public var format: @Sendable (Double) -> String
    public var width: Double
    public var barHeight = 26.0
    public var barGap = 12.0

    /// A chart with one bar per category and `shares[bar][segment]`, against a 0…1 axis with its label, writing shares
    /// with `format`.
    public init(title: String, categories: [String], segments: [Segment], shares: [[Double]], axisLabel: String,
                width: Double = 720, format: @escaping @Sendable (Double) -> String) {
        self.title = title
        self.categories = categories
        self.segments = segments
        self.shares = shares
        self.axisLabel = axisLabel
        self.width = width
        self.format = format
    }

    var legend: Legend { Legend(segments.map { Legend.Entry($0.name, .box(color: $0.color, opacity: 1)) }) }

    /// The chart as an `<svg>` element.
    public var svg: String {
        let fontSize = 12.0
        let left = 10 + (categories.map { SVGCanvas.textWidth($0, size: fontSize) }.max() ?? 0) + 10
        let right = width - 24
        let plotTop = 10.0
        let plotBottom = plotTop + Double(categories.count) * (barHeight + barGap)
        let legendTop = plotBottom + 44
        let height = legendTop + legend.height(width: width - 20) + 8
        let scale = LinearScale(lower: 0, upper: 1, rangeStart: left, rangeEnd: right)

        var c = SVGCanvas(width: width, height: height)
        for t in scale.ticks(count: 5) {
            c.line(scale(t), plotTop, scale(t), plotBottom, stroke: Palette.grid)
            c.text(format(t), x: scale(t), y: plotBottom + 16, anchor: .middle, size: fontSize)
        }
        c.text(axisLabel, x: (left + right) / 2, y: plotBottom + 34, anchor: .middle, size: 13)
        for (i, category) in categories.enumerated() {
            let y = plotTop + Double(i) * (barHeight + barGap) + barGap / 2
            c.text(category, x: left - 8, y: y + barHeight / 2 + 4, anchor: .end, size: fontSize)
            var start = 0.0
            for (j, segment) in segments.enumerated() {
                let share = shares[i][j].isFinite ? shares[i][j] : 0
                guard share > 0 else { continue }
                let x0 = scale(start), x1 = scale(start + share)
                c.rect(x: x0, y: y, width: x1 - x0, height: barHeight, fill: segment.color, stroke: "#FFFFFF")
                let label = format(share)
                if x1 - x0 >= SVGCanvas.textWidth(label, size: 11) + 6 {
                    c.text(label, x: (x0 + x1) / 2, y: y + barHeight / 2 + 4, anchor: .middle, size: 11,
                           fill: Palette.textColor(on: segment.color))
                }
                start += share
            }
        }
        c.line(left, plotTop, left, plotBottom, stroke: Palette.ink)
        legend.draw(on: &c, x: 10, y: legendTop, width: width - 20)
        return c.svg(title: title)
    }
}
