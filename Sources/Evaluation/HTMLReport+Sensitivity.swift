import Foundation
import Effects
import Reporting

/// The report's section "Hur säker är skattningen?" (how sure is the estimate): how strong an unmeasured factor
/// would have to be to explain the effect away (E-values, Rosenbaum's Γ), whether there are comparable persons (the
/// propensity score's overlap), and whether participants and comparisons already differed
/// before the start (the pre-trend test).
extension HTMLReport {
    /// The section, or nothing when no effect is published.
    var sensitivitySection: String {
        let matched = results.matched
        guard !matched.sensitivity.isEmpty || !matched.pretrends.isEmpty else { return "" }
        let headline = LocalEffects.outcomes.compactMap { outcome in
            matched.sensitivity.first { $0.outcome == outcome && $0.relativeMonth == LocalEffects.month }.map(evalueSentence)
        }
        let pretrends = LocalEffects.outcomes.compactMap { outcome in matched.pretrends.first { $0.outcome == outcome }.map(pretrendSentence) }
            + LocalEffects.outcomes.compactMap { outcome in matched.placebos.first { $0.outcome == outcome }.map(placeboSentence) }
        return section("sensitivity", text("Hur säker är skattningen?", "How sure is the estimate?"), [
            paragraph(text("Jämförelsegruppen liknar deltagarna i allt som registren visar, men inte i sådant de inte ser: motivation, hälsa, handläggarens bedömning. Måtten nedan visar hur känslig effekten är för det.",
                           "The comparison group resembles the participants in everything the registers show, but not in what they do not see: motivation, health, a caseworker's judgement. The measures below show how sensitive the effect is to that.")),
            "<h3>\(escapeHTML(text("Hur stark skulle en okänd faktor behöva vara?", "How strong would an unknown factor have to be?")))</h3>",
            "<ul class=\"notes\">\n" + headline.map { "<li>\(escapeHTML($0))</li>" }.joined(separator: "\n") + "\n</ul>",
            paragraph(text("Måttet är E-värdet (VanderWeele och Ding 2017): den minsta styrka, som riskkvot, en okänd faktor måste ha både med deltagandet och med utfallet för att förklara bort effekten. Ett E-värde nära 1 betyder att lite okänd skillnad räcker; ett högt värde att det skulle krävas en stark faktor som registren missar. Rosenbaums Γ (Rosenbaum 2002) mäter samma sak för de matchade paren: hur mycket mer sannolikt deltagandet får vara för den ena i ett par innan effekten inte längre är säkerställd på 5 %-nivån (1: inte ens utan okänd skillnad). Tabellen har E-värdena för alla utfall vid \(text.format.signed(6)), \(text.format.signed(12)), \(text.format.signed(24)) och \(text.format.signed(36)) månader och för skillnaden i skillnader (sk. i sk.).",
                           "The measure is the E-value (VanderWeele and Ding 2017): the smallest strength, as a risk ratio, an unknown factor must have with both taking part and the outcome to explain the effect away. An E-value near 1 means that a little unknown difference suffices; a high one that it would take a strong factor the registers miss. Rosenbaum's Γ (Rosenbaum 2002) measures the same for the matched pairs: how much more likely taking part may be for one of a pair before the effect is no longer established at the 5% level (1: not even without an unknown difference). The table has the E-values of every outcome at \(text.format.signed(6)), \(text.format.signed(12)), \(text.format.signed(24)) and \(text.format.signed(36)) months and for the difference in differences (DiD).")),
            evalueTable.folded(summary: text("Tabell: E-värden", "Table: E-values")),
        ] + overlapContent + [
            "<h3>\(escapeHTML(text("Skilde sig grupperna redan före starten?", "Did the groups differ before the start?")))</h3>",
            "<ul class=\"notes\">\n" + pretrends.map { "<li>\(escapeHTML($0))</li>" }.joined(separator: "\n") + "\n</ul>",
            paragraph(text("Testet prövar om effekten är noll i alla månader från \(text.format.signed(-24)) till \(text.format.signed(-2)) på en gång. Matchningen tar hänsyn till historiken, så en säkerställd skillnad före starten tyder på att jämförelsegruppen skiljer sig på ett sätt som också kan påverka effekten efter starten.",
                           "The test asks whether the effect is zero in every month from \(text.format.signed(-24)) to \(text.format.signed(-2)) at once. Matching takes the history into account, so an established difference before the start suggests that the comparison group differs in a way that can also affect the effect after the start.")),
            paragraph(text("Placebotestet gör om hela analysen med varje deltagares start flyttad tolv månader bakåt och skattar ”effekten” under de tolv månaderna före den verkliga starten, då ingen insats ännu pågick. Deltagarna väljs ofta till en insats just när de har försörjningsstöd eller är sjukskrivna; därför skiljer de sig ofta från jämförelsegruppen året före starten även när den verkliga skattningen är rättvisande. Den verkliga matchningen tar hänsyn till läget månaden före starten, vilket placebot inte kan göra. Läs placebot som storleken på det urval som matchningen måste hantera, tillsammans med testet ovan.",
                           "The placebo test repeats the whole analysis with every participant's start moved twelve months earlier and estimates the “effect” over the twelve months before the real start, when no insats was yet running. Participants are often chosen for an insats just when they are on social assistance or sick leave, so they often differ from the comparison group in the year before the start even when the real estimate is fair. The real matching accounts for the state in the month before the start, which the placebo cannot. Read the placebo as the size of the selection the matching has to handle, together with the test above.")),
        ] + estimatorsContent)
    }

