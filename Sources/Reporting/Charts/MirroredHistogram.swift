/// Two histograms on common bins drawn back to back, as inline SVG: one group's bars rise above the axis, the other's
/// hang below it, each as the share of its own group in a bin, so that groups of very different sizes (participants
/// and their many comparisons) can be compared bin by bin — the propensity-score overlap plot of cobalt's
/// `bal.plot(type = "histogram", mirror = TRUE)`. A suppressed bin (NaN) draws no bar and a "..".
public struct MirroredHistogram: Sendable {
    public var title: String
    /// The bins' labels under the axis (every other one is drawn when they are many).
    public var binLabels: [String]
    /// Per bin, the share (0…1) of the upper and of the lower group; NaN: suppressed.
    public var upper: [Double]
    public var lower: [Double]
    public var upperName: String
    public var lowerName: String
    public var axisLabel: String
    public var width: Double
    public var height: Double

    /// A histogram of `upper` above and `lower` below the axis over `binLabels`, `width` × `height` pixels.
    public init(title: String, binLabels: [String], upper: [Double], lower: [Double], upperName: String, lowerName: String,
                axisLabel: String, width: Double = 460, height: Double = 300) {
        self.title = title
        self.binLabels = binLabels
        self.upper = upper
        self.lower = lower
        self.upperName = upperName
        self.lowerName = lowerName
        self.axisLabel = axisLabel
        self.width = width
        self.height = height
    }

    /// The vertical extent of the bars: the largest share, rounded up to a tick.
    var extent: Double {
        let largest = (upper + lower).filter(\.isFinite).max() ?? 0
        return max(0.05, (largest / 0.05).rounded(.up) * 0.05)
    }

    /// The chart as an `<svg>` element.
    public var svg: String {
        let legend = Legend([Legend.Entry(upperName, .box(color: Palette.blue, opacity: 1)), Legend.Entry(lowerName, .box(color: Palette.orange, opacity: 1))])
        let legendHeight = legend.height(width: width - 20)
        let left = 48.0, right = width - 12
        let top = 10 + legendHeight + 10, bottom = height - 46
        let middle = (top + bottom) / 2
        let scale = LinearScale(lower: 0, upper: extent, rangeStart: 0, rangeEnd: middle - top)
        var c = SVGCanvas(width: width, height: height)
        legend.draw(on: &c, x: 10, y: 8, width: width - 20)
        for t in LinearScale.ticks(lower: 0, upper: extent, count: 3) {
            for y in t == 0 ? [middle] : [middle - scale(t), middle + scale(t)] {
                c.line(left, y, right, y, stroke: Palette.grid)
                c.text(percent(t), x: left - 4, y: y + 4, anchor: .end, size: 11)
            }
        }
        let step = (right - left) / Double(max(1, binLabels.count))
        for b in binLabels.indices {
            let x = left + Double(b) * step
            for (values, color, up) in [(upper, Palette.blue, true), (lower, Palette.orange, false)] where b < values.count {
                let v = values[b]
                if v.isNaN {
                    c.text("..", x: x + step / 2, y: up ? middle - 4 : middle + 12, anchor: .middle, size: 10)
                } else if v > 0 {
                    let h = scale(v)
                    c.rect(x: x + 1, y: up ? middle - h : middle, width: step - 2, height: h, fill: color)
                }
            }
            if b % max(1, binLabels.count / 6) == 0 {
                c.text(binLabels[b], x: x, y: bottom + 16, anchor: .middle, size: 11)
            }
        }
        c.line(left, middle, right, middle, stroke: Palette.ink)
        c.text(axisLabel, x: (left + right) / 2, y: bottom + 36, anchor: .middle, size: 12)
        return c.svg(title: title)
    }

    /// A share as a whole percentage with a no-break space (`20 %`).
    func percent(_ x: Double) -> String { "\(Int((x * 100).rounded()))\u{A0}%" }
}
