/// Estimates with their intervals, one labelled row each against a common horizontal axis, drawn as inline SVG: the
/// forest plot of effects by group and the caterpillar plot of förbund (raw and shrunken estimates side by side).
///
/// Layout: the legend on top; the row labels on the left, a heading row in bold over the indented rows of its block
/// (a label wider than ``maxLabelWidth`` wraps onto a second line, and a longer one ends in "…"); the plot area with
/// grid lines, a solid line at ``reference`` (0: no effect), dashed ``rules`` and the axis at the bottom. Within a
/// row each series has its own height, so that two intervals of one row do not hide each other. A row without any
/// interval (a suppressed group) shows ``missingText`` instead of a mark. With an explicit domain on the axis, an
/// interval reaching beyond it ends in an arrowhead at the edge (as forest plots draw a very wide interval), and an
/// estimate beyond it is not drawn.
public struct IntervalPlot: Sendable {
    /// An estimate with its interval.
    public struct Interval: Sendable, Equatable {
        public var estimate: Double
        public var low: Double
        public var high: Double

        /// The estimate with the interval `low…high`.
        public init(_ estimate: Double, low: Double, high: Double) {
            self.estimate = estimate
            self.low = low
            self.high = high
        }
    }

    /// A row: a heading over the rows below it, or a labelled row with one interval per series (nil: none shown).
    public struct Row: Sendable {
        public var label: String
        public var isHeading: Bool
        public var intervals: [Interval?]

        /// A labelled row with one interval per series, in the order of ``IntervalPlot/series``.
        public init(_ label: String, intervals: [Interval?]) {
            self.label = label
            self.isHeading = false
            self.intervals = intervals
        }

        /// A heading over the rows that follow it, up to the next heading.
        public static func heading(_ label: String) -> Row {
            var row = Row(label, intervals: [])
            row.isHeading = true
            return row
        }
    }

    /// A kind of interval: its legend name (empty: not in the legend) and colour.
    public struct Series: Sendable {
        public var name: String
        public var color: String

        /// A series with its legend name and colour.
        public init(name: String, color: String) {
            self.name = name
            self.color = color
        }
    }

    public var title: String
    public var rows: [Row]
    public var series: [Series]
    public var axis: ChartAxis
    /// Where the solid reference line stands (0: no effect); nil: none.
    public var reference: Double? = 0
    /// Further vertical lines, dashed (e.g. the cohort's estimate).
    public var rules: [LineChart.Rule] = []
    /// Shown in a row without any interval, in place of the marks.
    public var missingText = ".."
    public var width: Double
    /// The widest the label column may be; longer labels wrap.
    public var maxLabelWidth: Double
    /// The height of a row with a one-line label.
    public var rowHeight = 20.0

    static let fontSize = 12.0, lineHeight = 14.0
    /// How far the rows under a heading are indented.
    static let indent = 12.0
    /// The vertical distance between the intervals of two series in one row.
    static let seriesGap = 6.0

    /// A plot of `rows` (intervals in the order of `series`) against `axis`, `width` pixels wide (the height follows
    /// the rows), with labels at most `maxLabelWidth` wide.
    public init(title: String, rows: [Row], series: [Series], axis: ChartAxis, width: Double = 560, maxLabelWidth: Double = 200) {
        self.title = title
        self.rows = rows
        self.series = series
        self.axis = axis
        self.width = width
        self.maxLabelWidth = maxLabelWidth
    }

    /// Whether an interval reaches beyond the axis' explicit domain (and is drawn cut, with an arrowhead).
    public var clipsIntervals: Bool {
        guard let domain = axis.domain else { return false }
        return rows.contains { $0.intervals.contains { $0.map { $0.low < domain.lowerBound || $0.high > domain.upperBound } ?? false } }
    }

    var legend: Legend { Legend(series.filter { !$0.name.isEmpty }.map { Legend.Entry($0.name, .interval(color: $0.color)) }) }

    /// Where everything goes: the plot area, the scale and its ticks, and each row's label lines and vertical span.
    struct Layout {
        var left: Double
        var right: Double
        var top: Double
        var bottom: Double
        var scale: LinearScale
        var ticks: [Double]
        var labels: [[String]]
        var rowTops: [Double]
        var rowHeights: [Double]

        /// The vertical centre of row `i`.
        func center(_ i: Int) -> Double { rowTops[i] + rowHeights[i] / 2 }
    }

    var layout: Layout {
        let size = IntervalPlot.fontSize
        let indent = rows.contains(where: \.isHeading) ? IntervalPlot.indent : 0
        let labels = rows.map { IntervalPlot.wrap($0.label, within: maxLabelWidth - ($0.isHeading ? 0 : indent), size: size) }
        let widest = zip(rows, labels).map { row, lines in
            (row.isHeading ? 0 : indent) + (lines.map { SVGCanvas.textWidth($0, size: size) }.max() ?? 0)
        }.max() ?? 0
        let left = 10 + min(widest, maxLabelWidth) + 10, right = width - 20
        let legendHeight = legend.height(width: width - 20)
        let top = 10 + legendHeight + (legendHeight > 0 ? 8 : 0) + (rules.contains { $0.label != nil } ? 16 : 4)
        let rowHeights = labels.map { max(rowHeight, Double($0.count) * IntervalPlot.lineHeight + 6) }
        var rowTops: [Double] = [], y = top
        for height in rowHeights {
            rowTops.append(y)
            y += height
        }
        let values = rows.flatMap { $0.intervals.compactMap { $0 }.flatMap { [$0.low, $0.estimate, $0.high] } }
            + rules.map(\.value) + (reference.map { [$0] } ?? [])
        let (scale, ticks) = axis.scale(for: values, from: left, to: right)
        return Layout(left: left, right: right, top: top, bottom: y, scale: scale, ticks: ticks, labels: labels,
                      rowTops: rowTops, rowHeights: rowHeights)
    }

