import Foundation
import Registers
import Stats
import Payback

/// The causal truth of a generated dataset: for each cohort (year of first participation) and month relative to
/// the start (−24…+36), the mean over the cohort's participants of `Y(1) − Y(0)`, the treated minus the untreated
/// path, for each outcome of ``MonthOutcomes`` — the ATT the matched comparison estimates. Months before the
/// start are zero by construction. Also the observed before/after shares a naive evaluation would report, the
/// true ATT of every group the evaluation's effects by group report (at ``groupMonths``), and for each förbund the
/// planted effect at +12 free of its participants' draw, with τ, its spread over the förbund.
struct Truth: Sendable {
    static let relativeMonths = Array(-24...36)

    struct Cohort: Sendable {
        var year: Int
        var participants: Int
        /// outcome → ATT per relative month.
        var att: [[Double]]
        /// Observed share on public support in month −1 and at +12, and the same for work.
        var naive: [String: Double]
        /// The true payback month per perspective (the run's defaults: 82,000 kr, 60 months, 3.5 %), from the true
        /// effects on transfers and earnings; nil when not within the horizon.
        var payback: [(String, Int?)]
        /// Per grouping (in ``TruthGrouping`` order), the groups in label order.
        var groups: [[(label: String, truth: GroupTruth)]] = []
        /// Per outcome of ``populationOutcomes``: the standard deviation (divisor n) over the förbund with
        /// participants in the cohort of their population ATT at +12 — the τ of the förbund effects (the insats effects in a cohort have the same, as
        /// each förbund runs one insats in a year).
        var tau12: [Double] = []
    }

    /// The truth of one group of participants.
    struct GroupTruth: Sendable {
        var participants = 0
        /// Per ``groupMonths``, the participants whose month is within the simulated years.
        var observed = [Int](repeating: 0, count: Truth.groupMonths.count)
        /// Outcome × ``groupMonths``: the mean of `Y(1) − Y(0)` over the group's participants (NaN when none of
        /// them reaches the month).
        var att = [[Double]](repeating: [Double](repeating: 0, count: Truth.groupMonths.count), count: MonthOutcomes.names.count)
        /// For förbund, per outcome of ``populationOutcomes``: the ATT at +12 the förbund's effect
        /// gives the cohort's participants of the whole country (alike in expectation to its own, who are drawn
        /// from the same population): the planted förbund effect, free of which persons happened to take part.
        var populationATT12: [Double]? = nil
    }

    /// Months of the group truths.
    static let groupMonths = [6, 12, 24, 36]
    /// Outcomes of the förbund' population ATT.
    static let populationOutcomes = ["public_support", "work"]
    /// At most this many of a cohort's participants (the first by index) average the förbund' population ATT.
    static let populationSample = 1000

    var settings: GeneratorSettings
    var reference: ReferenceData
    var cohorts: [Cohort] = []

