import Foundation
import Testing
@testable import Stats

/// One value computed by R (Fixtures/distributions/make.R).
struct DistributionCase: Sendable, CustomTestStringConvertible {
    var function: String
    var a: Double
    var b: Double
    var x: Double
    var value: Double
    var testDescription: String { "\(function)(x = \(x), a = \(a), b = \(b))" }
}

func distributionCases() -> [DistributionCase] {
    let path = fixturesDirectory.appendingPathComponent("distributions/expected.csv").path
    guard let table = try? DataTable.read(path: path),
          case .text(let f)? = table["function"],
          case .numeric(let x, _)? = table["x"],
          case .numeric(let v, _)? = table["value"] else { return [] }
    let a: [Double] = if case .numeric(let c, _)? = table["a"] { c } else { [] }
    let b: [Double] = if case .numeric(let c, _)? = table["b"] { c } else { [] }
    return (0..<table.rowCount).map {
        DistributionCase(function: f[$0]!, a: a.isEmpty ? .nan : a[$0], b: b.isEmpty ? .nan : b[$0], x: x[$0], value: v[$0])
    }
}

@Suite struct DistributionTests {
    @Test func fixturesArePresent() {
        #expect(distributionCases().count >= 100)
    }

    @Test(arguments: distributionCases())
    func agreesWithR(_ c: DistributionCase) {
        let actual: Double
        switch c.function {
        case "pnorm_lower": actual = Normal.cdf(c.x)
        case "pnorm_upper": actual = Normal.survival(c.x)
        case "qnorm": actual = Normal.quantile(c.x)
        case "pt_upper": actual = StudentT.survival(c.x, degreesOfFreedom: c.a)
        case "qt": actual = StudentT.quantile(c.x, degreesOfFreedom: c.a)
        case "pf_upper": actual = FisherF.survival(c.x, numerator: c.a, denominator: c.b)
        case "pchisq_upper": actual = ChiSquared.survival(c.x, degreesOfFreedom: c.a)
        case "qchisq": actual = ChiSquared.quantile(c.x, degreesOfFreedom: c.a)
        default:
            Issue.record("unknown function \(c.function)")
            return
        }
        if c.value == 0 {
            #expect(actual < 1e-300, "\(actual)")
            return
        }
        // Relative accuracy: 1e-10 in general; log-gamma cancellation limits huge degrees of freedom to 1e-8.
        let tolerance = max(c.a, c.b) > 1e4 ? 1e-8 : 1e-10
        #expect(abs(actual - c.value) / abs(c.value) <= tolerance, "\(actual) vs R \(c.value)")
    }
}
