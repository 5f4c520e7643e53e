import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
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

    /// A forest plot of groups under headings: well-formed SVG, the rows top to bottom in the order given, one mark per
    /// interval, and a suppressed group as a row that shows ".." and no mark.
    @Test func theIntervalPlotKeepsItsRowsInOrderAndShowsASuppressedRowWithoutAMark() throws {
        let plot = IntervalPlot(title: "Effekt per grupp & kön",
                                rows: [.init("Hela kohorten", intervals: [.init(-9, low: -12, high: -6)]),
                                       .heading("Kön"),
                                       .init("Kvinnor", intervals: [.init(-10, low: -14, high: -6)]),
                                       .init("Män", intervals: [.init(-8, low: -13, high: -3)]),
                                       .heading("Åldersgrupp"),
                                       .init("16–29 år", intervals: [nil]),
                                       .init("30–49 år", intervals: [.init(-5, low: -10, high: 0)])],
                                series: [.init(name: "", color: Palette.blue)],
                                axis: ChartAxis(label: "Effekt (procentenheter)", includesZero: true, format: { String($0) }))
        let svg = plot.svg
        #expect(XMLParser(data: Data(svg.utf8)).parse(), "the SVG is not well-formed XML")
        #expect(svg.contains("aria-label=\"Effekt per grupp &amp; kön\""))
        let labels = ["Hela kohorten", "Kön", "Kvinnor", "Män", "Åldersgrupp", "16–29 år", "30–49 år"]
        let positions = try labels.map { try #require(svg.range(of: ">\($0)</text>"), "no label \($0)").lowerBound }
        #expect(positions == positions.sorted(), "the labels are not in the order of the rows")
        #expect(svg.contains("font-weight=\"bold\">Kön</text>") && !svg.contains("font-weight=\"bold\">Kvinnor</text>"))
        // Four intervals, no legend (the one series has no name); the suppressed row's centre has no mark but "..".
        #expect(svg.components(separatedBy: "<circle").count - 1 == 4)
        let layout = plot.layout
        let suppressed = SVGCanvas.number(layout.center(5))
        #expect(!svg.contains("cy=\"\(suppressed)\""), "the suppressed row has a mark")
        #expect(svg.contains("y=\"\(SVGCanvas.number(layout.center(5) + 4))\" font-size=\"12\" fill=\"\(Palette.grey)\">..</text>"))
        #expect(svg.components(separatedBy: ">..</text>").count - 1 == 1)
    }

    /// The zero line and the intervals sit where the scale puts their values: labels 10 characters wide (69.6 px at
    /// 12 px), so the plot runs from 10 + 69.6 + 10 = 89.6 to 500 − 20 = 480 px, and on −10…30 zero is a quarter of
    /// the way: 89.6 + 390.4 / 4 = 187.2 px.
    @Test func theIntervalPlotsZeroLineStandsWhereTheScalePutsZero() {
        let plot = IntervalPlot(title: "t", rows: [.init("ABCDEFGHIJ", intervals: [.init(5, low: -10, high: 30)])],
                                series: [.init(name: "", color: Palette.blue)],
                                axis: ChartAxis(label: "x", domain: -10...30, format: { String($0) }), width: 500)
        let layout = plot.layout
        #expect(abs(layout.left - 89.6) < 1e-9 && layout.right == 480)
        #expect(abs(layout.scale(0) - 187.2) < 1e-9 && abs(layout.scale(5) - 236) < 1e-9)
        let svg = plot.svg
        let (top, bottom) = (SVGCanvas.number(layout.top), SVGCanvas.number(layout.bottom))
        #expect(svg.contains("<line x1=\"187.2\" y1=\"\(top)\" x2=\"187.2\" y2=\"\(bottom)\" stroke=\"\(Palette.ink)\""), "no zero line at 187.2")
        let y = SVGCanvas.number(layout.center(0))
        #expect(svg.contains("<line x1=\"89.6\" y1=\"\(y)\" x2=\"480\" y2=\"\(y)\" stroke=\"\(Palette.blue)\""), "the interval −10…30 is not drawn across the plot")
        #expect(svg.contains("<circle cx=\"236\" cy=\"\(y)\""))
    }

    /// Two series in a row sit one above the other, and a rule is drawn dashed with its label; long labels wrap onto
    /// two lines at most, the second ending in "…".
    @Test func theIntervalPlotSeparatesSeriesAndWrapsLongLabels() {
        var plot = IntervalPlot(title: "t", rows: [.init("Förbund A", intervals: [.init(-12, low: -20, high: -4), .init(-10, low: -14, high: -6)])],
                                series: [.init(name: "raw", color: Palette.skyBlue), .init(name: "shrunken", color: Palette.blue)],
                                axis: ChartAxis(label: "x", includesZero: true, format: { String($0) }))
        plot.rules = [LineChart.Rule(-9, label: "cohort")]
        let svg = plot.svg, layout = plot.layout
        let center = layout.center(0)
        #expect(svg.contains("cy=\"\(SVGCanvas.number(center - 3))\"") && svg.contains("cy=\"\(SVGCanvas.number(center + 3))\""))
        #expect(svg.contains("stroke-dasharray=\"5 4\"") && svg.contains(">cohort</text>"))
        #expect(svg.contains(">raw</text>") && svg.contains(">shrunken</text>"))
        #expect(IntervalPlot.wrap("Samordningsförbundet Blekinge", within: 240, size: 12) == ["Samordningsförbundet Blekinge"])
        let name = "Samordningsförbundet Bengtsfors, Åmål, Dals-Ed, Säffle och Årjäng (BÅD-ESÅ)"
        let lines = IntervalPlot.wrap(name, within: 200, size: 12)
        #expect(lines.count == 2 && lines[0] == "Samordningsförbundet" && lines[1].hasSuffix("…"))
        #expect(lines.allSatisfy { SVGCanvas.textWidth($0, size: 12) <= 200 })
        #expect(IntervalPlot.wrap("A long label that has to wrap onto a second line", within: 100, size: 12) == ["A long label", "that has to…"])
    }

    /// With an explicit domain an interval reaching beyond it is cut at the plot's edge with an arrowhead there; its
    /// estimate inside is still drawn. Without one the axis covers every interval and nothing is cut.
    @Test func anIntervalBeyondTheDomainEndsInAnArrowhead() {
        let plot = IntervalPlot(title: "t", rows: [.init("A", intervals: [.init(5, low: -40, high: 20)]),
                                                   .init("B", intervals: [.init(0, low: -5, high: 5)])],
                                series: [.init(name: "", color: Palette.blue)],
                                axis: ChartAxis(label: "x", domain: -10...30, format: { String($0) }), width: 500)
        #expect(plot.clipsIntervals)
        let svg = plot.svg, layout = plot.layout
        let (left, y) = (SVGCanvas.number(layout.left), SVGCanvas.number(layout.center(0)))
        #expect(svg.components(separatedBy: "<polygon").count - 1 == 1)
        #expect(svg.contains("<polygon points=\"\(left),\(y) "), "no arrowhead at the left edge")
        #expect(svg.contains("<line x1=\"\(left)\" y1=\"\(y)\""), "the cut interval does not start at the edge")
        #expect(svg.components(separatedBy: "<circle").count - 1 == 2)
        var whole = plot
        whole.axis.domain = nil
        #expect(!whole.clipsIntervals && !whole.svg.contains("<polygon"))
    }
}

