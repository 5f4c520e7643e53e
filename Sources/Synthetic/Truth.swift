import Foundation
import Stats
import Payback

/// The causal truth of a generated dataset: for each cohort (year of first participation) and month relative to
/// the start (−24…+36), the mean over the cohort's participants of `Y(1) − Y(0)`, the treated minus the untreated
/// path, for each outcome of ``MonthOutcomes`` — the ATT the matched comparison estimates. Months before the
/// start are zero by construction. Also the observed before/after shares a naive evaluation would report.
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
    }

    var settings: GeneratorSettings
    var cohorts: [Cohort] = []

    init(settings: GeneratorSettings, people: [SimulatedPerson], valuation: RunValuation) {
        self.settings = settings
        let outcomes = MonthOutcomes.names.count
        let k0 = Truth.relativeMonths.first!
        let width = Truth.relativeMonths.count
        var sums = [Int: [[Double]]]()
        var counts = [Int: [[Int]]]()
        var participants = [Int: Int]()
        var naiveSums = [Int: [Double]]()
        var under26 = [Int: Int]()
        for person in people {
            guard let start = person.start, let untreated = person.untreated else { continue }
            let year = settings.firstYear + start / 12
            let y1 = valuation.outcomes(person.index, person.observed)
            let y0 = valuation.outcomes(person.index, untreated)
            participants[year, default: 0] += 1
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
                                         transfersKommun: series("amount_kommun"), earnings: series("earnings"))
            let valuation = Valuation(prices: valuation.prices, year: year,
                                      shareUnder26: Double(under26[year] ?? 0) / Double(participants[year]!))
            let curves = PaybackModel(valuation: valuation).curves(effects)
            let payback = curves.filter { $0.cost > 0 }.map { ($0.perspective.rawValue, $0.paybackMonth) }
            cohorts.append(Cohort(year: year, participants: participants[year]!, att: att, naive: naive, payback: payback))
        }
    }

    /// Deterministic JSON: keys in a fixed order, numbers in their shortest round-trip form (NaN as null).
    var json: String {
        func num(_ x: Double) -> String { x.isNaN ? "null" : formatShortest(x) }
        var out = "{\n  \"generator\": \"FinsamEval Synthetic\",\n"
        out += "  \"seed\": \(settings.seed),\n  \"scale\": \(formatShortest(settings.scale)),\n"
        out += "  \"from_year\": \(settings.fromYear),\n  \"to_year\": \(settings.toYear),\n"
        out += "  \"effect\": {\"hazard_at_start\": \(formatShortest(StateModel.effectSize)), \"decay_months\": \(formatShortest(StateModel.effectDecayMonths))},\n"
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
            s += "\n      }\n    }"
            return s
        }.joined(separator: ",\n")
        out += "\n  }\n}\n"
        return out
    }
}
