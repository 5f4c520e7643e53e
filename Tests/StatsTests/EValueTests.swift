import Foundation
import Testing
import Stats

/// E-values against R's EValue (Fixtures/evalue, made by make_evalue.R): `evalues.RR` for risk ratios with their
/// limits and a null other than 1, and `evalues.MD` for standardized mean differences; missing limits or standard
/// errors (NaN) give no E-value for the interval, as EValue's NA.
@Suite struct EValueTests {
    let folder = fixturesDirectory.appendingPathComponent("evalue")

    func rows(_ name: String, _ columns: [String]) throws -> [[String: Double]] {
        let table = try DataTable.read(path: folder.appendingPathComponent(name).path)
        let values = columns.map { name -> [Double] in
            if case .numeric(let v, _)? = table[name] { return v } else { return [] }
        }
        #expect(values.allSatisfy { $0.count == table.rowCount } && table.rowCount >= 8, "\(name)")
        return (0..<table.rowCount).map { r in Dictionary(uniqueKeysWithValues: columns.indices.map { (columns[$0], values[$0][r]) }) }
    }

    /// Equal to 1e-12 (relative); NaN where EValue gives NA (no interval, or only the limit it does not use).
    func close(_ a: Double, _ b: Double) -> Bool { b.isNaN ? a.isNaN : abs(a - b) <= 1e-12 * abs(b) }

    @Test func riskRatiosEqualEValuesEvaluesRR() throws {
        for row in try rows("evalue_rr.csv", ["est", "lo", "hi", "true", "evalue_point", "evalue_ci"]) {
            let e = EValue(riskRatio: row["est"]!, low: row["lo"]!, high: row["hi"]!, trueValue: row["true"]!)
            #expect(close(e.point, row["evalue_point"]!) && close(e.confidenceLimit, row["evalue_ci"]!), "\(row)")
        }
    }

    @Test func standardizedDifferencesEqualEValuesEvaluesMD() throws {
        for row in try rows("evalue_md.csv", ["est", "se", "true", "evalue_point", "evalue_ci"]) {
            let e = EValue(standardizedDifference: row["est"]!, standardError: row["se"]!, trueValue: row["true"]!)
            #expect(close(e.point, row["evalue_point"]!) && close(e.confidenceLimit, row["evalue_ci"]!), "\(row)")
        }
    }

    /// The defining identity: a risk ratio of 2 needs confounding of 2 + √2 on both sides; no effect needs none.
    @Test func theFormulaAtKnownPoints() {
        #expect(abs(EValue.ofRiskRatio(2) - (2 + 2.0.squareRoot())) < 1e-15)
        #expect(EValue.ofRiskRatio(1) == 1)
        #expect(EValue.ofRiskRatio(0.5) == EValue.ofRiskRatio(2))
        #expect(EValue(riskRatio: 1.3, low: 0.9, high: 1.8).confidenceLimit == 1)
    }
}
