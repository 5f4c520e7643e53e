import Foundation
import Testing
@testable import Stats

/// One fit of Fixtures/meta/expected.csv (made by Fixtures/meta/make_meta.R with metafor): a dataset and a method,
/// the studies' data and metafor's results.
struct MetaReference: Sendable, CustomTestStringConvertible {
    var dataset: String
    var method: RandomEffectsMeta.Method
    var estimates: [Double]
    var variances: [Double]
    /// One-per-fit values by quantity (`mu`, `se`, `tau2`, …).
    var values: [String: Double]
    /// Per-study values by quantity (`blup_pred`, `blup_se`, `blup_pi_lb`, `blup_pi_ub`), in study order.
    var perStudy: [String: [Double]]

    var testDescription: String { "\(dataset) \(method.rawValue)" }
}

private let metaDirectory = fixturesDirectory.appendingPathComponent("meta")

private func numbers(_ table: DataTable, _ name: String) -> [Double] {
    if case .numeric(let v, _)? = table[name] { v } else { [] }
}

private func texts(_ table: DataTable, _ name: String) -> [String] {
    if case .text(let v)? = table[name] { v.map { $0 ?? "" } } else { [] }
}

func metaReferences() -> [MetaReference] {
    guard let data = try? DataTable.read(path: metaDirectory.appendingPathComponent("data.csv").path),
          let expected = try? DataTable.read(path: metaDirectory.appendingPathComponent("expected.csv").path)
    else { return [] }
    let dataset = texts(data, "dataset"), study = numbers(data, "study"), yi = numbers(data, "yi"), vi = numbers(data, "vi")
    var studies: [String: (y: [Double], v: [Double])] = [:]
    for row in 0..<data.rowCount {
        precondition(Int(study[row]) == (studies[dataset[row]]?.y.count ?? 0) + 1, "data.csv: studies out of order")
        studies[dataset[row], default: ([], [])].y.append(yi[row])
        studies[dataset[row], default: ([], [])].v.append(vi[row])
    }
    let eDataset = texts(expected, "dataset"), eMethod = texts(expected, "method"), quantity = texts(expected, "quantity")
    let eStudy = numbers(expected, "study"), value = numbers(expected, "value")
    var references: [MetaReference] = []
    for row in 0..<expected.rowCount {
        if references.last.map({ $0.dataset != eDataset[row] || $0.method.rawValue != eMethod[row] }) ?? true {
            guard let method = RandomEffectsMeta.Method(rawValue: eMethod[row]), let s = studies[eDataset[row]] else { return [] }
            references.append(MetaReference(dataset: eDataset[row], method: method, estimates: s.y, variances: s.v,
                                            values: [:], perStudy: [:]))
        }
        if eStudy[row].isNaN {
            references[references.count - 1].values[quantity[row]] = value[row]
        } else {
            precondition(Int(eStudy[row]) == (references[references.count - 1].perStudy[quantity[row]]?.count ?? 0) + 1)
            references[references.count - 1].perStudy[quantity[row], default: []].append(value[row])
        }
    }
    return references
}

/// Equal to metafor to 1e−6: relative to the value, or absolute 1e−12 for values below 1e−6 in magnitude (0, p-values
/// of order 1e−26 are compared relatively).
private func expectAgrees(_ actual: Double, _ expected: Double?, _ what: String) {
    guard let expected else {
        Issue.record("\(what): missing from the fixture")
        return
    }
    let tolerance = 1e-6 * max(abs(expected), 1e-6)
    #expect(abs(actual - expected) <= tolerance, "\(what): \(actual) vs metafor \(expected)")
}

@Suite struct MetaAnalysisTests {
    @Test func fixturesArePresent() {
        let references = metaReferences()
        #expect(references.count == 12)
        #expect(Set(references.map(\.dataset)).count == 6)
        #expect(references.contains { $0.estimates.count == 3 })
        #expect(references.contains { $0.estimates.count >= 30 })
        #expect(references.contains { $0.values["tau2"] == 0 })
    }

    @Test(arguments: metaReferences())
    func agreesWithMetafor(_ reference: MetaReference) throws {
        let fit = try RandomEffectsMeta(estimates: reference.estimates, variances: reference.variances,
                                        method: reference.method)
        let r = reference.values
        #expect(fit.method == reference.method)
        #expect(Double(fit.k) == r["k"])
        #expect(Double(fit.qDegreesOfFreedom) == r["QE_df"])
        expectAgrees(fit.mu, r["mu"], "mu")
        expectAgrees(fit.muStandardError, r["se"], "se")
        expectAgrees(fit.muLow, r["ci_lb"], "ci.lb")
        expectAgrees(fit.muHigh, r["ci_ub"], "ci.ub")
        expectAgrees(fit.muPValue, r["pval"], "pval")
        expectAgrees(fit.tau2, r["tau2"], "tau2")
        expectAgrees(fit.tau2StandardError, r["se_tau2"], "se.tau2")
        expectAgrees(fit.tau2Low, r["tau2_lb"], "confint tau^2 ci.lb")
        expectAgrees(fit.tau2High, r["tau2_ub"], "confint tau^2 ci.ub")
        expectAgrees(fit.q, r["QE"], "QE")
        expectAgrees(fit.qPValue, r["QEp"], "QEp")
        expectAgrees(fit.i2, r["I2"], "I2")
        expectAgrees(fit.h2, r["H2"], "H2")
        let blup = reference.perStudy
        try #require(fit.shrunken.count == reference.estimates.count)
        for quantity in ["blup_pred", "blup_se", "blup_pi_lb", "blup_pi_ub"] {
            try #require(blup[quantity]?.count == fit.k, "\(quantity) per study")
        }
        for (i, s) in fit.shrunken.enumerated() {
            expectAgrees(s.estimate, blup["blup_pred"]?[i], "blup pred \(i + 1)")
            expectAgrees(s.standardError, blup["blup_se"]?[i], "blup se \(i + 1)")
            expectAgrees(s.low, blup["blup_pi_lb"]?[i], "blup pi.lb \(i + 1)")
            expectAgrees(s.high, blup["blup_pi_ub"]?[i], "blup pi.ub \(i + 1)")
        }
    }

