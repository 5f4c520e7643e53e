import Effects
import Payback
import Reporting
import Transitions

/// `report.html`: the cohort results for people — one self-contained page (inline CSS and SVG, nothing fetched
/// from the network), in Swedish or English, deterministic (no timestamps). Every chart is followed by its table
/// alternative; every text is escaped; suppressed values show as `..`.
public struct HTMLReport {
    let results: CohortResults
    let text: ReportText

    /// The report of `results` in `language`.
    public init(results: CohortResults, language: ReportLanguage) {
        self.results = results
        text = ReportText(language)
    }

    public var html: String {
        let title = text("Kohort \(results.provenance.cohort): försörjning, effekter och återbetalning",
                         "Cohort \(results.provenance.cohort): support, effects and payback")
        return """
            <!DOCTYPE html>
            <html lang="\(text.language.rawValue)">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(escapeHTML(title))</title>
            <style>\(HTMLReport.style)</style>
            </head>
            <body>
            <main>
            <header><h1>\(escapeHTML(title))</h1>
            <p class="lead">\(escapeHTML(text("Deltagare i individinriktade insatser som samordningsförbund finansierar, jämförda med en matchad jämförelsegrupp. Underlag: ", "Participants in individual interventions financed by coordination associations (Finsam), compared with a matched comparison group. Data: ")))<code>\(escapeHTML(results.provenance.data))</code>.</p>
            </header>
            \(headlineSection)
            \(beforeAfterSection)
            \(balanceSection)
            \(effectsSection)
            \(groupsSection)
            \(sensitivitySection)
            \(paybackSection)
            \(methodsSection)
            </main>
            </body>
            </html>

            """
    }

    /// The caption line on disclosure control.
    var disclosureNote: String {
        text("Värden som bygger på färre än \(results.provenance.minimumCell) personer visas inte (..).",
             "Values resting on fewer than \(results.provenance.minimumCell) persons are not shown (..).")
    }

    /// A section with a heading and its content.
    func section(_ id: String, _ heading: String, _ content: [String]) -> String {
        "<section id=\"\(id)\">\n<h2>\(escapeHTML(heading))</h2>\n" + content.joined(separator: "\n") + "\n</section>"
    }

    /// A paragraph of escaped text.
    func paragraph(_ s: String) -> String { "<p>\(escapeHTML(s))</p>" }

