import Effects
import Payback
import Registers
import Reporting
import Transitions

/// The report's charts, each with its table alternative: where the participants on public support go, the love
/// plot of balance, the event studies and the payback curves.
extension HTMLReport {
    /// The main states drawn together in the transition chart (the full matrix is in `transitions.csv`).
    var stateGroups: [(label: String, states: [MainState], color: String)] {
        [(text("Sjuk- eller aktivitetsersättning", "Sickness or activity compensation"), [.sjukersattning, .aktivitetsersattning], Palette.vermillion),
         (text.state(.sjukpenning), [.sjukpenning], Palette.orange),
         (text("Aktivitetsstöd, a-kassa, etablering", "Activity support, unemployment, establishment"), [.aktivitetsstod, .akassa, .etablering], Palette.purple),
         (text.state(.ekonomisktBistand), [.ekonomisktBistand], Palette.yellow),
         (text("Arbete (även subventionerat)", "Work (incl. subsidised)"), [.subsidizedWork, .work], Palette.green),
         (text.state(.studies), [.studies], Palette.skyBlue),
         (text.state(.none), [.none], "#A6A6A6")]
    }

    var transitionsFigure: String {
        let distributions = results.supportPaths.distributions
        let groups = stateGroups
        let hidden = text("Dolda celler", "Hidden cells")
        let shares = distributions.map { d in
            groups.map { g in g.states.reduce(0) { $0 + d.share($1) } } + [d.suppressedShare]
        }
        let chart = StackedBarChart(
            title: text("Huvudsaklig försörjning för deltagare med offentlig försörjning före start", "Main support of participants on public support before the start"),
            categories: distributions.map { "\(text.timePoint($0.timePoint)) (n = \(text.count($0.persons)))" },
            segments: groups.map { StackedBarChart.Segment(name: $0.label, color: $0.color) } + [StackedBarChart.Segment(name: hidden, color: "#EDEDED")],
            shares: shares, axisLabel: text("Andel av deltagarna", "Share of participants"), width: 960,
            format: { [format = text.format] in format.percent($0, digits: 0) })
        // Transposed against the chart (a column per time point), so that the table stays narrow.
        let labels = groups.map(\.label) + [hidden]
        let table = HTMLTable(header: [.text(text("Försörjning", "Support"))] + distributions.map { .number(text.timePoint($0.timePoint)) },
                              rows: [[.text("n")] + distributions.map { .number(text.count($0.persons)) }]
                                  + labels.indices.map { j in [.text(labels[j])] + shares.map { .number(text.percent($0[j])) } })
        return figure(chart.svg, caption: text("Deltagare som hade offentlig försörjning månaden före start och som observeras vid avslut (staplarna efter avslut: de som observeras vid respektive tidpunkt). Summor av de publicerade cellerna i transitions.csv; dolda celler är celler som döljs av röjandekontrollen.",
                                               "Participants on public support in the month before the start who are observed at exit (the bars after exit: those observed at each time point). Sums of the published cells of transitions.csv; hidden cells are those withheld by disclosure control."),
                      table: table)
    }

    var loveFigure: String {
        let balance = results.matched.balance
        let after = Dictionary(balance.filter { $0.sample == "matched" }.map { ($0.covariate, $0) }, uniquingKeysWith: { a, _ in a })
        // Rows sorted by the imbalance before matching, largest first (as cobalt's love plot).
        let rows = balance.filter { $0.sample == "all" }
            .map { (row: $0, before: abs($0.standardizedMeanDifference ?? .nan), after: abs(after[$0.covariate]?.standardizedMeanDifference ?? .nan)) }
            .sorted { ($0.before.isNaN ? -1 : $0.before) > ($1.before.isNaN ? -1 : $1.before) }
        let format = text.format
        var plot = DotPlot(title: text("Balans före och efter matchning", "Balance before and after matching"),
                           rows: rows.map(\.row.covariate),
                           series: [DotPlot.Series(name: text("Före matchning", "Before matching"), values: rows.map(\.before), color: Palette.vermillion, filled: false),
                                    DotPlot.Series(name: text("Efter matchning", "After matching"), values: rows.map(\.after), color: Palette.blue, filled: true)],
                           axis: ChartAxis(label: text("|Standardiserad medelvärdesskillnad|", "|Standardised mean difference|"), tickCount: 6,
                                           includesZero: true, format: { format.decimal($0, digits: $0 == $0.rounded() ? 0 : ($0 * 10 == ($0 * 10).rounded() ? 1 : 2)) }),
                           width: 960)
        plot.rules = [LineChart.Rule(0.1, label: format.decimal(0.1, digits: 1))]
        let smd = { (x: Double?) in x.map { format.decimal($0, digits: 3) } ?? NumberFormat.missing }
        let ratio = { (x: Double?) in x.map { format.decimal($0, digits: 2) } ?? "" }
        let table = HTMLTable(header: [.text(text("Kovariat", "Covariate")), .number(text("SMD före", "SMD before")), .number(text("SMD efter", "SMD after")),
                                       .number(text("Varianskvot före", "Variance ratio before")), .number(text("Varianskvot efter", "Variance ratio after"))],
                              rows: rows.map { r in
                                  [HTMLTable.Cell(r.row.covariate), .number(smd(r.row.standardizedMeanDifference)),
                                   .number(smd(after[r.row.covariate]?.standardizedMeanDifference)),
                                   .number(ratio(r.row.varianceRatio)), .number(ratio(after[r.row.covariate]?.varianceRatio))]
                              })
        return figure(plot.svg, caption: text("Standardiserad medelvärdesskillnad (SMD, med deltagarnas standardavvikelse) per kovariat i propensity-modellen; under 0,1 brukar räknas som god balans. Namnen: _12 avser månaderna −12…−1, _36 månaderna −36…−13 före start; state_before_ försörjningen månaden före; lan_ länet.",
                                              "Standardised mean difference (SMD, by the participants' standard deviation) per covariate of the propensity model; below 0.1 is conventionally good balance. Names: _12 is months −12…−1, _36 months −36…−13 before the start; state_before_ the support in the month before; lan_ the county."),
                      table: table)
    }