    @Test func defaultsAreREMLAt95Percent() throws {
        let y = [-0.35, 0.12, 0.48], v = [0.04, 0.09, 0.02]
        let fit = try RandomEffectsMeta(estimates: y, variances: v)
        #expect(fit.method == .reml)
        let explicit = try RandomEffectsMeta(estimates: y, variances: v, method: .reml, level: 0.95)
        #expect(fit.mu == explicit.mu && fit.muLow == explicit.muLow && fit.tau2High == explicit.tau2High)
        // A 90 % interval is narrower on every count.
        let narrow = try RandomEffectsMeta(estimates: y, variances: v, level: 0.9)
        #expect(narrow.muLow > fit.muLow && narrow.muHigh < fit.muHigh)
        #expect(narrow.tau2Low > fit.tau2Low && narrow.tau2High < fit.tau2High)
        #expect(narrow.shrunken[0].low > fit.shrunken[0].low)
        #expect(RandomEffectsMeta.Method.allCases.map(\.rawValue) == ["REML", "DL"])
    }

    @Test func rejectsBadInput() {
        let cases: [(String, [Double], [Double], Double)] = [
            ("no study", [], [], 0.95),
            ("one study", [0.1], [0.01], 0.95),
            ("lengths differ", [0.1, 0.2], [0.01], 0.95),
            ("NaN estimate", [0.1, .nan], [0.01, 0.02], 0.95),
            ("infinite estimate", [.infinity, 0.2], [0.01, 0.02], 0.95),
            ("NaN variance", [0.1, 0.2], [0.01, .nan], 0.95),
            ("infinite variance", [0.1, 0.2], [.infinity, 0.02], 0.95),
            ("zero variance", [0.1, 0.2], [0.01, 0], 0.95),
            ("negative variance", [0.1, 0.2], [-0.01, 0.02], 0.95),
            ("level 95", [0.1, 0.2], [0.01, 0.02], 95),
            ("level 0", [0.1, 0.2], [0.01, 0.02], 0),
            ("level NaN", [0.1, 0.2], [0.01, 0.02], .nan),
        ]
        for (what, y, v, level) in cases {
            for method in RandomEffectsMeta.Method.allCases {
                #expect(throws: DataError.self, "\(what), \(method.rawValue)") {
                    try RandomEffectsMeta(estimates: y, variances: v, method: method, level: level)
                }
            }
        }
        #expect(throws: DataError("meta-analysis: needs at least 2 studies, got 1")) {
            try RandomEffectsMeta(estimates: [0.1], variances: [0.01])
        }
        #expect(throws: DataError("meta-analysis: variance of study 2 is not positive (0.0)")) {
            try RandomEffectsMeta(estimates: [0.1, 0.2], variances: [0.01, 0])
        }
    }

    @Test func pValueAdjustmentAgreesWithR() throws {
        let table = try DataTable.read(path: metaDirectory.appendingPathComponent("p_adjust.csv").path)
        let p = numbers(table, "p"), holm = numbers(table, "holm"), bh = numbers(table, "BH")
        try #require(p.count >= 12 && holm.count == p.count && bh.count == p.count)
        for (i, (actual, expected)) in zip(PValueAdjustment.holm(p), holm).enumerated() {
            expectAgrees(actual, expected, "holm[\(i + 1)] of p = \(p[i])")
        }
        for (i, (actual, expected)) in zip(PValueAdjustment.benjaminiHochberg(p), bh).enumerated() {
            expectAgrees(actual, expected, "BH[\(i + 1)] of p = \(p[i])")
        }
    }

    /// NaN is R's NA: left out of n and kept in place; n ≤ 1 returns the input (values from R 4.2.2's p.adjust).
    @Test func pValueAdjustmentMissingAndSmall() {
        let p = [0.01, .nan, 0.03, 0.02]
        let holm = PValueAdjustment.holm(p)
        let bh = PValueAdjustment.benjaminiHochberg(p)
        #expect(holm[1].isNaN && bh[1].isNaN)
        for (actual, expected) in zip([holm[0], holm[2], holm[3]], [0.03, 0.04, 0.04]) { expectAgrees(actual, expected, "holm") }
        for (actual, expected) in zip([bh[0], bh[2], bh[3]], [0.03, 0.03, 0.03]) { expectAgrees(actual, expected, "BH") }
        #expect(PValueAdjustment.holm([]) == [])
        #expect(PValueAdjustment.benjaminiHochberg([0.3]) == [0.3])
        let one = PValueAdjustment.holm([.nan, 0.3])
        #expect(one[0].isNaN && one[1] == 0.3)
    }
}