    /// The propensity score's overlap before and after matching, as mirrored histograms, and the participants off
    /// common support in a sentence.
    var overlapContent: [String] {
        let matched = results.matched
        guard !matched.overlap.isEmpty else { return [] }
        let f = text.format
        func figureOf(_ sample: String, _ title: String) -> String {
            let bins = matched.overlap.filter { $0.sample == sample }
            let participants = bins.compactMap(\.participants).reduce(0, +), comparisons = bins.compactMap(\.comparisons).reduce(0, +)
            // Shares of the arm's published rows (a suppressed bin is left out of both).
            func share(_ n: Int?, _ total: Int) -> Double { n.map { total > 0 ? Double($0) / Double(total) : 0 } ?? .nan }
            let chart = MirroredHistogram(title: title, binLabels: bins.map { scorePercent($0.low) },
                                          upper: bins.map { share($0.participants, participants) },
                                          lower: bins.map { share($0.comparisons, comparisons) },
                                          upperName: text("Deltagare", "Participants"), lowerName: text("Jämförelsepersoner (personmånader)", "Comparisons (person-months)"),
                                          axisLabel: text("Sannolikhet att börja i månaden (propensity score)", "Probability of starting in the month (propensity score)"))
            let table = HTMLTable(header: [.text(text("Från", "From")), .text(text("Till", "To")), .number(text("Deltagare", "Participants")),
                                           .number(text("Jämförelsepersoner", "Comparisons"))],
                                  rows: bins.map { b in
                                      [.number(scorePercent(b.low)), .number(scorePercent(b.high)),
                                       .number(text.count(b.participants)), .number(text.count(b.comparisons))]
                                  })
            return "<div>\n" + figure(chart.svg, caption: title + ". " + text("Så läser du diagrammet: staplarna ovanför linjen är andelen av deltagarna i varje intervall, staplarna under andelen av jämförelsepersonerna. Där bara den ena gruppen har staplar saknas jämförbara personer. Under axeln står intervallens nedre gräns. ",
                                                                  "How to read the chart: the bars above the line are the share of the participants in each bin, those below the share of the comparisons. Where only one group has bars, comparable persons are missing. The axis gives the bins' lower limits. ") + disclosureNote,
                          table: table) + "\n</div>"
        }
        /// A score as a percentage with two significant digits (`0,052 %`, `1,3 %`).
        func scorePercent(_ p: Double) -> String {
            let percent = 100 * p
            let digits = percent > 0 ? max(0, 1 - Int(log10(percent).rounded(.down))) : 0
            return f.decimal(percent, digits: digits) + "\u{A0}%"
        }
        let off = matched.participantsOffSupport.map { n in
            n == 0 ? text("Alla deltagare har en sannolikhet att delta inom jämförelsepersonernas intervall.",
                          "Every participant's probability of taking part lies within the comparisons' range.")
                   : text("\(text.count(n)) deltagare (\(text.percent(matched.participantsOffSupportShare))) har en sannolikhet att delta utanför jämförelsepersonernas intervall: för dem finns ingen riktigt jämförbar person.",
                          "\(text.count(n)) participants (\(text.percent(matched.participantsOffSupportShare))) have a probability of taking part outside the comparisons' range: there is no truly comparable person for them.")
        } ?? text("Färre än \(results.provenance.minimumCell) deltagare har en sannolikhet att delta utanför jämförelsepersonernas intervall.",
                  "Fewer than \(results.provenance.minimumCell) participants have a probability of taking part outside the comparisons' range.")
        return [
            "<h3>\(escapeHTML(text("Finns det jämförbara personer?", "Are there comparable persons?")))</h3>",
            paragraph(text("Matchningen jämför deltagare med personer som hade samma sannolikhet att börja en insats, skattad från registren. ",
                           "Matching compares participants with persons who had the same probability of starting an insats, estimated from the registers. ") + off),
            "<div class=\"grid\">\n" + figureOf("all", text("Före matchning", "Before matching")) + "\n"
                + figureOf("matched", text("Efter matchning", "After matching")) + "\n</div>",
        ]
    }