    init(settings: GeneratorSettings, people: [SimulatedPerson], valuation: RunValuation) {
        let context = valuation.context
        self.settings = settings
        reference = context.reference
        let outcomes = MonthOutcomes.names.count
        let k0 = Truth.relativeMonths.first!
        let width = Truth.relativeMonths.count
        var sums = [Int: [[Double]]]()
        var counts = [Int: [[Int]]]()
        var participants = [Int: Int]()
        var naiveSums = [Int: [Double]]()
        var under26 = [Int: Int]()
        // Keyed flat by (year, grouping, label): nested dictionaries would be copied on every update.
        struct GroupKey: Hashable { var year: Int; var grouping: Int; var label: String }
        var groupTruths = [GroupKey: GroupTruth]()
        for person in people {
            guard let start = person.start, let untreated = person.untreated else { continue }
            let year = settings.firstYear + start / 12
            let y1 = valuation.outcomes(person.index, person.observed, treatment: person.treatment)
            let y0 = valuation.outcomes(person.index, untreated, treatment: nil)
            participants[year, default: 0] += 1
            let labels = TruthGrouping.allCases.map { $0.label(person, valuation: valuation) }
            for (g, label) in labels.enumerated() {
                let key = GroupKey(year: year, grouping: g, label: label)
                var truth = groupTruths[key] ?? GroupTruth()
                truth.participants += 1
                for (j, k) in Truth.groupMonths.enumerated() where start + k < person.observed.count {
                    truth.observed[j] += 1
                    for o in 0..<outcomes { truth.att[o][j] += y1[start + k].values[o] - y0[start + k].values[o] }
                }
                groupTruths[key] = truth
            }
            if year - person.birthYear < 26 { under26[year, default: 0] += 1 }
            if sums[year] == nil {
                sums[year] = Array(repeating: Array(repeating: 0, count: width), count: outcomes)
                counts[year] = Array(repeating: Array(repeating: 0, count: width), count: outcomes)
                naiveSums[year] = [0, 0, 0, 0, 0]
            }
            for (j, k) in Truth.relativeMonths.enumerated() {
                let m = start + k
                guard m >= 0, m < person.observed.count else { continue }
                for o in 0..<outcomes {
                    sums[year]![o][j] += y1[m].values[o] - y0[m].values[o]
                    counts[year]![o][j] += 1
                }
            }
            if start + 12 < person.observed.count, start >= 1 {
                naiveSums[year]![0] += y1[start - 1].values[0]
                naiveSums[year]![1] += y1[start + 12].values[0]
                naiveSums[year]![2] += y1[start - 1].values[1]
                naiveSums[year]![3] += y1[start + 12].values[1]
                naiveSums[year]![4] += 1
            }
        }
        for year in sums.keys.sorted() {
            let att = (0..<outcomes).map { o in (0..<width).map { j in counts[year]![o][j] > 0 ? sums[year]![o][j] / Double(counts[year]![o][j]) : .nan } }
            let ns = naiveSums[year]!
            let naive = ns[4] > 0 ? ["public_support_before": ns[0] / ns[4], "public_support_after_12": ns[1] / ns[4],
                                     "work_before": ns[2] / ns[4], "work_after_12": ns[3] / ns[4]] : [:]
            let index = Dictionary(uniqueKeysWithValues: MonthOutcomes.names.enumerated().map { ($1, $0) })
            func series(_ name: String) -> [Double] { Array(att[index[name]!][(-k0)...]).map { $0.isNaN ? 0 : $0 } }
            let effects = MonthlyEffects(transfersFK: series("amount_fk"), transfersState: series("amount_state"),
                                         transfersKommun: series("amount_kommun"), earnings: series("earnings"),
                                         transfersTaxable: series("amount_taxable"))
            let paybackValuation = Valuation(prices: valuation.prices, year: year,
                                             shareUnder26: Double(under26[year] ?? 0) / Double(participants[year]!))
            let curves = PaybackModel(valuation: paybackValuation).curves(effects)
            let payback = curves.filter { $0.cost > 0 }.map { ($0.perspective.rawValue, $0.paybackMonth) }
            var cohort = Cohort(year: year, participants: participants[year]!, att: att, naive: naive, payback: payback)
            let population = Truth.populationATT12(year: year, people: people, valuation: valuation)
            let federation = TruthGrouping.allCases.firstIndex(of: .federation)!
            let present = context.reference.federations.indices.filter {
                groupTruths[GroupKey(year: year, grouping: federation, label: context.reference.federations[$0].id)] != nil
            }
            cohort.tau12 = Truth.populationOutcomes.indices.map { o in
                let values = present.map { population[$0][o] }
                let mean = values.reduce(0, +) / Double(values.count)
                return (values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(values.count)).squareRoot()
            }
            cohort.groups = TruthGrouping.allCases.enumerated().map { g, grouping in
                groupTruths.keys.filter { $0.year == year && $0.grouping == g }.map(\.label).sorted().map { label in
                    var truth = groupTruths[GroupKey(year: year, grouping: g, label: label)]!
                    truth.att = truth.att.map { zip($0, truth.observed).map { $1 > 0 ? $0 / Double($1) : .nan } }
                    if grouping == .federation, let f = grouping.federationIndex(label, reference: context.reference) { truth.populationATT12 = population[f] }
                    return (label, truth)
                }
            }
            cohorts.append(cohort)
        }
    }