/// The mirrored histogram: the upper group's bars rise above the axis and the lower group's hang below it, each as
/// tall as its share on the common scale; a suppressed bin draws "..".
@Suite struct MirroredHistogramTests {
    @Test func barsStandOnEitherSideOfTheAxisInProportion() {
        let chart = MirroredHistogram(title: "t", binLabels: ["a", "b", "c"], upper: [0.5, 0.25, .nan], lower: [0.1, 0.2, 0.7],
                                      upperName: "up", lowerName: "down", axisLabel: "x")
        #expect(abs(chart.extent - 0.7) < 1e-12)
        let svg = chart.svg
        let rects = svg.components(separatedBy: "<rect").dropFirst().map { String($0.prefix { $0 != ">" }) }
        func attribute(_ r: String, _ name: String) -> Double {
            let start = r.range(of: "\(name)=\"")!.upperBound
            return Double(r[start...].prefix { $0 != "\"" })!
        }
        let bars = rects.filter { $0.contains(Palette.blue) || $0.contains(Palette.orange) }.filter { !$0.contains("width=\"10") }
        let up = bars.filter { $0.contains(Palette.blue) }, down = bars.filter { $0.contains(Palette.orange) }
        // Two upper bars (the third is suppressed), three lower ones; heights in the ratio of the shares.
        #expect(up.count == 2 + 1 && down.count == 3 + 1, "\(up.count) \(down.count)")   // + the legend's swatches
        let upBars = up.filter { attribute($0, "height") > 12 || attribute($0, "y") > 30 }
        let heights = upBars.map { attribute($0, "height") }.sorted()
        #expect(heights.count == 2 && abs(heights[1] / heights[0] - 2) < 0.02, "\(heights)")
        let axis = down.filter { attribute($0, "y") > 30 }.map { attribute($0, "y") }
        #expect(Set(axis).count == 1, "lower bars hang from one line")
        #expect(upBars.allSatisfy { abs(attribute($0, "y") + attribute($0, "height") - axis[0]) < 0.11 })
        #expect(svg.contains(">..<"))
    }
}
