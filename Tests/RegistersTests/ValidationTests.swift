import Foundation
import Testing
import Stats
@testable import Registers

/// One defect class: a change to the hand dataset and the message it must produce.
struct Defect: Sendable, CustomTestStringConvertible {
    var name: String
    var file: String
    var replace: String
    var with: String
    var message: String
    var testDescription: String { name }
}

let defects: [Defect] = [
    Defect(name: "not a number", file: "benefits.csv", replace: "P1,SJP,2014-01-20,2014-02-09,100,21000",
           with: "P1,SJP,2014-01-20,2014-02-09,100,lots", message: "benefits.csv:2: amount_sek: expected a number, found \"lots\""),
    Defect(name: "negative amount", file: "benefits.csv", replace: "100,21000", with: "100,-5",
           message: "benefits.csv:2: amount_sek: expected a non-negative amount, found -5"),
    Defect(name: "unknown benefit code", file: "benefits.csv", replace: "P1,SJP,2014-01-20", with: "P1,XYZ,2014-01-20",
           message: "benefits.csv:2: benefit: expected one of SJP, RHB, AE, SE, AKS, ETB, AKASSA, EB, found \"XYZ\""),
    Defect(name: "bad date", file: "benefits.csv", replace: "2014-01-20,2014-02-09", with: "2014-01-20,2014-02-30",
           message: "benefits.csv:2: end_date: expected a date YYYY-MM-DD, found \"2014-02-30\""),
    Defect(name: "end before start", file: "studies.csv", replace: "P1,2014-04-10,2014-04-12", with: "P1,2014-04-10,2014-04-01",
           message: "studies.csv:2: end_date: expected a date on or after the start (2014-04-10), found 2014-04-01"),
    Defect(name: "extent", file: "benefits.csv", replace: "2014-02-28,50,2800", with: "2014-02-28,60,2800",
           message: "benefits.csv:3: extent: expected one of 25, 50, 75, 100, found \"60\""),
    Defect(name: "unknown person", file: "employment.csv", replace: "P1,2014-02", with: "P9,2014-02",
           message: "employment.csv:2: person_id: expected a person id from persons.csv, found \"P9\""),
    Defect(name: "unknown intervention", file: "participations.csv", replace: "P1,I1,", with: "P1,I7,",
           message: "participations.csv:2: intervention_id: expected an intervention id from interventions.csv, found \"I7\""),
    Defect(name: "unknown federation", file: "interventions.csv", replace: "I1,F1,", with: "I1,F2,",
           message: "interventions.csv:2: federation_id: expected a federation id from federations.csv, found \"F2\""),
    Defect(name: "duplicate person", file: "persons.csv", replace: "P2,M,1990", with: "P1,M,1990",
           message: "persons.csv:3: person_id: expected a unique person id, found \"P1\" again"),
    Defect(name: "personnummer", file: "persons.csv", replace: "P2,M,1990", with: "811218-9876,M,1990",
           message: "persons.csv:3: person_id: expected a pseudonymised id, found what looks like a real personnummer"),
    Defect(name: "kommun code", file: "persons.csv", replace: "0,0180", with: "0,180",
           message: "persons.csv:2: kommun: expected a four-digit kommun code (e.g. 0180), found \"180\""),
    Defect(name: "sex code", file: "persons.csv", replace: "P1,K,", with: "P1,F,",
           message: "persons.csv:2: sex: expected one of K, M, found \"F\""),
    Defect(name: "missing column", file: "studies.csv", replace: "person_id,start_date,end_date", with: "person_id,start_date",
           message: "studies.csv:1: expected the columns person_id, start_date, end_date; missing: end_date"),
    Defect(name: "support category", file: "participations.csv", replace: ",SJP,,", with: ",SICK,,",
           message: "participations.csv:2: support_start: expected one of SJP, RHB, AE, SE, AKS, ETB, AKASSA, EB, NONE, WORK, STUDIES or empty, found \"SICK\""),
    Defect(name: "month", file: "employment.csv", replace: "P1,2014-03,,5000", with: "P1,2014-13,,5000",
           message: "employment.csv:3: start_month: expected a month YYYY-MM, found \"2014-13\""),
    Defect(name: "wrong field count", file: "studies.csv", replace: "P1,2014-04-10,2014-04-12", with: "P1,2014-04-10,2014-04-12,x",
           message: "studies.csv:2: expected 3 fields (as in the header), found 4"),
]

@Suite struct ValidationTests {
    @Test func theHandDatasetIsValid() throws {
        let dir = try writeDataset(handDataset())
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try RegisterReader(folder: dir.path).read()
        #expect(r.persons.count == 2 && r.benefits.count == 4 && r.employment.count == 2)
    }

    @Test(arguments: defects)
    func reportsTheDefect(_ defect: Defect) throws {
        var files = handDataset()
        let original = files[defect.file]!
        #expect(original.contains(defect.replace), "the defect's text is not in \(defect.file)")
        files[defect.file] = original.replacingOccurrences(of: defect.replace, with: defect.with)
        let dir = try writeDataset(files)
        defer { try? FileManager.default.removeItem(at: dir) }
        do {
            _ = try RegisterReader(folder: dir.path).read()
            Issue.record("no problem reported")
        } catch let failure as ValidationFailure {
            #expect(failure.diagnostics.report.contains(defect.message), "\(failure.diagnostics.report)")
        }
    }

    @Test func listsTwentyProblemsThenACount() throws {
        var files = handDataset()
        files["studies.csv"] = "person_id,start_date,end_date\n" + (0..<30).map { _ in "P1,2014-04-10,bad" }.joined(separator: "\n") + "\n"
        let dir = try writeDataset(files)
        defer { try? FileManager.default.removeItem(at: dir) }
        do {
            _ = try RegisterReader(folder: dir.path).read()
            Issue.record("no problem reported")
        } catch let failure as ValidationFailure {
            #expect(failure.diagnostics.count == 30)
            #expect(failure.diagnostics.listed.count == 20)
            #expect(failure.diagnostics.report.hasSuffix("… and 10 more problems (30 in all)"))
        }
    }

    @Test func readsTheSwedishDialectAndGzip() throws {
        var files = handDataset()
        files["benefits.csv"] = "\u{FEFF}" + files["benefits.csv"]!.replacingOccurrences(of: ",", with: ";")
            .replacingOccurrences(of: "21000", with: "21000,0")
        let dir = try writeDataset(files)
        defer { try? FileManager.default.removeItem(at: dir) }
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/bin/gzip")
        gzip.arguments = [dir.appendingPathComponent("studies.csv").path]
        try gzip.run()
        gzip.waitUntilExit()
        let r = try RegisterReader(folder: dir.path).read()
        #expect(r.benefits.amount[0] == 21000)
        #expect(r.studies.count == 1)
    }
}
