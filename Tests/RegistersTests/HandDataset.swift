import Foundation
@testable import Registers

/// A small dataset whose panel was computed by hand (see PanelTests), as file name → CSV text.
func handDataset() -> [String: String] {
    [
        "persons.csv": """
            person_id,sex,birth_year,education,born_abroad,kommun
            P1,K,1985,2,0,0180
            P2,M,1990,1,1,2480

            """,
        "federations.csv": """
            federation_id,name,lan,kommuner
            F1,Samordningsförbundet Test,01,0180|0114

            """,
        "interventions.csv": """
            intervention_id,federation_id,name,kind,target_group,start_date,end_date,budget_sek
            I1,F1,Steget vidare,individual,unga,2013-01-01,2015-12-31,820000

            """,
        "participations.csv": """
            person_id,intervention_id,start_date,end_date,support_start,support_exit,exit_reason
            P1,I1,2014-02-03,,SJP,,

            """,
        "benefits.csv": """
            person_id,benefit,start_date,end_date,extent,amount_sek
            P1,SJP,2014-01-20,2014-02-09,100,21000
            P1,SJP,2014-02-01,2014-02-28,50,2800
            P1,AKASSA,2013-12-30,2014-01-05,100,5000
            P1,EB,2014-03-15,,100,1000

            """,
        "employment.csv": """
            person_id,start_month,end_month,monthly_earnings_sek,subsidized
            P1,2014-02,2014-03,15000,1
            P1,2014-03,,5000,0

            """,
        "studies.csv": """
            person_id,start_date,end_date
            P1,2014-04-10,2014-04-12

            """,
        "prices.csv": """
            parameter,value,unit,year,source
            work_threshold_monthly_earnings,10000,kr/month,2014,assumption

            """,
    ]
}

/// Writes the files into a new temporary folder.
func writeDataset(_ files: [String: String]) throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("finsam-registers-\(UUID())")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    for (name, text) in files {
        try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }
    return dir
}
