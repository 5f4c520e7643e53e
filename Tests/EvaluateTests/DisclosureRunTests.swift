import Foundation
import Testing
import Stats
import Registers
import Reporting
import Synthetic
import Transitions
@testable import Evaluation

/// The disclosure rule on what a cohort run publishes: in every transition matrix and every subgroup table of
/// indicator counts, each line with a total a reader knows (a row, a column, the line of row totals or of column
/// totals) hides either nothing or at least two entries whose range by subtraction, `[1, S − k + 1]`, is at least
/// the minimum cell wide (``Disclosure/lineIsSafe(suppressedCount:suppressedSum:)``), and no hidden entry is narrowed
/// below that width by combining rows and columns (``Disclosure/narrowestIntervals(_:)``). Zero cells are published.
@Suite(.serialized) struct DisclosureRunTests {
    /// A published transition cell: from `transitions.csv` or the values behind it.
    struct TransitionRow { var timePoint: String; var from: String; var to: String; var persons: Int?; var rowTotal: Int? }
    /// A published indicator row.
    struct IndicatorRow { var subgroup: String; var group: String; var timePoint: String; var indicator: String; var persons: Int?; var count: Int? }

    /// Every published count is a true count, zeros included, and each matrix is safe. The totals a reader might
    /// know besides the published row totals — the column and grand totals — are taken as known (their true values)
    /// unless the protection relies on them being withheld.
    static func checkTransitions(_ rows: [TransitionRow], truth: [String: TransitionMatrix], disclosure d: Disclosure) -> [String] {
        var problems: [String] = []
        for (t, m) in truth {
            let states = m.states.map(\.rawValue)
            let cells = rows.filter { $0.timePoint == t }
            guard cells.count == states.count * states.count else { problems.append("\(t): \(cells.count) cells listed, not every cell"); continue }
            var published = [[Int?]](repeating: [Int?](repeating: nil, count: states.count), count: states.count)
            var rowTotals = [Int?](repeating: nil, count: states.count)
            for c in cells {
                let i = states.firstIndex(of: c.from)!, j = states.firstIndex(of: c.to)!
                published[i][j] = c.persons
                rowTotals[i] = c.rowTotal
                if let p = c.persons, p != m.counts[i][j] { problems.append("\(t) \(c.from)→\(c.to): \(p) published, \(m.counts[i][j]) true") }
                if m.counts[i][j] == 0 && c.persons != 0 { problems.append("\(t) \(c.from)→\(c.to): a zero cell is not published as 0") }
                if let p = c.persons, !d.allows(p) { problems.append("\(t) \(c.from)→\(c.to): \(p) is below the minimum") }
            }
            let withheld = d.protect(m.counts)
            let columnSums = states.indices.map { j in m.counts.reduce(0) { $0 + $1[j] } }
            let table = Disclosure.PublishedTable(
                cells: published, rowTotals: rowTotals,
                columnTotals: columnSums.indices.map { withheld.columnTotals[$0] ? nil : columnSums[$0] },
                grandTotal: withheld.grandTotal ? nil : columnSums.reduce(0, +))
            problems += audit(table, d, "transitions \(t)")
        }
        return problems
    }

    /// Each subgroup dimension's table per time point and indicator: groups × (with, without the indicator), row
    /// totals the groups' members, column and grand totals the `all` row — as published, and with every zero
    /// count taken as known (the file shows a zero count, but members without the indicator are only
    /// `persons − count`, hidden with `persons`; the reader is assumed to know more than the file tells, not less).
    static func checkIndicators(_ rows: [IndicatorRow], truth: [IndicatorShares.Cell], disclosure d: Disclosure) -> [String] {
        var problems: [String] = []
        let trueCells = Dictionary(truth.map { ("\($0.subgroup.rawValue)\t\($0.group)\t\($0.timePoint.description)\t\($0.indicator.rawValue)", $0) },
                                   uniquingKeysWith: { a, _ in a })
        func without(_ r: IndicatorRow) -> Int? {
            if let p = r.persons, let c = r.count { return p - c }
            let t = trueCells["\(r.subgroup)\t\(r.group)\t\(r.timePoint)\t\(r.indicator)"]!
            return t.persons == t.count ? 0 : nil
        }
        for r in rows {
            let t = trueCells["\(r.subgroup)\t\(r.group)\t\(r.timePoint)\t\(r.indicator)"]!
            if let p = r.persons, p != t.persons { problems.append("\(r): persons \(p) published, \(t.persons) true") }
            if let c = r.count, c != t.count { problems.append("\(r): count \(c) published, \(t.count) true") }
            if t.count == 0 && r.count != 0 { problems.append("\(r): a zero count is not published as 0") }
            if let p = r.persons, !d.allows(p) { problems.append("\(r): persons below the minimum") }
            if let p = r.persons, let c = r.count, !d.allows(c) || !d.allows(p - c) { problems.append("\(r): a count below the minimum") }
        }
        let all = Dictionary(rows.filter { $0.subgroup == "all" }.map { ("\($0.timePoint)\t\($0.indicator)", $0) }, uniquingKeysWith: { a, _ in a })
        var tables: [String: [IndicatorRow]] = [:]
        for r in rows where r.subgroup != "all" { tables["\(r.subgroup)\t\(r.timePoint)\t\(r.indicator)", default: []].append(r) }
        for (key, groups) in tables.sorted(by: { $0.key < $1.key }) {
            let margin = all["\(groups[0].timePoint)\t\(groups[0].indicator)"]!
            let cells = groups.map { g -> [Int?] in [g.count, without(g)] }
            let table = Disclosure.PublishedTable(
                cells: cells, rowTotals: groups.map(\.persons),
                columnTotals: [margin.count, without(margin)],
                grandTotal: margin.persons)
            problems += audit(table, d, "indicators \(key)")
        }
        // A group's members are one figure for all four indicators: published alike in all or in none.
        var persons: [String: Set<String>] = [:]
        for r in rows { persons["\(r.subgroup)\t\(r.group)\t\(r.timePoint)", default: []].insert(r.persons.map(String.init) ?? "") }
        for (key, values) in persons where values.count > 1 { problems.append("\(key): members published as \(values.sorted())") }
        return problems
    }

