import Effects
import Evaluation
import Linalg
import Matching
import Registers
import Stats

/// The embedded dataset's stages up to the matched units, shared by the tests that check an estimator on them.
struct EmbeddedMatching {
    let evaluation: CohortEvaluation
    let registers: Registers
    let panel: SupportPanel
    let matched: CohortMatching.Result
    var units: [MatchedUnit] { evaluation.units(matched) }

    init() throws {
        var o = EvaluationOptions()
        o.data = repositoryRoot.appendingPathComponent("Datasets/synthetic").path
        evaluation = CohortEvaluation(options: o)
        registers = try evaluation.read()
        panel = evaluation.panel(registers)
        matched = try evaluation.match(try evaluation.cohort(registers), registers, panel)
    }
}

/// The independent reference of the estimator tests: `LinearModel` (tested against R's sandwich) on a table of
/// `columns` with `y ~ 0 + terms`, weights `w`, clustered two ways by `set` and `person`; the coefficients and their
/// covariance for the terms `of`, in that order.
func clusteredReference(_ columns: [String: [Double]], terms: [String], of chosen: [String]) throws -> (beta: [Double], v: Matrix) {
    var table = DataTable()
    for name in columns.keys.sorted() { table.append(name, .numeric(columns[name]!, isInteger: false)) }
    let fit = try LinearModel("y ~ 0 + " + terms.joined(separator: " + "), weights: "w", clusterVariables: ["set", "person"]).fit(table)
    let v = try fit.covariance(.cluster(["set", "person"]))
    let index = chosen.map { fit.columnNames.firstIndex(of: $0)! }
    var out = Matrix(rows: index.count, columns: index.count)
    for a in index.indices { for b in index.indices { out[a, b] = v[index[a], index[b]] } }
    return (index.map { fit.coefficients[$0] }, out)
}
