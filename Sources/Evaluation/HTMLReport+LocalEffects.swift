import Effects
import Reporting

/// The förbund (or insatser) compared in the report: a caterpillar plot of each one's raw and shrunken ATT at +12
/// months on public support against the whole cohort's, the random-effects model and the multiplicity-corrected
/// count of those that differ, in words.
extension HTMLReport {
    /// The outcome the caterpillar plot sorts and shows.
    static let comparedOutcome = Outcome.publicSupport

    /// The comparison of one level (förbund or insatser): heading, plot with its table and the model in words;
    /// nothing when the level has fewer than two förbund (a restricted run of one förbund compares none).
    func comparisonContent(_ l: LocalEffects) -> [String] {
        let rows = l.rows.filter { $0.outcome == HTMLReport.comparedOutcome }
        guard rows.count >= 2 else { return [] }
        let heading = "<h3>\(escapeHTML(l.level == .federation ? text("Förbunden jämförda", "The förbund compared") : text("Insatserna jämförda", "The insatser compared")))</h3>"
        guard let summary = l.summaries.first(where: { $0.outcome == HTMLReport.comparedOutcome }), summary.model != nil else {
            return [heading, paragraph(text("För få publicerade \(text.members(of: l.level, definite: false)) för en jämförelse: minst två behövs.",
                                            "Too few published \(text.members(of: l.level, definite: false)) for a comparison: at least two are needed."))]
        }
        return [heading, caterpillarFigure(l.level, rows: rows, summary: summary)]
            + l.summaries.map { paragraph(modelSentence($0)) }
            + [paragraph(text("Ingen rangordning utöver vad intervallen stöder: \(text.members(of: l.level, definite: true)) vars intervall korsar hela kohortens linje kan inte sägas vara bättre eller sämre än genomsnittet, och de krympta skattningarna drar de minstas osäkra skattningar mot medelvärdet i stället för att låta slumpen avgöra ordningen.",
                              "No league table beyond what the intervals support: \(text.members(of: l.level, definite: true)) whose interval crosses the whole cohort's line cannot be called better or worse than average, and the shrunken estimates pull the smallest ones' noisy estimates towards the mean instead of letting chance decide the order."))]
    }

    /// The rows sorted by their shrunken ATT (else the raw one), smallest first, equal ones by the raw ATT (with
    /// τ² = 0 every shrunken ATT is the mean); rows without either last; ties by id.
    func sortedByShrunken(_ rows: [LocalEffects.Row]) -> [LocalEffects.Row] {
        func key(_ r: LocalEffects.Row) -> [Double] {
            [r.shrunken?.estimate ?? r.estimate, r.estimate].map { $0 ?? .infinity }
        }
        return rows.sorted { a, b in key(a) != key(b) ? key(a).lexicographicallyPrecedes(key(b)) : a.id < b.id }
    }

