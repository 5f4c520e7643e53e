import Effects
import Reporting

/// The report's section "För vem och var?" (for whom and where): whom a restricted run evaluates, the effects by
/// group at +12 months in forest plots with the tests of equal effects, and the förbund and insatser compared
/// (`comparisonContent(_:)`).
extension HTMLReport {
    /// Below this many participants a restricted run is called small: its intervals are wide.
    static let smallScope = 50

    /// The section, or nothing when the run is not restricted, has no groups (`--by`) and compares no förbund or
    /// insatser.
    var groupsSection: String {
        let comparisons = results.local.flatMap(comparisonContent)
        let compares = results.groups != nil || !comparisons.isEmpty
        guard isRestricted || compares else { return "" }
        let intro = compares
            ? [paragraph(text("För vilka deltagare och i vilka förbund effekten gäller. Skillnader mellan grupper är osäkrare än effekten för hela kohorten: varje grupp är mindre, och bland många jämförelser blir någon skillnad stor av en slump.",
                              "For which participants and in which förbund the effect holds. Differences between groups are less certain than the effect for the whole cohort: every group is smaller, and among many comparisons some difference turns out large by chance."))]
            : []
        return section("groups", text("För vem och var?", "For whom and where?"),
                       scopeContent + intro + (results.groups.map(groupContent) ?? []) + comparisons)
    }

    /// Whether the run evaluates only the participants of chosen förbund or insatser.
    var isRestricted: Bool { results.provenance.scope != "all" }

