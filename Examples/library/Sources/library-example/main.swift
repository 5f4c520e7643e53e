import Evaluation
import Matching
import Payback
import Stats

// A regression with standard errors clustered by firm and year (Petersen's test data).
let petersen = try DataTable.read(path: "Datasets/examples/petersen.csv")
let fit = try LinearModel("y ~ x", clusterVariables: ["firm", "year"]).fit(petersen)
let robust = try fit.inference(.cluster(["firm", "year"]))   // inference is a view: no refit
print(RegressionSummary(fit: fit, table: robust))

// Propensity-score matching (MatchIt's nearest neighbour, 1:1, caliper 0.2 SD) and the ATT on later earnings.
let training = try DataTable.read(path: "Datasets/examples/training.csv")
var spec = PropensityScoreMatching(treatment: "treat", covariates: ["age", "educ", "factor(race)", "re74"])
spec.matching = NearestNeighborMatching(ratio: 1, caliper: 0.2)
let matched = try spec.run(training)
for row in matched.balance.after {
    print(row.covariate, "std. mean diff. after matching:", row.standardizedMeanDifference)
}
guard case .numeric(let re78, _)? = training["re78"] else { fatalError("re78 is numeric") }
let att = try PropensityScoreMatching.effect(outcome: matched.rows.map { re78[$0] }, result: matched)
print("ATT on re78:", att.estimate, "SE", att.standardError)

// Payback: 82,000 kr per participant repaid by a yearly gain of 82,000 kr (production incl. employer fees).
let payback = PaybackModel(costPerParticipant: 82_000, horizonMonths: 60, discountRate: 0)
let curves = payback.curves(.constant(earnings: 82_000.0 / 12 / 1.3142, months: 60))
print("society's payback month:", curves.first { $0.perspective == .society }!.paybackMonth!)

// The evaluator's cohort run from Swift: the embedded dataset, one option changed (a caliper of 0.2 SD), the
// headline figures as values — the same run as `evaluate --cohort 2014 --caliper 0.2`.
var options = EvaluationOptions()
options.cohort = 2014
options.caliper = 0.2
let run = try CohortEvaluation(options: options).run()
for (measure, value) in run.results.headline {
    print("headline,\(measure),\(value.map(formatShortest) ?? "")")
}