    /// "An unknown factor would have to make taking part and leaving public support 1.6 times as likely…" (the
    /// direction the effect goes: leaving support, being in work).
    func evalueSentence(_ s: EffectSensitivity) -> String {
        let f = text.format
        let point = f.decimal(s.evalue.point, digits: 1), limit = f.decimal(s.evalue.confidenceLimit, digits: 1)
        let support = s.outcome == .publicSupport
        let name = text.outcome(s.outcome).lowercased()
        let outcome = support ? text("att lämna den offentliga försörjningen", "leaving public support")
                              : text("att ha arbete", "being in work")
        let head = s.relativeMonth.map { k in
            text("Effekten på \(name) vid \(f.signed(Double(k))) månader: ", "The effect on \(name) at \(f.signed(Double(k))) months: ")
        } ?? text("Skillnaden i skillnader för \(name): ", "The difference in differences of \(name): ")
        guard s.evalue.confidenceLimit > 1 else {
            return head + text("en okänd faktor skulle behöva göra deltagande och \(outcome) \(point) gånger så sannolikt för att förklara bort skattningen, men konfidensintervallet omfattar redan ingen effekt.",
                               "an unknown factor would have to make taking part and \(outcome) \(point) times as likely to explain the estimate away, but the confidence interval already includes no effect.")
        }
        return head + text("en okänd faktor skulle behöva göra deltagande och \(outcome) \(point) gånger så sannolikt för att förklara bort effekten, och \(limit) gånger så sannolikt för att konfidensintervallet skulle nå ingen effekt.",
                           "an unknown factor would have to make taking part and \(outcome) \(point) times as likely to explain the effect away, and \(limit) times as likely for the confidence interval to reach no effect.")
            + (s.rosenbaumGamma.map { gamma in
                text(" Effekten är säkerställd så länge en okänd faktor inte gör deltagandet mer än \(f.decimal(gamma, digits: 1)) gånger så sannolikt för den ena personen i ett matchat par som för den andra (Rosenbaums Γ).",
                     " The effect stays established as long as an unknown factor does not make taking part more than \(f.decimal(gamma, digits: 1)) times as likely for one person of a matched pair as for the other (Rosenbaum's Γ).")
            } ?? "")
    }

    /// The pre-trend test of an outcome in words.
    func pretrendSentence(_ t: PreTrendTest) -> String {
        let stats = "χ²\u{A0}=\u{A0}\(text.format.decimal(t.chiSquared, digits: 1)), df\u{A0}=\u{A0}\(t.degreesOfFreedom), \(text.pValue(t.pValue))"
        return text.outcome(t.outcome) + (t.pValue < 0.05
            ? text(": deltagarna skilde sig från jämförelsegruppen redan före starten (\(stats)).",
                   ": the participants already differed from the comparison group before the start (\(stats)).")
            : text(": ingen säkerställd skillnad före starten (\(stats)).", ": no established difference before the start (\(stats))."))
    }

    /// The placebo test of an outcome in words.
    func placeboSentence(_ t: PlaceboTest) -> String {
        let interval = "\(text.effect(t.confidenceLow, t.outcome)) \(text("till", "to")) \(text.effect(t.confidenceHigh, t.outcome))"
        let value = "\(text.effect(t.estimate, t.outcome)) \(text.unit(t.outcome)) (95\u{A0}% \(text("KI", "CI")) \(interval))"
        return text.outcome(t.outcome) + text(", placebo (start \(t.shift) månader tidigare): \(value).",
                                              ", placebo (start \(t.shift) months earlier): \(value).")
    }

