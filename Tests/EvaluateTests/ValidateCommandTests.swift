import Foundation
import Testing

/// `evaluate validate` on a bad dataset folder: located messages and exit status 65; on a clean one, a summary.
@Suite struct ValidateCommandTests {
    func dataset(benefitsRow: String) -> [String: String] {
        [
            "persons.csv": "person_id,sex,birth_year,education,born_abroad,kommun\nP1,K,1985,2,0,0180\n",
            "federations.csv": "federation_id,name,lan,kommuner\nF1,Test,01,0180\n",
            "interventions.csv": "intervention_id,federation_id,name,kind,target_group,start_date,end_date,budget_sek\nI1,F1,X,individual,,2013-01-01,,1000\n",
            "participations.csv": "person_id,intervention_id,start_date,end_date,support_start,support_exit,exit_reason\nP1,I1,2014-02-03,,SJP,,\n",
            "benefits.csv": "person_id,benefit,start_date,end_date,extent,amount_sek\n\(benefitsRow)\n",
            "employment.csv": "person_id,start_month,end_month,monthly_earnings_sek,subsidized\n",
            "studies.csv": "person_id,start_date,end_date\n",
            "prices.csv": "parameter,value,unit,year,source\nwork_threshold_monthly_earnings,10000,kr,2014,assumption\n",
        ]
    }

    @Test func badFilesExitWith65AndSayWhere() throws {
        let bad = try temporaryFolder(dataset(benefitsRow: "P1,SJP,2014-01-20,2014-01-10,60,-5"))
        defer { try? FileManager.default.removeItem(at: bad) }
        let r = try evaluate(["validate", "--data", bad.path])
        #expect(r.status == 65)
        #expect(r.stderr.contains("benefits.csv:2: end_date: expected a date on or after the start (2014-01-20), found 2014-01-10"))
        #expect(r.stderr.contains("benefits.csv:2: extent: expected one of 25, 50, 75, 100, found \"60\""))
        #expect(r.stderr.contains("benefits.csv:2: amount_sek: expected a non-negative amount, found -5"))
    }

    @Test func aCleanDatasetIsSummarised() throws {
        let good = try temporaryFolder(dataset(benefitsRow: "P1,SJP,2014-01-20,2014-02-10,100,20000"))
        defer { try? FileManager.default.removeItem(at: good) }
        let r = try evaluate(["validate", "--data", good.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("Dataset is valid."))
        #expect(r.stdout.contains("2014  1"))
    }

    @Test func theEmbeddedDatasetIsValid() throws {
        let r = try evaluate(["validate"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("2014  868"))
    }
}