    func eventStudyFigure(_ outcome: Outcome) -> String {
        let effects = results.matched.effects(outcome)
        let format = text.format
        let scale = outcome.isIndicator ? 100.0 : 1.0
        func v(_ x: Double?) -> Double { x.map { $0 * scale } ?? .nan }
        let months = effects.map { Double($0.relativeMonth) }
        var chart = LineChart(title: text("Effekt per månad: \(text.outcome(outcome).lowercased())", "Effect by month: \(text.outcome(outcome).lowercased())"),
                              x: ChartAxis(label: text("Månad relativt start", "Month relative to the start"),
                                           ticks: stride(from: -24.0, through: 36, by: 6).map { $0 },
                                           domain: (months.min() ?? -24)...(months.max() ?? 36), format: { format.signed($0) }),
                              y: ChartAxis(label: text("Effekt (procentenheter)", "Effect (percentage points)"), tickCount: 6, includesZero: true,
                                           format: { format.signed($0, digits: $0 == $0.rounded() ? 0 : 1) }),
                              width: 960, height: 340)
        chart.bands = [LineChart.Band(name: text("95 % konfidensintervall", "95% confidence interval"),
                                      points: effects.map { (Double($0.relativeMonth), v($0.confidenceLow), v($0.confidenceHigh)) }, color: Palette.blue)]
        let hasBand = effects.contains { $0.bandLow != nil }
        if hasBand {
            // The simultaneous band: the outer, lighter band around the pointwise one.
            chart.bands.insert(LineChart.Band(name: text("95 % simultant band (alla månader)", "95% simultaneous band (all months)"),
                                              points: effects.map { (Double($0.relativeMonth), v($0.bandLow), v($0.bandHigh)) },
                                              color: Palette.skyBlue, opacity: 0.15), at: 0)
        }
        chart.series = [LineChart.Series(name: text("Effekt (ATT)", "Effect (ATT)"), points: effects.map { (Double($0.relativeMonth), v($0.estimate)) },
                                         color: Palette.blue, showsMarkers: false)]
        let hasBootstrap = effects.contains { $0.bootstrapLow != nil }
        if hasBootstrap {
            chart.series.append(LineChart.Series(name: text("95 % bootstrapintervall", "95% bootstrap interval"),
                                                 points: effects.map { (Double($0.relativeMonth), v($0.bootstrapLow)) }, color: Palette.vermillion, dash: "4 3"))
            chart.series.append(LineChart.Series(name: "", points: effects.map { (Double($0.relativeMonth), v($0.bootstrapHigh)) }, color: Palette.vermillion, dash: "4 3"))
        }
        chart.verticalRules = [LineChart.Rule(0, label: text("start", "start"))]
        let value = { (x: Double?) in x.map { format.signed($0 * scale, digits: 1) } ?? NumberFormat.missing }
        let level = { (x: Double?) in x.map { format.percent($0, digits: 1) } ?? NumberFormat.missing }
        var header: [HTMLTable.Cell] = [.number(text("Månad", "Month")), .number(text("Effekt", "Effect")), .number(text("95 % KI, nedre", "95% CI, low")),
                                        .number(text("95 % KI, övre", "95% CI, high"))]
        if hasBand { header += [.number(text("Simultant band, nedre", "Simultaneous band, low")), .number(text("Simultant band, övre", "Simultaneous band, high"))] }
        if hasBootstrap { header += [.number(text("Bootstrap, nedre", "Bootstrap, low")), .number(text("Bootstrap, övre", "Bootstrap, high"))] }
        header += [.number(text("Andel, deltagare", "Share, participants")), .number(text("Andel, jämförelsegrupp", "Share, comparisons"))]
        let rows: [[HTMLTable.Cell]] = effects.map { e in
            var row: [HTMLTable.Cell] = [.number(format.signed(Double(e.relativeMonth))), .number(value(e.estimate)),
                                         .number(value(e.confidenceLow)), .number(value(e.confidenceHigh))]
            if hasBand { row += [.number(value(e.bandLow)), .number(value(e.bandHigh))] }
            if hasBootstrap { row += [.number(value(e.bootstrapLow)), .number(value(e.bootstrapHigh))] }
            return row + [.number(level(e.meanTreated)), .number(level(e.meanControl))]
        }
        return "<h3>\(escapeHTML(text.outcome(outcome)))</h3>\n"
            + figure(chart.svg, caption: text("Effekt i procentenheter på \(shareText(outcome)); månad 0 är startmånaden. Det mörkare bandet täcker effekten i varje enskild månad med 95 % sannolikhet, det ljusare hela kurvan på en gång: läs bara in en form i kurvan (en topp, en nedgång) som håller inom det ljusa bandet. Tabellen visar även andelen bland deltagarna och i jämförelsegruppen. \(disclosureNote)",
                                              "Effect in percentage points on \(shareText(outcome)); month 0 is the start month. The darker band covers the effect in each single month with 95% probability, the lighter one the whole curve at once: only read a shape into the curve (a peak, a decline) that holds within the light band. The table also shows the share among the participants and the comparisons. \(disclosureNote)"),
                     table: HTMLTable(header: header, rows: rows))
    }