    /// A chart with its caption, followed by its table alternative folded under "Tabell"/"Table". A chart that
    /// `scrolls` keeps a minimum width on a phone and scrolls sideways there instead of shrinking its text further.
    func figure(_ svg: String, caption: String, table: HTMLTable, scrolls: Bool = false) -> String {
        "<figure\(scrolls ? " class=\"scrolls\"" : "")>\n\(svg)\n<figcaption>\(escapeHTML(caption))</figcaption>\n</figure>\n"
            + table.folded(summary: text("Tabell", "Table"))
    }

    // MARK: - Headline

    var headlineSection: String {
        let ba = results.beforeAfter, m = results.matched
        func share(_ t: TimePoint) -> String { text.percent(ba.overallShare(.publicSupport, at: t)?.share) }
        var cards: [(String, String, String)] = [
            (text("Deltagare", "Participants"), text.count(results.participants),
             text("första individinriktade insatsen startade \(results.provenance.cohort)",
                  "first individual intervention started in \(results.provenance.cohort)")),
            (text("Offentlig försörjning", "On public support"),
             "\(share(.beforeStart)) → \(share(.exit)) → \(share(.exitPlus12))",
             text("månaden före start → vid avslut → 12 mån efter avslut", "month before start → at exit → 12 months after exit")),
            (text("Matchad jämförelsegrupp", "Matched comparison group"),
             "\(text.count(m.matched.treated)) / \(text.count(m.matched.control))",
             text("deltagare / jämförelser", "participants / comparisons")),
        ]
        for outcome in CohortResults.headlineOutcomes {
            guard let e = m.effect(outcome, month: 12) else { continue }
            cards.append((text("Effekt på \(text.outcome(outcome).lowercased()), 12 mån efter start", "Effect on \(text.outcome(outcome).lowercased()), 12 months after start"),
                          "\(text.pointsValue(e.estimate)) \(text("p.e.", "pp"))",
                          text("95 % konfidensintervall \(text.pointsValue(e.confidenceLow)) till \(text.pointsValue(e.confidenceHigh)) procentenheter",
                               "95% confidence interval \(text.pointsValue(e.confidenceLow)) to \(text.pointsValue(e.confidenceHigh)) percentage points")))
        }
        if let before = m.effect(.publicSupport, month: -1)?.meanTreated, let after = m.effect(.publicSupport, month: 12)?.meanTreated {
            cards.append((text("Naiv före–efter, offentlig försörjning", "Naive before/after, public support"),
                          "\(text.pointsValue(after - before)) \(text("p.e.", "pp"))",
                          text("deltagarnas egen förändring, månad 12 mot månad −1, utan jämförelsegrupp",
                               "the participants' own change, month 12 against month −1, without a comparison group")))
        }
        let horizon = results.payback.model.horizonMonths
        cards.append((text("Återbetalningstid, samhället", "Payback time, society"),
                      "\(text("naiv", "naive")) \(text.payback(results.payback.curve("naive", .society), horizon: horizon))",
                      text("kontrafaktisk: \(text.payback(results.payback.curve("counterfactual", .society), horizon: horizon))",
                           "counterfactual: \(text.payback(results.payback.curve("counterfactual", .society), horizon: horizon))")))
        let html = "<div class=\"cards\">\n" + cards.map { label, value, note in
            "<div class=\"card\"><div class=\"label\">\(escapeHTML(label))</div><div class=\"value\">\(escapeHTML(value))</div><div class=\"note\">\(escapeHTML(note))</div></div>"
        }.joined(separator: "\n") + "\n</div>"
        return section("summary", text("Sammanfattning", "Summary"), [
            html,
            paragraph(text("Effekterna är skillnaden mellan deltagarna och den matchade jämförelsegruppen (ATT). Den naiva före–efter-jämförelsen och den naiva återbetalningstiden bygger på deltagarnas egen förändring och tillskriver insatsen allt som hade hänt ändå.",
                           "The effects are the difference between the participants and the matched comparison group (ATT). The naive before/after comparison and the naive payback rest on the participants' own change and credit the intervention with everything that would have happened anyway.")),
        ])
    }

    // MARK: - Before and after

    var beforeAfterSection: String {
        let ba = results.beforeAfter
        let rows: [[HTMLTable.Cell]] = TimePoint.allCases.map { t in
            let cells = Indicator.allCases.map { ba.overallShare($0, at: t) }
            return [HTMLTable.Cell(text.timePoint(t)), .number(text.count(cells.compactMap { $0?.persons }.first))]
                + cells.map { .number(text.percent($0?.share)) }
        }
        let indicators = HTMLTable(caption: text("Andel av deltagarna per tidpunkt", "Share of participants by time point"),
                                   header: [.text(text("Tidpunkt", "Time point")), .number(text("Observerade", "Observed"))]
                                       + Indicator.allCases.map { .number(text.indicator($0)) },
                                   rows: rows)
        return section("before-after", text("Före och efter insatsen", "Before and after the intervention"), [
            paragraph(text("Huvudsaklig försörjning för de deltagare som hade offentlig försörjning månaden före start, vid avslut och 3–24 månader efter avslut. Jämför med effekterna nedan: förändringen här är inte insatsens effekt.",
                           "Main source of support of the participants who were on public support in the month before the start, at exit and 3–24 months after exit. Compare with the effects below: the change here is not the intervention's effect.")),
            transitionsFigure,
            "<h3>\(escapeHTML(text("Andelar per tidpunkt", "Shares by time point")))</h3>",
            indicators.html,
            paragraph(text("Offentlig försörjning: någon förmån under månaden. Arbete: inkomst över arbetsgränsen. Egen försörjning: arbete eller studier utan offentlig försörjning. \(disclosureNote)",
                           "Public support: any benefit in the month. Work: earnings above the work threshold. Self-sufficiency: work or studies and no public support. \(disclosureNote)")),
        ])
    }

    // MARK: - Matching and balance

    var balanceSection: String {
        let m = results.matched
        return section("balance", text("Matchad jämförelsegrupp och balans", "Matched comparison group and balance"), [
            paragraph(text("Varje deltagare jämförs med personer som var 16–64 år, hade samma försörjningsstatus månaden före och ännu inte hade börjat en insats samma månad (riskmängdsmatchning på propensity score). \(text.count(m.matched.treated)) av \(text.count(m.all.treated)) deltagare matchades mot \(text.count(m.matched.control)) jämförelser bland \(text.count(m.all.control)) möjliga (en person kan vara möjlig jämförelse i flera startmånader).",
                           "Each participant is compared with persons aged 16–64 with the same support status in the month before who had not yet started an intervention in that month (risk-set propensity-score matching). \(text.count(m.matched.treated)) of \(text.count(m.all.treated)) participants were matched to \(text.count(m.matched.control)) comparisons out of \(text.count(m.all.control)) eligible (a person can be eligible in several start months).")),
            loveFigure,
        ])
    }

    // MARK: - Effects

    var effectsSection: String {
        let did = results.matched.didWindows
        let rows: [[HTMLTable.Cell]] = results.matched.did.map { e in
            [HTMLTable.Cell(text.outcome(e.outcome)), .number(text.effect(e.estimate, e.outcome)), .number(text.effect(e.confidenceLow, e.outcome)),
             .number(text.effect(e.confidenceHigh, e.outcome)), HTMLTable.Cell(text.unit(e.outcome))]
        }
        func range(_ r: ClosedRange<Int>) -> String { "\(text.format.decimal(Double(r.lowerBound)))…\(text.format.decimal(Double(r.upperBound)))" }
        let didTable = HTMLTable(caption: text("Skillnad i skillnader: medelvärdet under månaderna \(range(did.post)) minus under månaderna \(range(did.pre))",
                                               "Difference in differences: the mean over months \(range(did.post)) minus the mean over months \(range(did.pre))"),
                                 header: [.text(text("Utfall", "Outcome")), .number(text("Skattning", "Estimate")), .number(text("95 % KI, nedre", "95% CI, low")),
                                          .number(text("95 % KI, övre", "95% CI, high")), .text(text("Enhet", "Unit"))],
                                 rows: rows)
        return section("effects", text("Effekt per månad", "Effect by month"), [
            paragraph(text("Skillnaden mellan deltagarna och den matchade jämförelsegruppen varje månad från 24 månader före till 36 månader efter start (månad 0), med 95 % konfidensintervall (standardfel klustrade per matchad grupp och per person). Före start ska skillnaden vara nära noll.",
                           "The difference between the participants and the matched comparison group in every month from 24 months before to 36 months after the start (month 0), with 95% confidence intervals (standard errors clustered by matched set and by person). Before the start the difference should be near zero.")),
        ] + CohortResults.headlineOutcomes.map(eventStudyFigure) + [
            "<h3>\(escapeHTML(text("Skillnad i skillnader", "Difference in differences")))</h3>",
            didTable.html,
        ])
    }

    // MARK: - Payback

    var paybackSection: String {
        let p = results.payback, model = p.model, horizon = model.horizonMonths
        let hasIntervals = p.sources.contains { !$0.intervals.isEmpty }
        func amount(_ x: Double?) -> String { x.map { text.format.decimal($0) } ?? NumberFormat.missing }
        var header: [HTMLTable.Cell] = [.text(text("Perspektiv", "Perspective")), .number(text("Kostnad (kr)", "Cost (SEK)")),
                                        .number(text("Naiv: återbetalningstid", "Naive: payback")), .number(text("Naiv: nuvärde (kr)", "Naive: NPV (SEK)")),
                                        .number(text("Kontrafaktisk: återbetalningstid", "Counterfactual: payback")),
                                        .number(text("Kontrafaktisk: nuvärde (kr)", "Counterfactual: NPV (SEK)")),
                                        .number(text("Kontrafaktisk: högsta kostnad som återbetalas (kr)", "Counterfactual: break-even cost (SEK)"))]
        if hasIntervals {
            header += [.number(text("95 % intervall, återbetalningstid (mån)", "95% interval, payback (months)")),
                       .number(text("95 % intervall, nuvärde (kr)", "95% interval, NPV (SEK)")),
                       .number(text("95 % intervall, högsta kostnad (kr)", "95% interval, break-even cost (SEK)"))]
        }
        let rows: [[HTMLTable.Cell]] = Perspective.allCases.map { perspective in
            let naive = p.curve("naive", perspective), counterfactual = p.curve("counterfactual", perspective)
            var row: [HTMLTable.Cell] = [.text(text.perspective(perspective)), .number(amount(counterfactual?.cost ?? naive?.cost)),
                                         .number(text.payback(naive, horizon: horizon)), .number(amount(naive?.netPresentValue)),
                                         .number(text.payback(counterfactual, horizon: horizon)),
                                         .number(amount(counterfactual?.netPresentValue)),
                                         .number(counterfactual?.breakEvenCost.map { amount($0) } ?? "")]
            if hasIntervals {
                let ci = p.sources.first { $0.name == "counterfactual" }?.intervals[perspective]
                row.append(.number(ci.map { text.monthInterval($0.paybackLow, $0.paybackHigh, horizon: horizon) } ?? ""))
                row.append(.number(ci.map { "\(amount($0.npvLow)) \(text("till", "to")) \(amount($0.npvHigh))" } ?? ""))
                row.append(.number(ci.map { "\(amount($0.breakEvenLow)) \(text("till", "to")) \(amount($0.breakEvenHigh))" } ?? ""))
            }
            return row
        }
        let summary = HTMLTable(caption: text("Återbetalningstid och nuvärde per deltagare, horisont \(horizon) mån, diskonteringsränta \(text.percent(model.discountRate)) per år",
                                              "Payback time and net present value per participant, horizon \(horizon) months, discount rate \(text.percent(model.discountRate)) a year"),
                                header: header, rows: rows)
        return section("payback", text("Samhällsekonomisk återbetalning", "Socioeconomic payback"), [
            paragraph(text("Kostnaden per deltagare (\(text.kronor(model.costPerParticipant))) mot de värderade vinsterna per perspektiv: produktion för samhället, minskade ersättningar och ökade skatter för de offentliga aktörerna, nettoinkomst för individen. Kontrafaktisk: vinsterna av den matchade effekten per månad. Naiv: deltagarnas före–efter-skillnad hålls konstant, som i de 58 lokala utvärderingarna. Återbetalningstiden är den första månad då den kumulativa diskonterade vinsten når kostnaden. Den högsta kostnad som återbetalas är den kostnad per deltagare vid vilken nuvärdet över horisonten blir noll: vad insatsen får kosta och ändå löna sig inom \(horizon) månader. \(extrapolationSentence.sv) \(costTimingSentence.sv)",
                           "The cost per participant (\(text.kronor(model.costPerParticipant))) against the valued gains per perspective: production for society, avoided benefits and added taxes for the public actors, net income for the individual. Counterfactual: gains from the matched effect by month. Naive: the participants' before/after difference held constant, as in the 58 local evaluations. The payback time is the first month in which the cumulative discounted gain reaches the cost. The break-even cost is the cost per participant at which the net present value over the horizon is zero: what the insats may cost and still pay back within \(horizon) months. \(extrapolationSentence.en) \(costTimingSentence.en)")),
            summary.html,
            "<div class=\"grid\">\n" + Perspective.allCases.map(paybackFigure).joined(separator: "\n") + "\n</div>",
        ])
    }

    /// When the cost falls and how it is discounted, in both languages.
    var costTimingSentence: (sv: String, en: String) {
        let model = results.payback.model
        if model.costSchedule.count > 1 {
            return ("Kostnaden fördelas jämnt över varje deltagares månader i insatsen (--cost-timing spread) och diskonteras som vinsterna, i början av varje månad; dess nuvärde är \(text.percent(model.costDiscountFactor)) av kostnaden.",
                    "The cost is spread evenly over each participant's months in the insats (--cost-timing spread) and discounted as the gains are, at the start of each month; its present value is \(text.percent(model.costDiscountFactor)) of the cost.")
        }
        return ("Hela kostnaden faller i startmånaden (--cost-timing start); vinsterna diskonteras i början av varje månad, startmånaden inte alls.",
                "The whole cost falls in the start month (--cost-timing start); gains are discounted at the start of each month, the start month not at all.")
    }

    /// How the effect is carried beyond the observed months, in both languages.
    var extrapolationSentence: (sv: String, en: String) {
        let last = results.matched.effects.map(\.relativeMonth).max() ?? 36
        switch results.payback.model.extrapolation {
        case .constant:
            return ("Efter månad \(last), den sista med en skattad effekt, hålls effekten konstant (--extrapolate constant).",
                    "After month \(last), the last with an estimated effect, the effect is held constant (--extrapolate constant).")
        case .decay(let r):
            let share = text.percent(r, digits: 0)
            return ("Efter månad \(last), den sista med en skattad effekt, minskar effekten med \(share) per år (--extrapolate decay:\(r)).",
                    "After month \(last), the last with an estimated effect, the effect shrinks by \(share) a year (--extrapolate decay:\(r)).")
        case .none:
            return ("Efter månad \(last), den sista med en skattad effekt, räknas ingen vinst (--extrapolate none).",
                    "After month \(last), the last with an estimated effect, no gain is counted (--extrapolate none).")
        }
    }

    // MARK: - Methods and provenance

    var methodsSection: String {
        let p = results.provenance
        let options = HTMLTable(caption: text("Körningens val", "Options of the run"), header: [.text(text("Val", "Option")), .text(text("Värde", "Value"))],
                                rows: p.options.map { [HTMLTable.Cell("--" + $0.0.replacingOccurrences(of: "_", with: "-")), HTMLTable.Cell($0.1)] })
        let inputs = HTMLTable(caption: text("Indatafiler", "Input files"), header: [.text(text("Fil", "File")), "SHA-256"],
                               rows: p.inputs.keys.sorted().map { [HTMLTable.Cell($0), HTMLTable.Cell(p.inputs[$0]!)] })
        let notes = results.notes.isEmpty
            ? paragraph(text("Inga anmärkningar.", "No notes."))
            : "<ul class=\"notes\">\n" + results.notes.map { "<li>\(escapeHTML($0))</li>" }.joined(separator: "\n") + "\n</ul>"
        return section("methods", text("Metod och underlag", "Methods and provenance"), [
            paragraph(text("Kohorten är de personer vars första deltagande i en individinriktad insats startade \(p.cohort), utan deltagande de 24 månaderna före; månad 0 är startmånaden. Månadsvis försörjning byggs från registren (förmåner, anställning, studier). Jämförelsegruppen matchas inom startmånad och försörjningsstatus månaden före på en propensity score (logit på ålder, kön, utbildning, födelseland, län, försörjning och ersättningar de 36 månaderna före samt arbetsinkomst). Effekten per månad är en viktad regression av utfallet på deltagande med standardfel klustrade per matchad grupp och per person (en person kan ingå i flera startmånaders riskmängder).",
                           "The cohort is the persons whose first participation in an individual intervention started in \(p.cohort), with no participation in the 24 months before; month 0 is the start month. Monthly support is built from the registers (benefits, employment, studies). Comparisons are matched within the start month and the support status of the month before on a propensity score (a logit on age, sex, education, country of birth, county, support and benefits in the 36 months before, and earnings). The effect by month is a weighted regression of the outcome on participation with standard errors clustered by matched set and by person (a person can be in several start months' risk sets).")),
            paragraph(text("Röjandekontroll: inga personnummer eller person-id finns i utdata. \(disclosureNote) I övergångsmatriserna och i indikatorerna per undergrupp redovisas nollor som 0, och ytterligare celler (i sista hand en summa) döljs tills varje rad, kolumn och summarad med känd summa har antingen inga eller minst två dolda tal vars summa minus deras antal är minst minsta cellstorlek, så att inget dolt tal kan räknas fram, eller ringas in snävare än så, ur en summa.",
                           "Disclosure control: no personal identity numbers or person ids appear in any output. \(disclosureNote) In the transition matrices and the indicators by subgroup zeros are published as 0, and further cells (as a last resort a total) are hidden until every row, column and line of totals with a known total holds either no hidden figure or at least two whose sum minus their number is at least the minimum cell, so that no hidden figure can be recovered, or narrowed further than that, from a total.")),
            "<h3>\(escapeHTML(text("Anmärkningar från körningen (på engelska)", "Notes from the run")))</h3>",
            notes,
            options.html,
            inputs.html,
            paragraph(text("Framställd med FinsamEval evaluate \(p.version). Samma data och val ger en identisk rapport; siffrorna finns även i results.json och CSV-filerna i samma mapp.",
                           "Produced by FinsamEval evaluate \(p.version). The same data and options give an identical report; the figures are also in results.json and the CSV files of the same folder.")),
        ])
    }
}