    static func audit(_ table: Disclosure.PublishedTable, _ d: Disclosure, _ name: String) -> [String] {
        var problems: [String] = []
        for line in Disclosure.lineExposures(table)
        where !d.lineIsSafe(suppressedCount: line.suppressedCount, suppressedSum: line.suppressedSum) {
            problems.append("\(name), \(line.line): \(line.suppressedCount) hidden summing to \(line.suppressedSum)")
        }
        for (entry, range) in Disclosure.narrowestIntervals(table).all where range.upperBound - range.lowerBound < Double(d.minimumCell) {
            problems.append("\(name), \(entry): narrowed to \(range)")
        }
        return problems
    }

    /// The true transition matrices of a cohort.
    static func matrices(_ cohort: Cohort, _ panel: SupportPanel) -> [String: TransitionMatrix] {
        Dictionary(uniqueKeysWithValues: TimePoint.allCases.filter { $0 != .beforeStart }.map {
            ($0.description, TransitionMatrix(cohort: cohort, panel: panel, to: $0))
        })
    }

    static func published(_ results: BeforeAfterResults) -> ([TransitionRow], [IndicatorRow]) {
        (results.transitions.map { TransitionRow(timePoint: $0.timePoint.description, from: $0.from.rawValue, to: $0.to.rawValue,
                                                 persons: $0.persons, rowTotal: $0.rowTotal) },
         results.indicators.map { IndicatorRow(subgroup: $0.subgroup.rawValue, group: $0.group, timePoint: $0.timePoint.description,
                                               indicator: $0.indicator.rawValue, persons: $0.persons, count: $0.count) })
    }

    /// The files a cohort run of the binary wrote, read back.
    static func read(_ folder: String) throws -> ([TransitionRow], [IndicatorRow]) {
        let t = try DataTable.read(path: folder + "/transitions.csv", textColumns: ["time_point", "from_state", "to_state"])
        let i = try DataTable.read(path: folder + "/indicators.csv", textColumns: ["subgroup", "group", "time_point", "indicator"])
        guard case .text(let tp)? = t["time_point"], case .text(let from)? = t["from_state"], case .text(let to)? = t["to_state"],
              case .numeric(let persons, _)? = t["persons"], case .numeric(let total, _)? = t["row_total"],
              case .text(let sg)? = i["subgroup"], case .text(let group)? = i["group"], case .text(let itp)? = i["time_point"],
              case .text(let ind)? = i["indicator"], case .numeric(let ip, _)? = i["persons"], case .numeric(let ic, _)? = i["count"]
        else { throw DataError("transitions.csv or indicators.csv lacks a column") }
        func int(_ x: Double) -> Int? { x.isNaN ? nil : Int(x) }
        return ((0..<t.rowCount).map { TransitionRow(timePoint: tp[$0]!, from: from[$0]!, to: to[$0]!, persons: int(persons[$0]), rowTotal: int(total[$0])) },
                (0..<i.rowCount).map { IndicatorRow(subgroup: sg[$0]!, group: group[$0]!, timePoint: itp[$0]!, indicator: ind[$0]!,
                                                    persons: int(ip[$0]), count: int(ic[$0])) })
    }

