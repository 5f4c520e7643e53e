/// Points per labelled row against a common horizontal axis, drawn as inline SVG: the love plot of covariate
/// balance (|standardised mean difference| before and after matching, one row per covariate, with reference
/// lines at the conventional thresholds), as cobalt's `love.plot` draws it.
public struct DotPlot: Sendable {
    /// One set of points: a value per row (NaN: no point), filled or hollow markers.
    public struct Series: Sendable {
        public var name: String
        public var values: [Double]
        public var color: String
        public var filled: Bool

        /// A series with its legend name, one value per row, a colour and filled or hollow markers.
        public init(name: String, values: [Double], color: String, filled: Bool) {
            self.name = name
            self.values = values
            self.color = color
            self.filled = filled
        }
    }

    public var title: String
    public var rows: [String]
    public var series: [Series]
    public var axis: ChartAxis
    /// Vertical reference lines (e.g. |SMD| = 0.1).
    public var rules: [LineChart.Rule] = []
    public var width: Double
    public var rowHeight = 16.0

    /// A plot of `series` over the labelled `rows` against `axis`, `width` pixels wide (the height follows the rows).
    public init(title: String, rows: [String], series: [Series], axis: ChartAxis, width: Double = 720) {
        self.title = title
        self.rows = rows
        self.series = series
        self.axis = axis
        self.width = width
    }

    var legend: Legend { Legend(series.map { Legend.Entry($0.name, .point(color: $0.color, filled: $0.filled)) }) }

    /// The chart as an `<svg>` element.
    public var svg: String {
        let fontSize = 11.0
        let legendHeight = legend.height(width: width - 20)
        let top = 10 + legendHeight + 8 + (rules.contains { $0.label != nil } ? 14 : 0)
        let left = 10 + (rows.map { SVGCanvas.textWidth($0, size: fontSize) }.max() ?? 0) + 10
        let right = width - 20
        let bottom = top + Double(rows.count) * rowHeight
        let height = bottom + 44
        let values = series.flatMap(\.values) + rules.map(\.value)
        let (scale, ticks) = axis.scale(for: values, from: left, to: right)

        var c = SVGCanvas(width: width, height: height)
        legend.draw(on: &c, x: 10, y: 8, width: width - 20)
        for t in ticks {
            c.line(scale(t), top, scale(t), bottom, stroke: Palette.grid)
            c.text(axis.format(t), x: scale(t), y: bottom + 16, anchor: .middle, size: 12)
        }
        c.text(axis.label, x: (left + right) / 2, y: bottom + 34, anchor: .middle, size: 13)
        for (i, row) in rows.enumerated() {
            let y = top + (Double(i) + 0.5) * rowHeight
            if i % 2 == 0 { c.rect(x: left, y: y - rowHeight / 2, width: right - left, height: rowHeight, fill: "#F5F5F5") }
            c.text(row, x: left - 6, y: y + 4, anchor: .end, size: fontSize)
        }
        for rule in rules where rule.value >= scale.lower && rule.value <= scale.upper {
            c.line(scale(rule.value), top, scale(rule.value), bottom, stroke: rule.color, width: 1.5, dash: rule.dash)
            if let label = rule.label { c.text(label, x: scale(rule.value) + 4, y: top - 4, size: 11, fill: rule.color) }
        }
        c.line(left, bottom, right, bottom, stroke: Palette.ink)
        for s in series {
            for (i, v) in s.values.enumerated() where v.isFinite && i < rows.count {
                c.circle(x: scale(v), y: top + (Double(i) + 0.5) * rowHeight, radius: 4,
                         fill: s.filled ? s.color : "#FFFFFF", stroke: s.color)
            }
        }
        return c.svg(title: title)
    }
}
