import Foundation
import Testing
@testable import Reporting

/// The SVG chart helper: tick choice, coordinate mapping, escaping, gaps and layout.
@Suite struct ChartTests {
    @Test func ticksAreOneTwoFiveStepsWithoutRoundingNoise() {
        #expect(LinearScale.ticks(lower: 0, upper: 1, count: 5) == [0, 0.2, 0.4, 0.6, 0.8, 1])
        #expect(LinearScale.ticks(lower: 0, upper: 0.3, count: 3) == [0, 0.1, 0.2, 0.3])   // not 0.30000000000000004
        #expect(LinearScale.ticks(lower: -24, upper: 36, count: 10) == [-20, -10, 0, 10, 20, 30])
        #expect(LinearScale.ticks(lower: 0, upper: 82_000, count: 5) == [0, 20_000, 40_000, 60_000, 80_000])
        #expect(LinearScale.ticks(lower: -0.13, upper: 0.06, count: 4) == [-0.1, -0.05, 0, 0.05])
        #expect(LinearScale.ticks(lower: 3, upper: 3, count: 5) == [3])
    }

    @Test func anIntervalWidensToNiceTicks() {
        let scale = LinearScale(lower: -13.2, upper: 5.7, rangeStart: 300, rangeEnd: 20).niced(count: 6)
        #expect(scale.lower == -15 && scale.upper == 10)
        #expect(scale.ticks(count: 6) == [-15, -10, -5, 0, 5, 10])
    }

    @Test func valuesMapLinearlyOntoPixelsEvenBackwards() {
        let x = LinearScale(lower: -24, upper: 36, rangeStart: 50, rangeEnd: 650)
        #expect(x(-24) == 50 && x(36) == 650 && x(0) == 290)
        let y = LinearScale(lower: 0, upper: 10, rangeStart: 300, rangeEnd: 20)   // pixels grow downwards
        #expect(y(0) == 300 && y(10) == 20 && y(2.5) == 230)
        let empty = LinearScale(lower: 4, upper: 4, rangeStart: 0, rangeEnd: 100)
        #expect(empty.lower == 3 && empty.upper == 5 && empty(4) == 50)
    }

    @Test func coordinatesHaveOneDecimalAndNoNegativeZero() {
        #expect(SVGCanvas.number(12) == "12")
        #expect(SVGCanvas.number(3.14159) == "3.1")
        #expect(SVGCanvas.number(-0.04) == "0")
        #expect(SVGCanvas.number(-2.25) == "-2.2" || SVGCanvas.number(-2.25) == "-2.3")
    }

    @Test func textIsEscapedInElementsAndAttributes() {
        #expect(escapeHTML(#"<a href="x">R&D's</a>"#) == "&lt;a href=&quot;x&quot;&gt;R&amp;D&#39;s&lt;/a&gt;")
        var chart = LineChart(title: #"Effekt "A" <script>"#,
                              x: ChartAxis(label: "x < 1 & y", format: { String($0) }),
                              y: ChartAxis(label: "y", format: { String($0) }))
        chart.series = [LineChart.Series(name: "<b>bold</b>", points: [(0, 0), (1, 1)], color: Palette.blue)]
        let svg = chart.svg
        #expect(!svg.contains("<script>") && !svg.contains("<b>"))
        #expect(svg.contains("&lt;script&gt;") && svg.contains("x &lt; 1 &amp; y") && svg.contains("aria-label=\"Effekt &quot;A&quot;"))
        #expect(svg.hasPrefix("<svg ") && svg.contains("role=\"img\"") && svg.contains("<title>"))
    }