    /// "The share …" of an indicator outcome, or the outcome's name.
    func shareText(_ outcome: Outcome) -> String {
        Indicator(rawValue: outcome.rawValue).map { text.share(of: $0) } ?? text.outcome(outcome).lowercased()
    }

    func paybackFigure(_ perspective: Perspective) -> String {
        let p = results.payback, horizon = p.model.horizonMonths
        let format = text.format
        let sources: [(name: String, color: String, dash: String?)] = [("counterfactual", Palette.blue, nil), ("naive", Palette.orange, "7 4")]
        let curves = sources.map { (source: $0, curve: p.curve($0.name, perspective)) }
        let cost = curves.compactMap(\.curve).first?.cost ?? 0
        var chart = LineChart(title: text("Återbetalning, \(text.perspective(perspective).lowercased())", "Payback, \(text.perspective(perspective).lowercased())"),
                              x: ChartAxis(label: text("Månader efter start", "Months after the start"),
                                           ticks: stride(from: 0.0, through: Double(horizon), by: Double(max(horizon / 5, 1))).map { $0 },
                                           domain: 0...Double(horizon), format: { format.decimal($0) }),
                              y: ChartAxis(label: text("Kumulativ diskonterad vinst (kr)", "Cumulative discounted gain (SEK)"), tickCount: 5,
                                           includesZero: true, format: { format.decimal($0) }),
                              width: 500, height: 300)
        for (source, curve) in curves {
            guard let curve else { continue }
            chart.series.append(LineChart.Series(name: text.source(source.name),
                                                 points: [(0, 0)] + curve.cumulativeDiscounted.enumerated().map { (Double($0.offset + 1), $0.element) },
                                                 color: source.color, dash: source.dash))
            if let m = curve.paybackMonth {
                chart.series.append(LineChart.Series(name: "", points: [(Double(m), curve.cumulativeDiscounted[m - 1])], color: source.color,
                                                     showsLine: false, showsMarkers: true))
            }
        }
        if cost > 0 { chart.horizontalRules = [LineChart.Rule(cost, label: text("Kostnad \(text.kronor(cost))", "Cost \(text.kronor(cost))"), color: Palette.black)] }
        let months = Array(stride(from: 6, through: horizon, by: 6))
        let table = HTMLTable(header: [.number(text("Månad", "Month"))] + curves.map { .number(text.source($0.source.name)) },
                              rows: months.map { m in
                                  [.number(format.decimal(Double(m)))] + curves.map { .number(text.kronor($0.curve?.cumulativeDiscounted[m - 1])) }
                              })
        let caption = cost > 0
            ? text("Kostnad \(text.kronor(cost)); återbetalningstid naiv \(text.payback(curves[1].curve, horizon: horizon)), kontrafaktisk \(text.payback(curves[0].curve, horizon: horizon)).",
                   "Cost \(text.kronor(cost)); payback naive \(text.payback(curves[1].curve, horizon: horizon)), counterfactual \(text.payback(curves[0].curve, horizon: horizon)).")
            : text("Ingen kostnad för detta perspektiv: kurvorna visar bara vinsten.", "No cost for this perspective: the curves show the gain only.")
        return "<div>\n<h3>\(escapeHTML(text.perspective(perspective)))</h3>\n" + figure(chart.svg, caption: caption, table: table) + "\n</div>"
    }
}