    /// Per förbund, the population ATT at +12 (``GroupTruth/populationATT12``) of cohort `year`: over (at most
    /// ``populationSample`` of) the cohort's participants, the mean of `Y(1) − Y(0)` at +12 with each one's personal
    /// factor and the förbund's and its insats' factor, on common random numbers.
    static func populationATT12(year: Int, people: [SimulatedPerson], valuation: RunValuation) -> [[Double]] {
        let context = valuation.context
        let s = context.settings
        let sample = Array(people.lazy.filter { p in
            p.start.map { s.firstYear + $0 / 12 == year && $0 + 12 < s.monthCount } ?? false
        }.prefix(Truth.populationSample))
        let federations = context.reference.federations.count
        var result = [[Double]](repeating: [0, 0], count: federations)
        result.withUnsafeMutableBufferPointer { buf in
            let out = UnsafeSendable(buf.baseAddress!)
            DispatchQueue.concurrentPerform(iterations: federations) { f in
                let local = context.heterogeneity.local(federation: f, period: s.insatsPeriod(year: year))
                var sums = [0.0, 0.0]
                var n = 0
                for person in sample {
                    let start = person.start!, m = start + 12
                    let treatment = Treatment(start: start, multiplier: person.personalFactor * local)
                    let path1 = context.treatedPath(person.index, untreated: person.untreated!, birthYear: person.birthYear,
                                                    bornAbroad: person.bornAbroad, leaveFactor: person.leaveFactor,
                                                    treatment: treatment, through: m)
                    let y1 = valuation.supportAndWork(person.index, path1, month: m, treatment: treatment)
                    let y0 = valuation.supportAndWork(person.index, person.untreated!, month: m, treatment: nil)
                    sums[0] += y1.support - y0.support
                    sums[1] += y1.work - y0.work
                    n += 1
                }
                out.pointer[f] = sums.map { n > 0 ? $0 / Double(n) : .nan }
            }
        }
        return result
    }

    /// The planted heterogeneity (``EffectHeterogeneity``) as a JSON object: the log multipliers and the random
    /// effects' standard deviations; all zero when switched off.
    static func heterogeneityJSON(enabled: Bool) -> String {
        let h = EffectHeterogeneity.self
        func num(_ x: Double) -> String { formatShortest(enabled ? x : 0) }
        let ages = zip(["16–29", "30–49", "50–64"], h.ageGroup).map { "\"\($0)\": \(num($1))" }.joined(separator: ", ")
        let states = SimState.allCases.compactMap { s -> String? in
            s.benefit.map { "\"\(MainState(benefit: $0).rawValue)\": \(num(h.startState(s)))" }
        }.joined(separator: ", ")
        return "{\"enabled\": \(enabled), \"log_multiplier\": {\"age_group\": {\(ages)}, \"female\": \(num(h.female)), "
            + "\"born_abroad\": \(num(h.bornAbroad)), \"start_state\": {\(states)}}, "
            + "\"federation_sd\": \(num(h.federationSD)), \"insats_sd\": \(num(h.insatsSD))}"
    }

