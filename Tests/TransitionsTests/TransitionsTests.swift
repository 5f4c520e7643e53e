import Foundation
import Testing
import Registers
@testable import Transitions

/// Five persons: A and E are in the 2014 cohort; B is too but has not exited; C started in 2012; D took part in
/// a structural insats less than 24 months before 2014 and is excluded; E's earlier participation is older.
let files: [String: String] = [
    "persons.csv": """
    person_id,sex,birth_year,education,born_abroad,kommun
    A,K,1990,2,0,0180
    B,M,1960,1,1,0180
    C,K,1985,3,0,0180
    D,M,1970,2,0,0180
    E,M,1995,1,0,0180
    """,
    "federations.csv": "federation_id,name,lan,kommuner\nF1,Test,01,0180\n",
    "interventions.csv": """
    intervention_id,federation_id,name,kind,target_group,start_date,end_date,budget_sek
    I1,F1,Individuell,individual,,2010-01-01,,1000000
    S1,F1,Strukturell,structural,,2010-01-01,,10000
    V1,F1,Volym,volume,,2010-01-01,,10000
    """,
    "participations.csv": """
    person_id,intervention_id,start_date,end_date,support_start,support_exit,exit_reason
    A,I1,2014-03-10,2014-06-20,SJP,WORK,arbete
    B,I1,2014-05-02,,EB,,
    C,I1,2012-04-01,2012-09-30,NONE,NONE,
    C,I1,2014-04-01,2014-09-30,NONE,NONE,
    D,S1,2013-06-01,2013-08-31,,,
    D,I1,2014-02-01,2014-05-31,,,
    E,V1,2011-01-10,2011-02-20,,,
    E,I1,2014-01-15,2014-04-30,AKASSA,AKASSA,avbrott
    """,
    "benefits.csv": """
    person_id,benefit,start_date,end_date,extent,amount_sek
    A,SJP,2014-01-01,2014-04-30,100,48000
    B,EB,2013-10-01,2016-12-31,100,100000
    E,AKASSA,2013-11-01,2014-12-31,100,200000
    """,
    "employment.csv": """
    person_id,start_month,end_month,monthly_earnings_sek,subsidized
    A,2014-06,2016-12,20000,0
    """,
    "studies.csv": "person_id,start_date,end_date\nE,2015-01-01,2015-06-30\n",
    "prices.csv": "parameter,value,unit,year,source\nwork_threshold_monthly_earnings,10000,kr/month,2014,assumption\n",
]

func registersAndPanel() throws -> (Registers, SupportPanel) {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("finsam-transitions-\(UUID())")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    for (name, text) in files {
        let body = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: "\n") + "\n"
        try body.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }
    let r = try RegisterReader(folder: dir.path).read()
    return (r, PanelBuilder(registers: r).build(r))
}

@Suite struct TransitionsTests {
    @Test func cohortFollowsTheDefinition() throws {
        let (r, _) = try registersAndPanel()
        let cohort = Cohort(year: 2014, registers: r)
        #expect(cohort.members.map { r.persons.ids[$0.person] } == ["E", "A", "B"])
        let a = cohort.members.first { r.persons.ids[$0.person] == "A" }!
        #expect(a.startMonth == Month(year: 2014, month: 3))
        #expect(a.exitMonth == Month(year: 2014, month: 6))
        #expect(a.ageAtStart == 24)
        #expect(cohort.members.first { r.persons.ids[$0.person] == "B" }!.exitMonth == nil)
    }

    @Test func transitionMatrixCountsMainStates() throws {
        let (r, panel) = try registersAndPanel()
        let cohort = Cohort(year: 2014, registers: r)
        let m = TransitionMatrix(cohort: cohort, panel: panel, to: .exit)
        let index = Dictionary(uniqueKeysWithValues: m.states.enumerated().map { ($1, $0) })
        // A: SJP/RHB in February → work in June; E: AKASSA in December 2013 → AKASSA in April; B has no exit yet.
        #expect(m.counts[index[.sjukpenning]!][index[.work]!] == 1)
        #expect(m.counts[index[.akassa]!][index[.akassa]!] == 1)
        #expect(m.counts.flatMap { $0 }.reduce(0, +) == 2)
        #expect(m.rowShare(index[.sjukpenning]!, index[.work]!) == 1)
        // Exit + 12: A still works (June 2015); E studies in April 2015? No: E's studies end in June 2015 and start
        // in January 2015, so April 2015 is studies.
        let later = TransitionMatrix(cohort: cohort, panel: panel, to: .exitPlus12)
        #expect(later.counts[index[.akassa]!][index[.studies]!] == 1)
    }

    @Test func indicatorSharesPerTimePointAndSubgroup() throws {
        let (r, panel) = try registersAndPanel()
        let cohort = Cohort(year: 2014, registers: r)
        let shares = IndicatorShares(cohort: cohort, panel: panel, registers: r)
        func cell(_ s: Subgroup, _ g: String, _ t: TimePoint, _ i: Indicator) -> IndicatorShares.Cell {
            shares.cells.first { $0.subgroup == s && $0.group == g && $0.timePoint == t && $0.indicator == i }!
        }
        #expect(cell(.all, "all", .beforeStart, .publicSupport).persons == 3)
        #expect(cell(.all, "all", .beforeStart, .publicSupport).count == 3)
        #expect(cell(.all, "all", .exit, .publicSupport).persons == 2)
        #expect(cell(.all, "all", .exit, .publicSupport).count == 1)     // E on a-kassa, A at work
        #expect(cell(.all, "all", .exit, .selfSufficient).count == 1)    // A
        #expect(cell(.sex, "M", .beforeStart, .publicSupport).persons == 2)
        #expect(cell(.ageGroup, "50–64", .beforeStart, .publicSupport).persons == 1) // B, 54
        #expect(cell(.insats, "I1", .exitPlus12, .workOrStudy).count == 2)
    }

    @Test func selfReportedSupportAgainstTheRegister() throws {
        let (r, panel) = try registersAndPanel()
        let agreement = SupportAgreement(cohort: Cohort(year: 2014, registers: r), panel: panel, registers: r)
        // Start: A SJP = SJP, B EB = EB, E AKASSA = AKASSA. Exit: A WORK = WORK, E AKASSA = AKASSA.
        #expect(agreement.agreement(.start) == 1)
        #expect(agreement.agreement(.exit) == 1)
        #expect(agreement.rows.contains(.init(moment: .exit, reported: "WORK", register: "WORK", persons: 1)))
    }
}