    /// The three estimators side by side at the headline months, with a sentence on how far they agree.
    var estimatorsContent: [String] {
        let rows = results.matched.estimators
        guard !rows.isEmpty else { return [] }
        let f = text.format
        func cell(_ outcome: Outcome, _ k: Int, _ estimator: PropensityWeighting.Estimator) -> [HTMLTable.Cell] {
            guard let e = rows.first(where: { $0.outcome == outcome && $0.relativeMonth == k && $0.estimator == estimator })
            else { return [.number(NumberFormat.missing), .number(NumberFormat.missing)] }
            return [.number(text.effect(e.estimate, outcome)),
                    .number("\(text.effect(e.confidenceLow, outcome)) \(text("till", "to")) \(text.effect(e.confidenceHigh, outcome))")]
        }
        let keys = Outcome.allCases.flatMap { o in MatchedResults.sensitivityMonths.map { (o, $0) } }
            .filter { key in rows.contains { $0.outcome == key.0 && $0.relativeMonth == key.1 } }
        var header: [HTMLTable.Cell] = [.text(text("Utfall", "Outcome")), .text(text("Enhet", "Unit")), .number(text("Månad", "Month"))]
        for name in [text("Matchning", "Matching"), "IPW", "AIPW"] {
            header += [.number(name), .number("95\u{A0}% \(text("KI", "CI"))")]
        }
        let table = HTMLTable(caption: text("Effekten med tre skattningsmetoder", "The effect by three estimators"), header: header,
                              rows: keys.map { o, k in
                                  [.text(text.outcome(o)), .text(text.unit(o)), .number(f.signed(Double(k)))]
                                      + PropensityWeighting.Estimator.allCases.flatMap { cell(o, k, $0) }
                              })
        return [
            "<h3>\(escapeHTML(text("Ger andra skattningsmetoder samma svar?", "Do other estimators give the same answer?")))</h3>",
            paragraph(text("Samma deltagare, jämförelsepersoner och sannolikhet att delta ger två skattningar till. Viktning (IPW) jämför deltagarna med alla jämförelsepersoner, vägda så att de liknar deltagarna. Dubbelt robust viktning (AIPW) drar dessutom av det som en regression på bakgrundsfaktorerna förutsäger, och är rättvisande om antingen sannolikheten att delta eller regressionen är rätt. Ligger de tre nära varandra beror effekten inte på metodvalet.",
                           "The same participants, comparisons and probability of taking part give two more estimates. Weighting (IPW) compares the participants with all comparisons, weighted to resemble the participants. Doubly robust weighting (AIPW) also subtracts what a regression on the background factors predicts, and is fair if either the probability of taking part or the regression is right. When the three lie close together, the effect does not depend on the choice of method.")),
            table.folded(summary: text("Tabell: effekten med matchning, IPW och AIPW", "Table: the effect by matching, IPW and AIPW")),
        ]
    }

    /// Every E-value: outcome, month, the scale's estimate with its interval, and the two E-values.
    var evalueTable: HTMLTable {
        let f = text.format
        return HTMLTable(caption: text("E-värden: riskkvot för andelar, standardiserad skillnad för belopp och heltidsekvivalenter",
                                       "E-values: risk ratio for shares, standardized difference for amounts and full-time equivalents"),
                         header: [.text(text("Utfall", "Outcome")), .number(text("Månad", "Month")), .text(text("Skala", "Scale")),
                                  .number(text("Skattning", "Estimate")), .number(text("95 % KI", "95% CI")),
                                  .number(text("E-värde", "E-value")), .number(text("E-värde, KI", "E-value, CI")), .number("Γ")],
                         rows: results.matched.sensitivity.map { s in
                             [.text(text.outcome(s.outcome)),
                              .number(s.relativeMonth.map { f.signed(Double($0)) } ?? text("sk. i sk.", "DiD")),
                              .text(s.scale == .riskRatio ? text("riskkvot", "risk ratio") : text("standardiserad skillnad", "standardized difference")),
                              .number(f.decimal(s.estimate, digits: 2)),
                              .number("\(f.decimal(s.low, digits: 2)) \(text("till", "to")) \(f.decimal(s.high, digits: 2))"),
                              .number(f.decimal(s.evalue.point, digits: 2)), .number(f.decimal(s.evalue.confidenceLimit, digits: 2)),
                              .number(s.rosenbaumGamma.map { f.decimal($0, digits: 2) } ?? NumberFormat.missing)]
                         })
    }
}