    /// The förbund and insatser evaluated, by name, with the number of participants and, for a small group, why its
    /// intervals are wide.
    var scopeContent: [String] {
        guard isRestricted else { return [] }
        let p = results.provenance, n = results.participants
        let ownLan = p.options.contains { $0.0 == "pool" && $0.1 == ComparisonArea.sameLan.rawValue }
        var content = [paragraph(text(
            "Körningen gäller bara deltagarna i \(p.scope): \(text.count(n)) deltagare vars första insats startade \(p.cohort), varav \(text.count(results.matched.matched.treated)) matchades. Jämförelsepersonerna kommer \(ownLan ? "från deltagarens eget län" : "från hela landet").",
            "The run covers only the participants of \(p.scope): \(text.count(n)) participants whose first intervention started in \(p.cohort), of whom \(text.count(results.matched.matched.treated)) were matched. The comparisons come \(ownLan ? "from the participant's own county" : "from the whole country")."))]
        if (n ?? 0) < HTMLReport.smallScope {
            content.append("<p class=\"warning\">" + escapeHTML(text(
                "Gruppen är liten (under \(HTMLReport.smallScope) deltagare), så konfidensintervallen är breda: en effekt nära noll visar inte att insatsen saknar effekt, bara att underlaget är för litet för att säga hur stor den är.",
                "The group is small (fewer than \(HTMLReport.smallScope) participants), so the confidence intervals are wide: an effect near zero does not show that the intervention has none, only that the data are too few to say how large it is.")) + "</p>")
        }
        return content
    }

    // MARK: - Effects by group

    /// A forest plot per outcome compared at +12 months, then the tests of equal effects.
    func groupContent(_ groups: GroupResults) -> [String] {
        // Comparisons have no insats of their own: they belong to the insats of the participant they were matched to.
        let insats = groups.groupings.contains(.insats)
            ? text(" (per insats följer jämförelsepersonerna i stället den deltagare de matchades mot)",
                   " (by insats the comparisons instead follow the participant they were matched to)")
            : ""
        return [
            "<h3>\(escapeHTML(text("Effekt per grupp", "Effect by group")))</h3>",
            paragraph(text("Effekten \(LocalEffects.month) månader efter start för varje grupp, med 95 % konfidensintervall. Matchningen görs om inom varje grupp, så att varje grupp jämförs med egna jämförelsepersoner\(insats).",
                           "The effect \(LocalEffects.month) months after the start for every group, with 95% confidence intervals. Matching is run again within each group, so that every group is compared with comparisons of its own\(insats).")),
            "<div class=\"grid\">\n" + LocalEffects.outcomes.map { forestFigure($0, groups) }.joined(separator: "\n") + "\n</div>",
        ] + heterogeneityContent(groups)
    }

    /// The ATT of each group at +12 months on `outcome`, under the whole cohort's, with its table.
    func forestFigure(_ outcome: Outcome, _ groups: GroupResults) -> String {
        let month = LocalEffects.month, format = text.format
        let cohort = results.matched.effect(outcome, month: month)
        let whole = text("Hela kohorten", "Whole cohort")
        let cohortInterval = pointsInterval(cohort?.estimate, cohort?.confidenceLow, cohort?.confidenceHigh)
        var rows = [IntervalPlot.Row(whole, intervals: [cohortInterval])]
        // Shown whole: the cohort's interval and those of groupings with few groups; of the many small förbund and
        // insatser only the estimates (their intervals may be cut).
        var shownWhole = [cohortInterval?.low, cohortInterval?.high].compactMap { $0 }
        var table: [[HTMLTable.Cell]] = [[.text(whole), .text(""), .number(text.pointsValue(cohort?.estimate)),
                                          .number(text.pointsInterval(cohort?.confidenceLow, cohort?.confidenceHigh)),
                                          .number(text.count(cohort?.treatedPersons)), .number(text.count(cohort?.controlPersons))]]
        for grouping in groups.groupings {
            rows.append(.heading(text.grouping(grouping)))
            for e in groups.effects(grouping, outcome, month: month) {
                let name = text.group(grouping, label: e.group, name: e.groupName)
                let interval = pointsInterval(e.estimate, e.confidenceLow, e.confidenceHigh)
                rows.append(IntervalPlot.Row(name, intervals: [interval]))
                if let interval {
                    shownWhole += [Grouping.federation, .insats].contains(grouping)
                        ? [interval.estimate] : [interval.low, interval.high]
                }
                table.append([.text(text.grouping(grouping)), .text(name), .number(text.pointsValue(e.estimate)),
                              .number(text.pointsInterval(e.confidenceLow, e.confidenceHigh)),
                              .number(text.count(e.treatedPersons)), .number(text.count(e.controlPersons))])
            }
        }
        var plot = IntervalPlot(title: text("Effekt per grupp \(format.signed(Double(month))) månader efter start: \(text.outcome(outcome).lowercased())",
                                            "Effect by group \(format.signed(Double(month))) months after the start: \(text.outcome(outcome).lowercased())"),
                                rows: rows, series: [IntervalPlot.Series(name: "", color: Palette.blue)],
                                axis: pointsAxis(text("Effekt (procentenheter)", "Effect (percentage points)"), showing: shownWhole),
                                width: 440, maxLabelWidth: 170)
        if let estimate = cohort?.estimate { plot.rules = [LineChart.Rule(100 * estimate, label: whole)] }
        let header: [HTMLTable.Cell] = [.text(text("Indelning", "Grouping")), .text(text("Grupp", "Group")),
                                        .number(text("Effekt (p.e.)", "Effect (pp)")), .number(text("95 % KI", "95% CI")),
                                        .number(text("Deltagare", "Participants")), .number(text("Jämförelser", "Comparisons"))]
        return "<div>\n<h3>\(escapeHTML(text.outcome(outcome)))</h3>\n"
            + figure(plot.svg,
                     caption: text("Så läser du diagrammet: varje punkt är gruppens effekt på \(shareText(outcome)) och strecket dess 95 % konfidensintervall; ett streck som korsar den heldragna nollinjen är förenligt med ingen effekt, och den streckade linjen är hela kohortens effekt. \(disclosureNote)",
                                   "How to read the chart: each point is the group's effect on \(shareText(outcome)) and the line its 95% confidence interval; a line that crosses the solid zero line is consistent with no effect, and the dashed line is the whole cohort's effect. \(disclosureNote)")
                         + cutNote(plot),
                     table: HTMLTable(header: header, rows: table))
            + "\n</div>"
    }

    /// An effect on a share and its interval in percentage points, for a plot; nil when suppressed.
    func pointsInterval(_ estimate: Double?, _ low: Double?, _ high: Double?) -> IntervalPlot.Interval? {
        guard let estimate, let low, let high else { return nil }
        return IntervalPlot.Interval(100 * estimate, low: 100 * low, high: 100 * high)
    }

    /// The horizontal axis of effects in percentage points: through 0 and `values`, widened to nice ticks (an
    /// interval beyond it is cut).
    func pointsAxis(_ label: String, showing values: [Double]) -> ChartAxis {
        let format = text.format, shown = values.filter(\.isFinite) + [0]
        let scale = LinearScale(lower: shown.min()!, upper: shown.max()!, rangeStart: 0, rangeEnd: 1).niced(count: 5)
        return ChartAxis(label: label, tickCount: 5, domain: scale.lower...scale.upper,
                         format: { format.signed($0, digits: $0 == $0.rounded() ? 0 : 1) })
    }

    /// The caption's note on intervals cut at the edge of `plot`; empty when none is.
    func cutNote(_ plot: IntervalPlot) -> String {
        plot.clipsIntervals
            ? text(" Ett intervall som går utanför diagrammet slutar i en pil; tabellen har dess gränser.",
                   " An interval reaching beyond the chart ends in an arrowhead; the table has its bounds.")
            : ""
    }

    // MARK: - Heterogeneity

    /// Per grouping and outcome compared, whether the groups' effects at +12 months differ, in words; every test
    /// (+6, +12, +24 months, every outcome) in a table.
    func heterogeneityContent(_ groups: GroupResults) -> [String] {
        let sentences = groups.groupings.flatMap { grouping in
            LocalEffects.outcomes.map { outcome in
                heterogeneitySentence(grouping, outcome, groups.heterogeneity.first {
                    $0.grouping == grouping && $0.outcome == outcome && $0.relativeMonth == LocalEffects.month
                })
            }
        }
        let format = text.format
        let table = HTMLTable(caption: text("Test av lika effekter i alla grupper (Wald-test på de publicerade grupperna)",
                                            "Tests of equal effects in all groups (Wald tests on the published groups)"),
                              header: [.text(text("Indelning", "Grouping")), .text(text("Utfall", "Outcome")), .number(text("Månad", "Month")),
                                       .number("χ²"), .number("df"), .number("p")],
                              rows: groups.heterogeneity.map { h in
                                  [.text(text.grouping(h.grouping)), .text(text.outcome(h.outcome)),
                                   .number(format.signed(Double(h.relativeMonth))), .number(format.decimal(h.chiSquared, digits: 1)),
                                   .number(format.decimal(Double(h.degreesOfFreedom))),
                                   .number(text.probability(h.pValue))]
                              })
        return [
            "<h3>\(escapeHTML(text("Skiljer sig effekten mellan grupperna?", "Does the effect differ between the groups?")))</h3>",
            "<ul class=\"notes\">\n" + sentences.map { "<li>\(escapeHTML($0))</li>" }.joined(separator: "\n") + "\n</ul>",
            paragraph(text("Testet prövar om gruppernas effekter är lika (χ² med antalet grupper minus ett som frihetsgrader, df). Ett p-värde över 0,05 visar inte att effekterna är lika, bara att skillnaden inte är säkerställd; bland många test blir något p-värde under 0,05 av en slump. Tabellen har alla test, även vid \(format.signed(6)) och \(format.signed(24)) månader och för alla utfall.",
                           "The test asks whether the groups' effects are equal (χ² with the number of groups minus one degrees of freedom, df). A p-value above 0.05 does not show that the effects are equal, only that a difference is not established; among many tests some p-value falls below 0.05 by chance. The table has every test, also at \(format.signed(6)) and \(format.signed(24)) months and for every outcome.")),
            table.folded(summary: text("Tabell: alla test", "Table: every test")),
        ]
    }

    /// "The effect on … at +12 months differs between …", or "no established differences", with the test.
    func heterogeneitySentence(_ grouping: Grouping, _ outcome: Outcome, _ test: GroupResults.Heterogeneity?) -> String {
        let month = text.format.signed(Double(LocalEffects.month)), between = text.betweenGroups(grouping)
        let outcomeName = text.outcome(outcome).lowercased()
        let effect = text("Effekten på \(outcomeName) vid \(month) månader", "The effect on \(outcomeName) at \(month) months")
        guard let test else {
            return text("\(effect) kan inte jämföras \(between): färre än två grupper publiceras.",
                        "\(effect) cannot be compared \(between): fewer than two groups are published.")
        }
        // No-break spaces keep each statistic on one line.
        let statistics = "χ²\u{A0}=\u{A0}\(text.format.decimal(test.chiSquared, digits: 1)), df\u{A0}=\u{A0}\(test.degreesOfFreedom), \(text.pValue(test.pValue))"
        return test.pValue < 0.05
            ? text("\(effect) skiljer sig \(between) (\(statistics)).", "\(effect) differs \(between) (\(statistics)).")
            : text("\(effect): inga säkerställda skillnader \(between) (\(statistics)).",
                   "\(effect): no established differences \(between) (\(statistics)).")
    }
}
