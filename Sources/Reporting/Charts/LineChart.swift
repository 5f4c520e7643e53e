/// A line chart with interval bands, reference lines and a legend, drawn as inline SVG: the event-study curves
/// (effects by month with their 95 % bands) and the payback curves (cumulative gain against the cost line).
///
/// Layout: the legend on top, the plot below it with the y axis (ticks, grid lines, a rotated label) on the left
/// and the x axis at the bottom. A NaN value breaks a line or a band (a suppressed month is a gap, never an
/// interpolation).
public struct LineChart: Sendable {
    /// A data series: a line, markers, or both.
    public struct Series: Sendable {
        public var name: String
        public var points: [(x: Double, y: Double)]
        public var color: String
        public var dash: String?
        public var showsLine: Bool
        public var showsMarkers: Bool

        /// A series of (x, y) points (a NaN y is a gap) with a legend name (empty: none), a colour, an optional SVG
        /// dash pattern, and a line, markers or both.
        public init(name: String, points: [(x: Double, y: Double)], color: String, dash: String? = nil,
                    showsLine: Bool = true, showsMarkers: Bool = false) {
            self.name = name
            self.points = points
            self.color = color
            self.dash = dash
            self.showsLine = showsLine
            self.showsMarkers = showsMarkers
        }
    }

    /// A shaded interval (a confidence band) from `low` to `high` at each x.
    public struct Band: Sendable {
        public var name: String
        public var points: [(x: Double, low: Double, high: Double)]
        public var color: String
        public var opacity: Double

        /// A band through the (x, low, high) points, filled in `color` at `opacity`.
        public init(name: String, points: [(x: Double, low: Double, high: Double)], color: String, opacity: Double = 0.2) {
            self.name = name
            self.points = points
            self.color = color
            self.opacity = opacity
        }
    }

    /// A reference line across the plot at a value, with an optional label.
    public struct Rule: Sendable {
        public var value: Double
        public var label: String?
        public var color: String
        public var dash: String?

        /// A reference line at `value`, grey and dashed by default.
        public init(_ value: Double, label: String? = nil, color: String = Palette.grey, dash: String? = "5 4") {
            self.value = value
            self.label = label
            self.color = color
            self.dash = dash
        }
    }

    public var title: String
    public var x: ChartAxis
    public var y: ChartAxis
    public var width: Double
    public var height: Double
    public var series: [Series] = []
    public var bands: [Band] = []
    /// Lines at y values (the cost) and at x values (the start month).
    public var horizontalRules: [Rule] = []
    public var verticalRules: [Rule] = []

    /// An empty chart with its title (the accessible name), axes and size in pixels; add series, bands and rules.
    public init(title: String, x: ChartAxis, y: ChartAxis, width: Double = 720, height: Double = 320) {
        self.title = title
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }

    /// One entry per named band and series (an empty name keeps an element out of the legend).
    var legend: Legend {
        Legend(bands.filter { !$0.name.isEmpty }.map { Legend.Entry($0.name, .box(color: $0.color, opacity: $0.opacity)) }
               + series.filter { !$0.name.isEmpty }.map { s in
                   Legend.Entry(s.name, s.showsLine ? .line(color: s.color, dash: s.dash) : .point(color: s.color, filled: true))
               })
    }

    /// The chart as an `<svg>` element.
    public var svg: String {
        let fontSize = 12.0
        let legendHeight = legend.height(width: width - 20)
        let top = 10 + legendHeight + (legendHeight > 0 ? 8 : 0) + (verticalRules.contains { $0.label != nil } ? 14 : 4)
        let bottom = height - 44
        // The y axis first, to know how wide its tick labels are.
        let yValues = series.flatMap { $0.points.map(\.y) } + bands.flatMap { $0.points.flatMap { [$0.low, $0.high] } }
            + horizontalRules.map(\.value)
        let (yProbe, yTicks) = y.scale(for: yValues, from: bottom, to: top)
        let labelWidth = yTicks.map { SVGCanvas.textWidth(y.format($0), size: fontSize) }.max() ?? 0
        let left = 10 + 16 + 6 + labelWidth + 6, right = width - 20
        let xValues = series.flatMap { $0.points.map(\.x) } + bands.flatMap { $0.points.map(\.x) } + verticalRules.map(\.value)
        let (xScale, xTicks) = x.scale(for: xValues, from: left, to: right)
        let yScale = yProbe

        var c = SVGCanvas(width: width, height: height)
        legend.draw(on: &c, x: 10, y: 8, width: width - 20)
        // Grid, axes and ticks.
        for t in yTicks {
            let py = yScale(t)
            c.line(left, py, right, py, stroke: t == 0 ? "#9A9A9A" : Palette.grid, width: 1)
            c.text(y.format(t), x: left - 6, y: py + 4, anchor: .end, size: fontSize)
        }
        c.line(left, bottom, right, bottom, stroke: Palette.ink)
        for t in xTicks {
            let px = xScale(t)
            c.line(px, bottom, px, bottom + 5, stroke: Palette.ink)
            c.text(x.format(t), x: px, y: bottom + 18, anchor: .middle, size: fontSize)
        }
        c.text(x.label, x: (left + right) / 2, y: height - 8, anchor: .middle, size: 13)
        c.text(y.label, x: 16, y: (top + bottom) / 2, anchor: .middle, size: 13, rotation: -90)
        // Bands below lines.
        for band in bands {
            for run in LineChart.runs(band.points, isPresent: { $0.low.isFinite && $0.high.isFinite }) {
                let upper = run.map { (x: xScale($0.x), y: yScale($0.high)) }
                let lower = run.reversed().map { (x: xScale($0.x), y: yScale($0.low)) }
                c.polygon(upper + lower, fill: band.color, opacity: band.opacity)
            }
        }
        for rule in horizontalRules where rule.value >= yScale.lower && rule.value <= yScale.upper {
            let py = yScale(rule.value)
            c.line(left, py, right, py, stroke: rule.color, width: 1.5, dash: rule.dash)
            // The label sits at the left end above the line (below it when the line runs along the top of the
            // plot), where rising curves such as cumulative gains have not yet arrived.
            if let label = rule.label { c.text(label, x: left + 4, y: py - top < 16 ? py + 14 : py - 5, size: 11, fill: rule.color) }
        }
        for rule in verticalRules where rule.value >= xScale.lower && rule.value <= xScale.upper {
            let px = xScale(rule.value)
            c.line(px, top, px, bottom, stroke: rule.color, width: 1.5, dash: rule.dash)
            if let label = rule.label { c.text(label, x: px + 4, y: top - 4, size: 11, fill: rule.color) }
        }
        for s in series {
            if s.showsLine {
                for run in LineChart.runs(s.points, isPresent: { $0.y.isFinite }) {
                    c.polyline(run.map { (x: xScale($0.x), y: yScale($0.y)) }, stroke: s.color, width: 2, dash: s.dash)
                }
            }
            if s.showsMarkers {
                for p in s.points where p.y.isFinite {
                    c.circle(x: xScale(p.x), y: yScale(p.y), radius: 4, fill: s.color, stroke: "#FFFFFF")
                }
            }
        }
        return c.svg(title: title)
    }

    /// The maximal runs of consecutive present points (a missing point splits a line or band).
    static func runs<P>(_ points: [P], isPresent: (P) -> Bool) -> [[P]] {
        var runs: [[P]] = [], current: [P] = []
        for p in points {
            if isPresent(p) { current.append(p) } else if !current.isEmpty { runs.append(current); current = [] }
        }
        if !current.isEmpty { runs.append(current) }
        return runs
    }
}
