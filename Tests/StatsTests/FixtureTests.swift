import Foundation
import Testing
@testable import Stats

/// The folder of reference fixtures made with R (lm, glm, sandwich) and pyfixest; see Fixtures/README.md.
let fixturesDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

/// One model of an `expected.json`.
struct ReferenceModel: Decodable, Sendable, CustomTestStringConvertible {
    var name: String
    var formula: String
    var family: String
    var weights: String?
    var terms: [String]
    var coefficients: [Double?]
    var std_errors: [String: [Double?]]
    var n: Int
    var n_dropped_missing: Int?
    var df_residual: Int?
    var r_squared: Double?
    var adj_r_squared: Double?
    var r_squared_within: Double?
    var f_statistic: Double?
    var sigma: Double?
    var loglik: Double?
    var aic: Double?
    var deviance: Double?
    var null_deviance: Double?
    var iterations: Int?
    var dummy_lm: [String: Double]?
    var `case`: String = ""

    enum CodingKeys: String, CodingKey {
        case name, formula, family, weights, terms, coefficients, std_errors, n, n_dropped_missing, df_residual,
             r_squared, adj_r_squared, r_squared_within, f_statistic, sigma, loglik, aic, deviance, null_deviance,
             iterations, dummy_lm
    }

    var testDescription: String { "\(`case`)/\(name): \(formula)" }
}

struct ReferenceFile: Decodable {
    var source: String
    var models: [ReferenceModel]
}

func referenceModels() -> [ReferenceModel] {
    let cases = (try? FileManager.default.contentsOfDirectory(atPath: fixturesDirectory.path)) ?? []
    var models: [ReferenceModel] = []
    for name in cases.sorted() {
        let url = fixturesDirectory.appendingPathComponent(name).appendingPathComponent("expected.json")
        guard let data = try? Data(contentsOf: url),
              let file = try? JSONDecoder().decode(ReferenceFile.self, from: data) else { continue }
        for var model in file.models {
            model.case = name
            models.append(model)
        }
    }
    return models
}

/// JSON cannot hold NaN: the fixtures write null, which decodes to nil here.
func expectClose(_ actual: Double, _ expected: Double?, tolerance: Double, _ what: String) {
    guard let expected else {
        #expect(actual.isNaN, "\(what): expected NA, found \(actual)")
        return
    }
    let scale = max(abs(expected), 1e-300)
    #expect(abs(actual - expected) / scale <= tolerance, "\(what): \(actual) vs R \(expected)")
}

@Suite struct FixtureTests {
    @Test func fixturesArePresent() {
        #expect(referenceModels().count >= 8)
    }

    @Test(arguments: referenceModels())
    func agreesWithTheReference(_ reference: ReferenceModel) throws {
        let table = try DataTable.read(path: fixturesDirectory.appendingPathComponent(reference.case)
            .appendingPathComponent("data.csv").path)
        let clusterVariables = Array(Set(reference.std_errors.keys.compactMap { CovarianceType($0)?.clusterVariables }.flatMap { $0 })).sorted()
        let fit: RegressionFit
        if reference.family == "binomial" {
            var model = LogisticModel(formula: try formula(reference.formula), weights: reference.weights, clusterVariables: clusterVariables)
            model.tolerance = 1e-14   // the fixtures' glm.control(epsilon = 1e-14)
            fit = try model.fit(table)
            if let iterations = reference.iterations { #expect(fit.statistics.iterations == iterations, "IRLS iterations") }
        } else {
            fit = try LinearModel(formula: formula(reference.formula), weights: reference.weights, clusterVariables: clusterVariables).fit(table)
        }
        let tolerance = 1e-8
        #expect(fit.columnNames == reference.terms)
        #expect(fit.observationCount == reference.n)
        if let dropped = reference.n_dropped_missing { #expect(fit.droppedMissing == dropped) }
        if let df = reference.df_residual { #expect(fit.residualDegreesOfFreedom == df) }
        for (j, term) in reference.terms.enumerated() {
            expectClose(fit.coefficients[j], reference.coefficients[j], tolerance: tolerance, "coefficient \(term)")
        }
        for (key, expected) in reference.std_errors.sorted(by: { $0.key < $1.key }) {
            let type = try #require(CovarianceType(key), "unknown covariance key \(key)")
            let table = try fit.inference(type)
            for (j, term) in reference.terms.enumerated() {
                expectClose(table.rows[j].standardError, expected[j], tolerance: tolerance, "\(key) std. error of \(term)")
            }
        }
        let s = fit.statistics
        if let r2 = reference.r_squared { expectClose(s.rSquared ?? .nan, r2, tolerance: tolerance, "R²") }
        if let adj = reference.adj_r_squared, fit.absorbed.isEmpty { expectClose(s.adjustedRSquared ?? .nan, adj, tolerance: tolerance, "adjusted R²") }
        if let within = reference.r_squared_within { expectClose(s.withinRSquared ?? .nan, within, tolerance: tolerance, "within R²") }
        if let f = reference.f_statistic { expectClose(s.fStatistic?.value ?? .nan, f, tolerance: tolerance, "F") }
        if let sigma = reference.sigma { expectClose(s.sigma ?? .nan, sigma, tolerance: tolerance, "sigma") }
        if let ll = reference.loglik, fit.absorbed.isEmpty { expectClose(s.logLikelihood, ll, tolerance: tolerance, "log-likelihood") }
        if let aic = reference.aic, fit.absorbed.isEmpty { expectClose(s.aic, aic, tolerance: tolerance, "AIC") }
        if let dev = reference.deviance { expectClose(s.deviance, dev, tolerance: tolerance, "deviance") }
        if let dev = reference.null_deviance { expectClose(s.nullDeviance ?? .nan, dev, tolerance: tolerance, "null deviance") }
        for (term, value) in reference.dummy_lm ?? [:] {
            expectClose(fit.coefficients[fit.columnNames.firstIndex(of: term)!], value, tolerance: tolerance, "dummy-variable \(term)")
        }
    }

    private func formula(_ text: String) throws -> Formula { try Formula(text) }
}