    @Test func aMissingValueBreaksTheLineAndTheBand() {
        var chart = LineChart(title: "t", x: ChartAxis(label: "x", format: { String($0) }), y: ChartAxis(label: "y", format: { String($0) }))
        chart.series = [LineChart.Series(name: "s", points: [(0, 1), (1, 2), (2, .nan), (3, 1), (4, 0)], color: Palette.blue)]
        chart.bands = [LineChart.Band(name: "b", points: [(0, 0, 2), (1, 1, 3), (2, .nan, .nan), (3, 0, 2), (4, -1, 1)], color: Palette.blue)]
        let svg = chart.svg
        #expect(svg.components(separatedBy: "<polyline").count - 1 == 2)
        #expect(svg.components(separatedBy: "<polygon").count - 1 == 2)
        #expect(!svg.contains("nan") && !svg.contains("NaN"))
    }

    @Test func plottedPointsLandOnTheirTicks() throws {
        // A point at the top tick is drawn where that tick's grid line is.
        var chart = LineChart(title: "t", x: ChartAxis(label: "x", ticks: [0, 10], domain: 0...10, format: { String(Int($0)) }),
                              y: ChartAxis(label: "y", tickCount: 4, includesZero: true, format: { String(Int($0)) }),
                              width: 400, height: 200)
        chart.series = [LineChart.Series(name: "", points: [(10, 8)], color: Palette.blue, showsLine: false, showsMarkers: true)]
        let svg = chart.svg
        let circle = try #require(svg.range(of: #"<circle cx="([0-9.]+)" cy="([0-9.]+)""#, options: .regularExpression))
        let cy = String(svg[circle]).split(separator: "\"")[3]
        #expect(svg.contains("y1=\"\(cy)\" x2="), "the point at y = 8 is not on the grid line of tick 8")
        #expect(svg.contains(">8</text>"))
    }

    @Test func theLegendWrapsWithinTheWidth() {
        let legend = Legend((1...6).map { Legend.Entry("Entry number \($0)", .box(color: Palette.green, opacity: 1)) })
        #expect(legend.height(width: 2000) == Legend.rowHeight)
        #expect(legend.height(width: 300) > Legend.rowHeight)
        #expect(Legend([]).height(width: 300) == 0)
    }

    @Test func stackedBarsLabelOnlySegmentsWideEnough() {
        let chart = StackedBarChart(title: "t", categories: ["A", "B"],
                                    segments: [.init(name: "x", color: Palette.black), .init(name: "y", color: Palette.yellow)],
                                    shares: [[0.9, 0.1], [0.01, 0.99]], axisLabel: "share", format: { "\(Int(($0 * 100).rounded())) %" })
        let svg = chart.svg
        #expect(svg.contains(">90 %</text>") && svg.contains(">99 %</text>"))
        #expect(!svg.contains(">1 %</text>"))   // 1 % of the bar is too narrow for its label
        #expect(svg.contains("fill=\"#FFFFFF\" text-anchor=\"middle\">90 %"))   // white on black, black on yellow
        #expect(svg.contains("fill=\"#000000\" text-anchor=\"middle\">99 %"))
    }

    @Test func theDotPlotDrawsHollowAndFilledPointsAndTheRule() {
        var plot = DotPlot(title: "love", rows: ["age", "female"],
                           series: [.init(name: "before", values: [0.3, .nan], color: Palette.vermillion, filled: false),
                                    .init(name: "after", values: [0.02, 0.05], color: Palette.blue, filled: true)],
                           axis: ChartAxis(label: "|SMD|", includesZero: true, format: { String($0) }))
        plot.rules = [LineChart.Rule(0.1, label: "0.1")]
        let svg = plot.svg
        // Two legend markers plus three data points (the NaN is left out).
        #expect(svg.components(separatedBy: "<circle").count - 1 == 5)
        #expect(svg.contains("stroke-dasharray=\"5 4\""))
    }

    @Test func textContrastsWithItsBackground() {
        #expect(Palette.textColor(on: "#000000") == "#FFFFFF")
        #expect(Palette.textColor(on: Palette.yellow) == Palette.black)
        #expect(Palette.textColor(on: Palette.blue) == "#FFFFFF")
    }
}