    /// Deterministic JSON: keys in a fixed order, numbers in their shortest round-trip form (NaN as null).
    var json: String {
        func num(_ x: Double) -> String { x.isNaN ? "null" : formatShortest(x) }
        var out = "{\n  \"generator\": \"FinsamEval Synthetic\",\n"
        out += "  \"seed\": \(settings.seed),\n  \"scale\": \(formatShortest(settings.scale)),\n"
        out += "  \"from_year\": \(settings.fromYear),\n  \"to_year\": \(settings.toYear),\n"
        out += "  \"effect\": {\"hazard_at_start\": \(formatShortest(StateModel.effectSize)), \"decay_months\": \(formatShortest(StateModel.effectDecayMonths)), \"part_time_boost\": \(formatShortest(StateModel.partTimeBoost))},\n"
        out += "  \"heterogeneity\": \(Truth.heterogeneityJSON(enabled: settings.heterogeneousEffect)),\n"
        if settings.hiddenConfounding != 0 {
            out += "  \"hidden_confounding\": {\"strength\": \(formatShortest(settings.hiddenConfounding)), \"confounder\": \"U ~ N(0, 1) per person, not in the registers\", \"start_hazard_factor\": \"exp(|S|·U)\", \"support_leave_factor\": \"exp(-S·U)\"},\n"
        }
        out += "  \"group_months\": [\(Truth.groupMonths.map(String.init).joined(separator: ", "))],\n"
        out += "  \"relative_months\": [\(Truth.relativeMonths.map(String.init).joined(separator: ", "))],\n"
        out += "  \"cohorts\": {\n"
        out += cohorts.map { c in
            var s = "    \"\(c.year)\": {\n      \"participants\": \(c.participants),\n"
            s += "      \"naive\": {" + c.naive.keys.sorted().map { "\"\($0)\": \(num(c.naive[$0]!))" }.joined(separator: ", ") + "},\n"
            s += "      \"payback_month\": {" + c.payback.map { "\"\($0.0)\": \($0.1.map(String.init) ?? "null")" }.joined(separator: ", ") + "},\n"
            s += "      \"att\": {\n"
            s += MonthOutcomes.names.enumerated().map { o, name in
                "        \"\(name)\": [" + c.att[o].map(num).joined(separator: ", ") + "]"
            }.joined(separator: ",\n")
            s += "\n      },\n"
            s += "      \"tau_12\": {" + Truth.populationOutcomes.enumerated().map { "\"\($1)\": \(num(c.tau12[$0]))" }.joined(separator: ", ") + "},\n"
            s += "      \"groups\": {\n"
            // Group truths to six decimals (kronor to öre); for förbund the headline outcomes only, and for an
            // insats its förbund (in a cohort each förbund runs one insats, so their participants are the same) —
            // to keep the file small.
            func rounded(_ x: Double, decimals: Double) -> String { num((x * decimals).rounded() / decimals) }
            s += TruthGrouping.allCases.enumerated().map { g, grouping in
                "        \"\(grouping.rawValue)\": {\n" + c.groups[g].map { label, truth in
                    var t = "          \"\(label)\": {"
                    if grouping == .insats, let f = grouping.federationIndex(label, reference: reference) {
                        return t + "\"federation\": \"\(reference.federations[f].id)\"}"
                    }
                    t += "\"participants\": \(truth.participants), \"att\": {"
                    t += MonthOutcomes.names.enumerated().filter { grouping != .federation || Truth.populationOutcomes.contains($1) }.map { o, name in
                        "\"\(name)\": [" + truth.att[o].map { rounded($0, decimals: o >= 5 ? 1e2 : 1e6) }.joined(separator: ", ") + "]"
                    }.joined(separator: ", ") + "}"
                    if let population = truth.populationATT12 {
                        t += ", \"population_att_12\": {" + Truth.populationOutcomes.enumerated().map { "\"\($1)\": \(rounded(population[$0], decimals: 1e6))" }.joined(separator: ", ") + "}"
                    }
                    return t + "}"
                }.joined(separator: ",\n") + "\n        }"
            }.joined(separator: ",\n")
            s += "\n      }\n    }"
            return s
        }.joined(separator: ",\n")
        out += "\n  }\n}\n"
        return out
    }
}