    /// The chart as an `<svg>` element.
    public var svg: String {
        let l = layout, size = IntervalPlot.fontSize
        let indent = rows.contains(where: \.isHeading) ? IntervalPlot.indent : 0
        var c = SVGCanvas(width: width, height: l.bottom + 44)
        legend.draw(on: &c, x: 10, y: 8, width: width - 20)
        // Stripes on every other row of a block, from the label to the plot's end, so that a label leads to its marks.
        var stripe = false
        for (i, row) in rows.enumerated() {
            if row.isHeading { stripe = false; continue }
            if stripe { c.rect(x: 10, y: l.rowTops[i], width: l.right - 10, height: l.rowHeights[i], fill: "#F5F5F5") }
            stripe.toggle()
        }
        for t in l.ticks {
            c.line(l.scale(t), l.top, l.scale(t), l.bottom, stroke: Palette.grid)
            c.text(axis.format(t), x: l.scale(t), y: l.bottom + 16, anchor: .middle, size: size)
        }
        c.text(axis.label, x: (l.left + l.right) / 2, y: l.bottom + 34, anchor: .middle, size: 13)
        if let reference, reference >= l.scale.lower && reference <= l.scale.upper {
            c.line(l.scale(reference), l.top, l.scale(reference), l.bottom, stroke: Palette.ink, width: 1)
        }
        for rule in rules where rule.value >= l.scale.lower && rule.value <= l.scale.upper {
            let x = l.scale(rule.value)
            c.line(x, l.top, x, l.bottom, stroke: rule.color, width: 1.5, dash: rule.dash)
            if let label = rule.label {
                // Right of the line, or left of it where the text would run off the chart.
                let fits = x + 4 + SVGCanvas.textWidth(label, size: 11) <= width - 4
                c.text(label, x: fits ? x + 4 : x - 4, y: l.top - 5, anchor: fits ? .start : .end, size: 11, fill: rule.color)
            }
        }
        c.line(l.left, l.bottom, l.right, l.bottom, stroke: Palette.ink)
        for (i, row) in rows.enumerated() {
            let lines = l.labels[i], first = l.center(i) - Double(lines.count - 1) * IntervalPlot.lineHeight / 2
            for (j, line) in lines.enumerated() {
                c.text(line, x: row.isHeading ? 10 : 10 + indent, y: first + Double(j) * IntervalPlot.lineHeight + 4, size: size,
                       bold: row.isHeading)
            }
            guard !row.isHeading else { continue }
            if !row.intervals.contains(where: { $0 != nil }) {
                c.text(missingText, x: l.left + 6, y: l.center(i) + 4, size: size, fill: Palette.grey)
            }
            for (k, interval) in row.intervals.enumerated() where k < series.count {
                guard let interval else { continue }
                let y = l.center(i) + (Double(k) - Double(series.count - 1) / 2) * IntervalPlot.seriesGap
                let (lower, upper) = (l.scale.lower, l.scale.upper)
                c.line(l.scale(max(interval.low, lower)), y, l.scale(min(interval.high, upper)), y, stroke: series[k].color, width: 2.5)
                if interval.low < lower { c.polygon(IntervalPlot.arrowhead(x: l.left, y: y, pointing: -1), fill: series[k].color, opacity: 1) }
                if interval.high > upper { c.polygon(IntervalPlot.arrowhead(x: l.right, y: y, pointing: 1), fill: series[k].color, opacity: 1) }
                if interval.estimate >= lower && interval.estimate <= upper {
                    c.circle(x: l.scale(interval.estimate), y: y, radius: 3.5, fill: series[k].color, stroke: "#FFFFFF", strokeWidth: 1)
                }
            }
        }
        return c.svg(title: title)
    }

    /// A small triangle with its tip at (`x`, `y`), pointing left (−1) or right (+1).
    static func arrowhead(x: Double, y: Double, pointing direction: Double) -> [(x: Double, y: Double)] {
        [(x, y), (x - 6 * direction, y - 4), (x - 6 * direction, y + 4)]
    }

    /// A label broken at spaces into lines at most `width` wide: at most two, the second cut after its last word that
    /// fits and ending in "…" when the label needs more (a single word too wide for a line is cut within the word).
    static func wrap(_ label: String, within width: Double, size: Double) -> [String] {
        var lines: [String] = [], current = ""
        for word in label.split(separator: " ") {
            let candidate = current.isEmpty ? String(word) : current + " " + word
            if current.isEmpty || SVGCanvas.textWidth(candidate, size: size) <= width {
                current = candidate
            } else {
                lines.append(current)
                current = String(word)
            }
        }
        lines.append(current)
        if lines.count > 2 { lines = [lines[0], lines[1...].joined(separator: " ")] }
        return lines.map { line in
            guard SVGCanvas.textWidth(line, size: size) > width else { return line }
            var kept = Substring(line)
            while !kept.isEmpty && SVGCanvas.textWidth(String(kept) + "…", size: size) > width { kept = kept.dropLast() }
            // Cut at the last whole word where there is one.
            if line[kept.endIndex] != " ", let space = kept.lastIndex(of: " ") { kept = kept[..<space] }
            while kept.last == " " { kept = kept.dropLast() }
            return String(kept) + "…"
        }
    }
}
