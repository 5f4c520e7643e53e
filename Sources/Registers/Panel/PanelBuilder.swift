import Dispatch
import Foundation
import Linalg

/// Builds the ``SupportPanel`` from linked ``Registers``.
///
/// Conventions (README, "The monthly support panel"):
/// - A benefit spell's amount is spread over its days pro rata: over calendar days for FK's benefits and
///   ekonomiskt bistånd, over weekdays (Monday–Friday) for aktivitetsstöd, etableringsersättning and a-kassa. A
///   month gets `amount × (units of the spell in the month) / (units of the whole spell)`.
/// - Full-time equivalents: `extent/100 × (units of the spell in the month) / (units in the month)`, summed over a
///   benefit's overlapping spells and capped at 1 per benefit, then summed over benefits and capped at 1.
/// - A benefit is flagged in a month when the spell covers at least one day of it (a weekday-paid spell that covers
///   only a weekend of the month is not). A weekday-paid spell that lies wholly on a weekend is spread over its
///   calendar days instead, so that its amount is kept: it flags its month, with a full-time equivalent of 0.
/// - A spell without an end runs to the panel's last day; its amount is spread over the days up to there.
/// - Earnings of overlapping employment spells add up; a month is subsidised when any covering spell is.
/// - Studies: a study spell covers at least one day of the month.
/// - `work`: earnings ≥ the work threshold for the month's year.
public struct PanelBuilder: Sendable {
    public var firstMonth: Month
    public var lastMonth: Month
    /// Monthly earnings at or above which a month counts as work, by year.
    public var workThreshold: @Sendable (Int) -> Double
    /// The main states from the highest priority to the lowest (``MainState/defaultPriority``).
    public var priority: [MainState]

    /// A builder for the months `firstMonth…lastMonth`, with the monthly earnings threshold for work by year and the
    /// main-state priority (highest first; it must list every state).
    public init(firstMonth: Month, lastMonth: Month, workThreshold: @escaping @Sendable (Int) -> Double,
                priority: [MainState] = MainState.defaultPriority) {
        self.firstMonth = firstMonth
        self.lastMonth = lastMonth
        self.workThreshold = workThreshold
        self.priority = priority
    }

    /// The default window and threshold for a dataset: from the first to the last month with any spell, and the
    /// `work_threshold_monthly_earnings` of `prices.csv` (0 when absent: any earnings count as work).
    public init(registers r: Registers) {
        var lo = Int32.max, hi = Int32.min
        func see(_ m: Month) { lo = min(lo, m.rawValue); hi = max(hi, m.rawValue) }
        for d in r.benefits.start { see(d.month) }
        for d in r.benefits.end.compactMap({ $0 }) { see(d.month) }
        for d in r.participations.start { see(d.month) }
        for m in r.employment.startMonth { see(m) }
        for m in r.employment.endMonth.compactMap({ $0 }) { see(m) }
        for d in r.studies.start { see(d.month) }
        if lo > hi { lo = Month(year: 2014, month: 1).rawValue; hi = lo }
        let prices = r.prices
        self.init(firstMonth: Month(rawValue: lo), lastMonth: Month(rawValue: hi),
                  workThreshold: { prices.value("work_threshold_monthly_earnings", year: $0) ?? 0 })
    }