    /// The true figures of cohort 2014 of the embedded dataset (read once: reading takes a while in a debug build).
    static func embedded() throws -> (Registers, SupportPanel, Cohort) { try embeddedData.get() }
    static let embeddedData = Result { () throws -> (Registers, SupportPanel, Cohort) in
        let registers = try RegisterReader(folder: repositoryRoot.appendingPathComponent("Datasets/synthetic").path).read()
        return (registers, PanelBuilder(registers: registers).build(registers), Cohort(year: 2014, registers: registers))
    }

    /// Checks the `transitions.csv` and `indicators.csv` a run wrote on the embedded dataset (CohortRunTests
    /// calls it on the files of its run at the default minimum cell, so that no extra run is needed).
    static func checkEmbeddedFiles(_ folder: String, minimum: Int) throws -> [String] {
        let (transitions, indicators) = try read(folder)
        let (registers, panel, cohort) = try embedded()
        let d = Disclosure(minimumCell: minimum)
        var problems = checkTransitions(transitions, truth: matrices(cohort, panel), disclosure: d)
            + checkIndicators(indicators, truth: IndicatorShares(cohort: cohort, panel: panel, registers: registers).cells, disclosure: d)
        if !transitions.contains(where: { $0.persons == nil }) || !transitions.contains(where: { $0.persons == 0 }) {
            problems.append("transitions.csv shows no suppressed or no zero cell")
        }
        return problems
    }

    /// The embedded dataset at minimum cells 5 and 10: the values behind `transitions.csv` and `indicators.csv`.
    @Test func theEmbeddedDataPublishesNothingRecoverable() throws {
        let (registers, panel, cohort) = try DisclosureRunTests.embedded()
        let truth = DisclosureRunTests.matrices(cohort, panel)
        let shares = IndicatorShares(cohort: cohort, panel: panel, registers: registers).cells
        for minimum in [5, 10] {
            let d = Disclosure(minimumCell: minimum)
            let (transitions, indicators) = DisclosureRunTests.published(BeforeAfterResults(cohort: cohort, registers: registers, panel: panel, disclosure: d))
            let problems = DisclosureRunTests.checkTransitions(transitions, truth: truth, disclosure: d)
                + DisclosureRunTests.checkIndicators(indicators, truth: shares, disclosure: d)
            #expect(problems.isEmpty, "min cell \(minimum): \(problems.prefix(20))")
        }
        // The row: 191 members on ekonomiskt bistånd before, at exit. All its hidden cells together hold at
        // least 2 + the minimum members, so none is recoverable.
        let exit = truth["exit"]!
        let eb = exit.states.firstIndex(of: .ekonomisktBistand)!
        #expect(exit.rowTotal(eb) == 191)
        let s = Disclosure(minimumCell: 5).protect(exit.counts)
        let hidden = exit.states.indices.filter { s.cells[eb][$0] }
        #expect(hidden.count >= 2 && hidden.reduce(0) { $0 + exit.counts[eb][$1] } - hidden.count >= 5)
    }

    /// Generated data at two small scales and two seeds (three years around the 2014 cohort, to keep it quick), at
    /// minimum cells 5 and 10: the values behind `transitions.csv` and `indicators.csv`.
    @Test(arguments: [(0.02, UInt64(7)), (0.02, UInt64(11)), (0.05, UInt64(7)), (0.05, UInt64(11))])
    func generatedRunsPublishNothingRecoverable(scale: Double, seed: UInt64) throws {
        let dir = try temporaryFolder([:])
        defer { try? FileManager.default.removeItem(at: dir) }
        let reference = try ReferenceData(folder: repositoryRoot.appendingPathComponent("Datasets/reference").path)
        try Generator(settings: GeneratorSettings(scale: scale, seed: seed, fromYear: 2013, toYear: 2015), reference: reference)
            .generate().write(to: dir.path, gzip: false)
        let registers = try RegisterReader(folder: dir.path).read()
        let panel = PanelBuilder(registers: registers).build(registers)
        let cohort = Cohort(year: 2014, registers: registers)
        #expect(!cohort.members.isEmpty)
        let truth = DisclosureRunTests.matrices(cohort, panel)
        let shares = IndicatorShares(cohort: cohort, panel: panel, registers: registers).cells
        for minimum in [5, 10] {
            let d = Disclosure(minimumCell: minimum)
            let (transitions, indicators) = DisclosureRunTests.published(BeforeAfterResults(cohort: cohort, registers: registers, panel: panel, disclosure: d))
            let problems = DisclosureRunTests.checkTransitions(transitions, truth: truth, disclosure: d)
                + DisclosureRunTests.checkIndicators(indicators, truth: shares, disclosure: d)
            #expect(problems.isEmpty, "scale \(scale), seed \(seed), min cell \(minimum): \(problems.prefix(20))")
        }
    }
}
