import Foundation
import Testing
@testable import Registers

@Suite struct PanelTests {
    let panel: SupportPanel
    let p1: Int

    init() throws {
        let dir = try writeDataset(handDataset())
        defer { try? FileManager.default.removeItem(at: dir) }
        let registers = try RegisterReader(folder: dir.path).read()
        panel = PanelBuilder(registers: registers).build(registers)
        p1 = Int(registers.persons.index["P1"]!)
    }

    func cell(_ year: Int, _ month: Int, person: Int? = nil) -> Int {
        panel.cell(person: person ?? p1, month: Month(year: year, month: month))!
    }

    @Test func benefitBitIndicesFollowTheContractsOrder() {
        #expect(BenefitCode.allCases.map(\.index) == Array(0..<BenefitCode.allCases.count))
    }

    @Test func windowRunsFromTheFirstToTheLastMonthWithData() {
        #expect(panel.firstMonth == Month(year: 2013, month: 12))
        #expect(panel.lastMonth == Month(year: 2014, month: 4))
    }

    @Test func amountsArePaidProRataByTheBenefitsDayConvention() {
        // SJP 2014-01-20…02-09, 21 calendar days, 21 000 kr: 12 days in January, 9 in February.
        // A second SJP spell covers all of February (28 days) at 2 800 kr.
        #expect(abs(panel.amount(.SJP, cell: cell(2014, 1)) - 12_000) < 1e-3)
        #expect(abs(panel.amount(.SJP, cell: cell(2014, 2)) - (9_000 + 2_800)) < 1e-3)
        // A-kassa is paid per weekday: 2013-12-30 (Monday)…2014-01-05 has 5 weekdays, 2 in December and 3 in January.
        #expect(abs(panel.amount(.AKASSA, cell: cell(2013, 12)) - 2_000) < 1e-3)
        #expect(abs(panel.amount(.AKASSA, cell: cell(2014, 1)) - 3_000) < 1e-3)
        // Ekonomiskt bistånd without an end runs to the panel's last day (2014-04-30): 17 + 30 = 47 days.
        #expect(abs(panel.amount(.EB, cell: cell(2014, 3)) - 1_000 * 17 / 47) < 1e-3)
        #expect(abs(panel.amount(.EB, cell: cell(2014, 4)) - 1_000 * 30 / 47) < 1e-3)
        #expect(panel.amount(.EB, cell: cell(2014, 2)) == 0)
        #expect(abs(panel.amount(paidBy: .forsakringskassan, cell: cell(2014, 2)) - 11_800) < 1e-3)
    }

    @Test func fullTimeEquivalentsWeighTheExtent() {
        // December 2013 has 22 weekdays, January 2014 23.
        #expect(abs(Double(panel.supportFTE[cell(2013, 12)]) - 2.0 / 22) < 1e-6)
        #expect(abs(Double(panel.supportFTE[cell(2014, 1)]) - (12.0 / 31 + 3.0 / 23)) < 1e-6)
        // February: 9/28 full time plus the whole month at 50 %.
        #expect(abs(Double(panel.supportFTE[cell(2014, 2)]) - (9.0 / 28 + 0.5)) < 1e-6)
        #expect(abs(Double(panel.supportFTE[cell(2014, 3)]) - 17.0 / 31) < 1e-6)
    }

    @Test func earningsStudiesAndIndicators() {
        #expect(panel.earnings[cell(2014, 2)] == 15_000)
        #expect(panel.earnings[cell(2014, 3)] == 20_000)
        #expect(panel.earnings[cell(2014, 4)] == 5_000)
        #expect(panel.subsidizedWork(cell: cell(2014, 3)))
        #expect(!panel.subsidizedWork(cell: cell(2014, 4)))
        #expect(panel.work(cell: cell(2014, 2)) && panel.work(cell: cell(2014, 3)))
        #expect(!panel.work(cell: cell(2014, 4)))          // 5 000 < the 10 000 threshold
        #expect(panel.studies(cell: cell(2014, 4)) && !panel.studies(cell: cell(2014, 3)))
        for month in [(2013, 12), (2014, 1), (2014, 2), (2014, 3), (2014, 4)] {
            #expect(panel.publicSupport(cell: cell(month.0, month.1)))
            #expect(!panel.selfSufficient(cell: cell(month.0, month.1)))
        }
        #expect(panel.workOrStudy(cell: cell(2014, 4)))
    }

    @Test func mainStateFollowsThePriority() {
        #expect(panel.mainState(cell: cell(2013, 12)) == .akassa)
        #expect(panel.mainState(cell: cell(2014, 1)) == .sjukpenning)      // SJP outranks a-kassa
        #expect(panel.mainState(cell: cell(2014, 2)) == .sjukpenning)
        #expect(panel.mainState(cell: cell(2014, 3)) == .ekonomisktBistand) // EB outranks subsidised work
        #expect(panel.mainState(cell: cell(2014, 4)) == .ekonomisktBistand)
        let p2 = 1 - p1
        #expect(panel.mainState(cell: cell(2014, 2, person: p2)) == MainState.none)
        #expect(!panel.publicSupport(cell: cell(2014, 2, person: p2)))
    }

    @Test func aConfiguredPriorityChangesTheMainState() throws {
        let dir = try writeDataset(handDataset())
        defer { try? FileManager.default.removeItem(at: dir) }
        let registers = try RegisterReader(folder: dir.path).read()
        var builder = PanelBuilder(registers: registers)
        builder.priority = try #require(MainState.priority(parsing: "subsidised work,work,studies,SE,AE,SJP/RHB,AKS,AKASSA,ETB,EB,none"))
        let custom = builder.build(registers)
        #expect(custom.mainState(cell: custom.cell(person: p1, month: Month(year: 2014, month: 3))!) == .subsidizedWork)
    }
}