    /// The caterpillar plot: each förbund's raw estimate and interval (light) and its shrunken one (dark), the whole
    /// cohort's ATT as a dashed line; with its table.
    func caterpillarFigure(_ level: Grouping, rows: [LocalEffects.Row], summary: LocalEffects.Summary) -> String {
        let sorted = sortedByShrunken(rows), format = text.format
        // Shown whole: the shrunken intervals; of the raw ones the estimates (a small förbund's interval may be cut).
        let shownWhole = sorted.flatMap { r in [r.shrunken?.low, r.shrunken?.high, r.estimate].compactMap { $0.map { 100 * $0 } } }
            + [100 * summary.cohortEstimate]
        let month = format.signed(Double(LocalEffects.month))
        let outcome = text.outcome(HTMLReport.comparedOutcome).lowercased()
        var plot = IntervalPlot(
            title: text("\(text.grouping(level)): effekt på \(outcome) \(month) månader efter start, egen och krympt skattning",
                        "\(text.grouping(level)): effect on \(outcome) \(month) months after the start, own and shrunken estimate"),
            rows: sorted.map { r in
                IntervalPlot.Row(r.name, intervals: [pointsInterval(r.estimate, r.confidenceLow, r.confidenceHigh),
                                                     pointsInterval(r.shrunken?.estimate, r.shrunken?.low, r.shrunken?.high)])
            },
            series: [IntervalPlot.Series(name: text("Egen skattning", "Own estimate"), color: Palette.skyBlue),
                     IntervalPlot.Series(name: text("Krympt skattning (empirisk Bayes)", "Shrunken estimate (empirical Bayes)"), color: Palette.blue)],
            axis: pointsAxis(text("Effekt på \(outcome) \(month) mån (procentenheter)", "Effect on \(outcome) at \(month) months (percentage points)"),
                             showing: shownWhole),
            width: 560, maxLabelWidth: 220)
        plot.rules = [LineChart.Rule(100 * summary.cohortEstimate,
                                     label: text("Hela kohorten \(text.pointsValue(summary.cohortEstimate))", "Whole cohort \(text.pointsValue(summary.cohortEstimate))"))]
        let probability = { (p: Double?) in p.map { text.probability($0) } ?? NumberFormat.missing }
        let table = HTMLTable(header: [.text(text.grouping(level)), .text("Id"), .number(text("Deltagare", "Participants")),
                                       .number(text("Effekt (p.e.)", "Effect (pp)")), .number(text("95 % KI", "95% CI")),
                                       .number(text("Krympt effekt (p.e.)", "Shrunken effect (pp)")), .number(text("95 % KI, krympt", "95% CI, shrunken")),
                                       .number(text("p mot hela kohorten, Holm", "p against the whole cohort, Holm")),
                                       .number(text("p mot hela kohorten, BH", "p against the whole cohort, BH"))],
                              rows: sorted.map { r in
                                  [.text(r.name), .text(r.id), .number(text.count(r.treatedPersons)), .number(text.pointsValue(r.estimate)),
                                   .number(text.pointsInterval(r.confidenceLow, r.confidenceHigh)), .number(text.pointsValue(r.shrunken?.estimate)),
                                   .number(text.pointsInterval(r.shrunken?.low, r.shrunken?.high)), .number(probability(r.pHolm)),
                                   .number(probability(r.pBenjaminiHochberg))]
                              })
        let members = text.members(of: level, definite: true)
        // For förbund every participant is matched again within the förbund, so the cohort's effect here can differ
        // from the headline's.
        let rematched = level == .federation
            ? text(" Förbunden jämförs efter en ny matchning inom varje förbund; hela kohortens effekt i den matchningen kan därför skilja sig från huvudresultatet.",
                   " The förbund are compared after matching again within each förbund; the whole cohort's effect in that matching can therefore differ from the headline result.")
            : ""
        return figure(plot.svg,
                      caption: text("Så läser du diagrammet: en rad per \(text.grouping(level).lowercased()), sorterade efter den krympta effekten; den ljusa punkten med sitt streck är den egna skattningen med 95 % konfidensintervall, den mörka den krympta skattningen med sitt intervall, och den streckade linjen är hela kohortens effekt. \(disclosureNote) De krympta skattningarna bygger bara på de publicerade \(members).",
                                    "How to read the chart: one row per \(level == .federation ? "förbund" : "insats"), sorted by the shrunken effect; the light point with its line is the own estimate with its 95% confidence interval, the dark one the shrunken estimate with its interval, and the dashed line is the whole cohort's effect. \(disclosureNote) The shrunken estimates rest on the published \(level == .federation ? "förbund" : "insatser") only.")
                          + rematched + cutNote(plot),
                      table: table, scrolls: true)
    }

    /// The random-effects model of one outcome in words: μ, τ² with its Q-profile interval and I², and how many
    /// förbund differ from the whole cohort after Holm's and after Benjamini–Hochberg's correction.
    func modelSentence(_ s: LocalEffects.Summary) -> String {
        let format = text.format, outcome = text.outcome(s.outcome)
        let members = text.members(of: s.level, definite: false), all = text.members(of: s.level, definite: true)
        guard let m = s.model else {
            return text("\(outcome): för få publicerade \(members) för modellen.", "\(outcome): too few published \(members) for the model.")
        }
        // τ² of effects on a share, in squared percentage points.
        let tau2 = { (x: Double) in format.decimal(10_000 * x, digits: 1) }
        let tau = format.decimal(100 * m.tau2.squareRoot(), digits: 1)
        let i2 = format.decimal(m.i2, digits: 0) + format.percentSign
        return text("\(outcome): \(all)s sanna effekter har medelvärdet μ = \(text.pointsValue(m.mu)) procentenheter och variansen τ² = \(tau2(m.tau2)) kvadrerade procentenheter (95 % KI \(tau2(m.tau2Low)) till \(tau2(m.tau2High)); standardavvikelse τ = \(tau) procentenheter), I² = \(i2). Efter Holms korrektion skiljer sig \(s.differingHolm) av \(s.published) \(members) från hela kohortens effekt i samma matchning (\(text.pointsValue(s.cohortEstimate)) procentenheter), efter Benjamini–Hochbergs \(s.differingBenjaminiHochberg) av \(s.published).",
                    "\(outcome): \(all)'s true effects have the mean μ = \(text.pointsValue(m.mu)) percentage points and the variance τ² = \(tau2(m.tau2)) squared percentage points (95% CI \(tau2(m.tau2Low)) to \(tau2(m.tau2High)); standard deviation τ = \(tau) percentage points), I² = \(i2). After Holm's correction \(s.differingHolm) of \(s.published) \(members) differ from the whole cohort's effect in the same matching (\(text.pointsValue(s.cohortEstimate)) percentage points), after Benjamini–Hochberg's \(s.differingBenjaminiHochberg) of \(s.published).")
    }
}