    /// The panel of every person of `r` over the builder's months, by the conventions above. Persons are processed in
    /// parallel blocks, each writing only its own cells, so the result does not depend on the number of threads.
    public func build(_ r: Registers) -> SupportPanel {
        let months = firstMonth.distance(to: lastMonth) + 1
        let persons = r.persons.count
        let cells = persons * months
        let benefitsByPerson = groupByPerson(r.benefits.person, persons: persons)
        let jobsByPerson = groupByPerson(r.employment.person, persons: persons)
        let studiesByPerson = groupByPerson(r.studies.person, persons: persons)
        let panelFirstDay = firstMonth.firstDay
        let panelLastDay = lastMonth.lastDay
        let monthInfo = (0..<months).map { k -> (first: Day, last: Day, days: Int, weekdays: Int, threshold: Double) in
            let m = firstMonth.advanced(by: k)
            return (m.firstDay, m.lastDay, m.dayCount, m.weekdayCount, workThreshold(m.year))
        }
        let rank: [UInt8] = MainState.allCases.map { s in UInt8(priority.firstIndex(of: s)!) }

        var mask = [UInt8](repeating: 0, count: cells)
        var fte = [Float](repeating: 0, count: cells)
        var earnings = [Float](repeating: 0, count: cells)
        var flags = [UInt8](repeating: 0, count: cells)
        var state = [UInt8](repeating: 0, count: cells)
        // Each person's amounts are computed densely in a per-thread buffer and packed; persons are split between
        // the threads in fixed blocks (each writes only its own persons' cells).
        var perPersonAmounts = [[Float]](repeating: [], count: persons)
        let codes = BenefitCode.allCases
        let block = 4096
        mask.withUnsafeMutableBufferPointer { maskBuffer in
        fte.withUnsafeMutableBufferPointer { fteBuffer in
        earnings.withUnsafeMutableBufferPointer { earningsBuffer in
        flags.withUnsafeMutableBufferPointer { flagsBuffer in
        state.withUnsafeMutableBufferPointer { stateBuffer in
        perPersonAmounts.withUnsafeMutableBufferPointer { amountsBuffer in
            let mask = SharedPointer(maskBuffer.baseAddress!), fte = SharedPointer(fteBuffer.baseAddress!)
            let earnings = SharedPointer(earningsBuffer.baseAddress!), flags = SharedPointer(flagsBuffer.baseAddress!)
            let state = SharedPointer(stateBuffer.baseAddress!), packedOut = SharedPointer(amountsBuffer.baseAddress!)
            DispatchQueue.concurrentPerform(iterations: (persons + block - 1) / block) { blockIndex in
                var amount = [Double](repeating: 0, count: codes.count * months)
                var benefitFTE = [Double](repeating: 0, count: codes.count * months)
                for p in (blockIndex * block)..<min(persons, (blockIndex + 1) * block) {
                    for k in amount.indices { amount[k] = 0; benefitFTE[k] = 0 }
                    for s in benefitsByPerson[p] {
                        let code = r.benefits.code[s]
                        let b = code.index
                        let start = r.benefits.start[s]
                        let end = r.benefits.end[s] ?? max(panelLastDay, start)
                        let weekdayPaid = code.dayConvention == .weekdays
                        var total = weekdayPaid ? weekdays(from: start, through: end) : end - start + 1
                        var useWeekdays = weekdayPaid
                        if total == 0 { total = end - start + 1; useWeekdays = false } // a weekend-only spell
                        let clipStart = max(start, panelFirstDay), clipEnd = min(end, panelLastDay)
                        guard clipStart <= clipEnd else { continue }
                        let extent = Double(r.benefits.extent[s]) / 100
                        for k in firstMonth.distance(to: clipStart.month)...firstMonth.distance(to: clipEnd.month) {
                            let info = monthInfo[k]
                            let a = max(clipStart, info.first), z = min(clipEnd, info.last)
                            let days = z - a + 1
                            let weekdaysCovered = weekdayPaid ? weekdays(from: a, through: z) : 0
                            let units = useWeekdays ? weekdaysCovered : days
                            guard days > 0, !(useWeekdays && units == 0) else { continue }
                            amount[b * months + k] += r.benefits.amount[s] * Double(units) / Double(total)
                            let monthUnits = weekdayPaid ? info.weekdays : info.days
                            benefitFTE[b * months + k] += extent * Double(weekdayPaid ? weekdaysCovered : days) / Double(monthUnits)
                            mask.base[p * months + k] |= UInt8(1) << UInt8(b)
                        }
                    }
                    var packed: [Float] = []
                    for k in 0..<months {
                        let c = p * months + k
                        var total = 0.0
                        for b in 0..<codes.count where mask.base[c] & (UInt8(1) << UInt8(b)) != 0 {
                            packed.append(Float(amount[b * months + k]))
                            total += min(1, benefitFTE[b * months + k])
                        }
                        fte.base[c] = Float(min(1, total))
                    }
                    packedOut.base[p] = packed
                    for j in jobsByPerson[p] {
                        let start = max(r.employment.startMonth[j], firstMonth)
                        let end = min(r.employment.endMonth[j] ?? lastMonth, lastMonth)
                        guard start <= end else { continue }
                        for k in firstMonth.distance(to: start)...firstMonth.distance(to: end) {
                            earnings.base[p * months + k] += Float(r.employment.monthlyEarnings[j])
                            if r.employment.subsidized[j] { flags.base[p * months + k] |= 1 }
                        }
                    }
                    for s in studiesByPerson[p] {
                        let start = max(r.studies.start[s], panelFirstDay)
                        let end = min(r.studies.end[s] ?? panelLastDay, panelLastDay)
                        guard start <= end else { continue }
                        for k in firstMonth.distance(to: start.month)...firstMonth.distance(to: end.month) { flags.base[p * months + k] |= 2 }
                    }
                    for k in 0..<months {
                        let c = p * months + k
                        if Double(earnings.base[c]) >= monthInfo[k].threshold && earnings.base[c] > 0 { flags.base[c] |= 4 }
                        var best = MainState.none
                        func consider(_ s: MainState) { if rank[Int(s.index)] < rank[Int(best.index)] { best = s } }
                        for code in codes where mask.base[c] & (UInt8(1) << UInt8(code.index)) != 0 { consider(MainState(benefit: code)) }
                        if flags.base[c] & 1 != 0 && flags.base[c] & 4 != 0 { consider(.subsidizedWork) }
                        if flags.base[c] & 4 != 0 { consider(.work) }
                        if flags.base[c] & 2 != 0 { consider(.studies) }
                        state.base[c] = best.index
                    }
                }
            }
        }}}}}}
        var offsets = [UInt32](repeating: 0, count: cells)
        var packedAmounts: [Float] = []
        packedAmounts.reserveCapacity(perPersonAmounts.reduce(0) { $0 + $1.count })
        for p in 0..<persons {
            var o = UInt32(packedAmounts.count)
            for k in 0..<months {
                offsets[p * months + k] = o
                o += UInt32(mask[p * months + k].nonzeroBitCount)
            }
            packedAmounts += perPersonAmounts[p]
        }
        return SupportPanel(firstMonth: firstMonth, monthCount: months, personCount: persons, benefitMask: mask,
                            amountOffset: offsets, packedAmounts: packedAmounts, supportFTE: fte, earnings: earnings,
                            flags: flags, mainStateIndex: state)
    }
}

/// Row indices grouped by person (a counting sort: rows keep their file order within a person).
func groupByPerson(_ person: [Int32], persons: Int) -> [[Int]] {
    var groups = [[Int]](repeating: [], count: persons)
    for (row, p) in person.enumerated() { groups[Int(p)].append(row) }
    return groups
}
