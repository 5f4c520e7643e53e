import Foundation
import Testing

/// Every numeric option has a documented range, checked in `validate()` before any work: a value outside it, NaN or
/// an infinity exits 64 with a message naming the option and the range, and no output folder is created.
@Suite struct CommandLineValueTests {
    /// One bad value: the command's arguments (without `--out`) and the text the message must contain.
    struct Case: CustomTestStringConvertible, Sendable {
        let arguments: [String]
        let message: String
        var testDescription: String { arguments.joined(separator: " ") }
    }

    static let discountRange = "--discount must be a yearly rate from 0 to 0.2 (got "
    static let discountHint = "give a yearly rate such as 0.035 for 3.5 %"

    static let runCases: [Case] = [
        Case(arguments: ["--bootstrap", "1000000000000"], message: "--bootstrap must be a whole number from 0 to 10000 replicates (got 1000000000000)"),
        Case(arguments: ["--bootstrap", "-1"], message: "--bootstrap must be a whole number from 0 to 10000 replicates (got -1)"),
        Case(arguments: ["--discount", "-1"], message: discountRange + "-1); " + discountHint),
        Case(arguments: ["--discount", "nan"], message: discountRange + "nan); " + discountHint),
        Case(arguments: ["--discount", "3.5"], message: discountRange + "3.5); " + discountHint),
        Case(arguments: ["--discount", "inf"], message: discountRange + "inf); " + discountHint),
        Case(arguments: ["--horizon", "0"], message: "--horizon must be a whole number from 1 to 240 months (got 0)"),
        Case(arguments: ["--horizon", "100000"], message: "--horizon must be a whole number from 1 to 240 months (got 100000)"),
        Case(arguments: ["--ratio", "1000000000"], message: "--ratio must be a whole number from 1 to 20 (got 1000000000)"),
        Case(arguments: ["--ratio", "0"], message: "--ratio must be a whole number from 1 to 20 (got 0)"),
        Case(arguments: ["--caliper", "0"], message: "--caliper must be a number greater than 0 and at most 10 standard deviations (got 0)"),
        Case(arguments: ["--caliper", "-0.2"], message: "--caliper must be a number greater than 0 and at most 10 standard deviations (got -0.2)"),
        Case(arguments: ["--caliper", "nan"], message: "--caliper must be a number greater than 0 and at most 10 standard deviations (got nan)"),
        Case(arguments: ["--caliper", "inf"], message: "--caliper must be a number greater than 0 and at most 10 standard deviations (got inf)"),
        Case(arguments: ["--min-cell", "0"], message: "--min-cell must be a whole number from 1 to 1000 persons (got 0)"),
        Case(arguments: ["--min-cell", "1001"], message: "--min-cell must be a whole number from 1 to 1000 persons (got 1001)"),
        Case(arguments: ["--cost-per-participant", "-1"], message: "--cost-per-participant must be a finite number of 0 kr or more (got -1)"),
        Case(arguments: ["--cost-per-participant", "inf"], message: "--cost-per-participant must be a finite number of 0 kr or more (got inf)"),
        Case(arguments: ["--cost-per-participant", "nan"], message: "--cost-per-participant must be a finite number of 0 kr or more (got nan)"),
        Case(arguments: ["--cohort", "1800"], message: "--cohort must be a year from 1990 to 2100 (got 1800)"),
    ]

    /// `evaluate payback` with an otherwise valid naive constant-gain model.
    static let paybackCases: [Case] = [
        Case(arguments: ["--cost-per-participant", "-82000"], message: "--cost-per-participant must be a finite number of 0 kr or more (got -82000)"),
        Case(arguments: ["--annual-gain", "inf"], message: "--annual-gain must be an amount from -10000000 to 10000000 kr (got inf)"),
        Case(arguments: ["--annual-gain", "nan"], message: "--annual-gain must be an amount from -10000000 to 10000000 kr (got nan)"),
        Case(arguments: ["--discount", "nan"], message: discountRange + "nan); " + discountHint),
        Case(arguments: ["--discount", "-0.01"], message: discountRange + "-0.01); " + discountHint),
        Case(arguments: ["--discount", "3.5"], message: discountRange + "3.5); " + discountHint),
        Case(arguments: ["--horizon", "0"], message: "--horizon must be a whole number from 1 to 240 months (got 0)"),
        Case(arguments: ["--horizon", "241"], message: "--horizon must be a whole number from 1 to 240 months (got 241)"),
        Case(arguments: ["--share-under-26", "nan"], message: "--share-under-26 must be a share from 0 to 1 (got nan)"),
        Case(arguments: ["--year", "3000"], message: "--year must be a year from 1990 to 2100 (got 3000)"),
    ]

    /// `evaluate match` on a data file that need not exist: the check comes before any reading.
    static let matchCases: [Case] = [
        Case(arguments: ["--covariates", "x", "--ratio", "0"], message: "--ratio must be a whole number from 1 to 20 (got 0)"),
        Case(arguments: ["--covariates", "x", "--ratio", "21"], message: "--ratio must be a whole number from 1 to 20 (got 21)"),
        Case(arguments: ["--covariates", "x", "--caliper", "nan"], message: "--caliper must be a number greater than 0 and at most 10 standard deviations (got nan)"),
        Case(arguments: ["--covariates", "x", "--caliper", "-inf"], message: "--caliper must be a number greater than 0 and at most 10 standard deviations (got -inf)"),
        Case(arguments: ["--covariates", ""], message: "--covariates must name at least one column (comma-separated, e.g. age,educ)"),
        Case(arguments: ["--covariates", " , "], message: "--covariates must name at least one column (comma-separated, e.g. age,educ)"),
    ]

    static let generateCases: [Case] = [
        Case(arguments: ["--scale", "0"], message: "--scale must be a number greater than 0 and at most 5 (got 0)"),
        Case(arguments: ["--scale", "nan"], message: "--scale must be a number greater than 0 and at most 5 (got nan)"),
        Case(arguments: ["--scale", "inf"], message: "--scale must be a number greater than 0 and at most 5 (got inf)"),
        Case(arguments: ["--from", "1800"], message: "--from must be a year from 1990 to 2100 (got 1800)"),
        Case(arguments: ["--to", "3000"], message: "--to must be a year from 1990 to 2100 (got 3000)"),
        Case(arguments: ["--hidden-confounding", "4"], message: "--hidden-confounding must be a number from -3 to 3 (got 4)"),
    ]

    /// Runs `arguments` with a fresh `--out` and checks exit 64, the message and that nothing was written.
    func expectUsageError(_ arguments: [String], _ message: String) throws {
        let dir = try temporaryFolder([:])
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("out").path
        let result = try evaluate(arguments + ["--out", out])
        #expect(result.status == 64, "\(result.stderr)")
        #expect(result.stderr.contains("Error: " + message), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test(arguments: runCases) func theCohortRunRefuses(_ c: Case) throws {
        try expectUsageError(["--quiet"] + c.arguments, c.message)
    }

    @Test(arguments: paybackCases) func thePaybackCommandRefuses(_ c: Case) throws {
        let valid = ["--source", "naive", "--annual-gain", "40000"]
        try expectUsageError(["payback"] + valid + c.arguments, c.message)
    }

    @Test(arguments: matchCases) func theMatchCommandRefuses(_ c: Case) throws {
        try expectUsageError(["match", "--data", "/nonexistent/never-read.csv", "--treatment", "treat"] + c.arguments, c.message)
    }

    @Test(arguments: generateCases) func theGenerateCommandRefuses(_ c: Case) throws {
        try expectUsageError(["generate"] + c.arguments, c.message)
    }

    /// The bounds themselves are accepted, and a negative value can be given without `=` (a loss as annual gain).
    @Test func theBoundsAndNegativeGainsAreAccepted() throws {
        let dir = try temporaryFolder([:])
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("pb").path
        let result = try evaluate(["payback", "--source", "naive", "--annual-gain", "-5000", "--cost-per-participant", "0",
                                   "--discount", "0.2", "--horizon", "240", "--year", "2100", "--share-under-26", "1",
                                   "--out", out, "--csv", "rfc4180"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("society: payback not within 240 months, gain over 240 months -100000 kr"))
    }

    /// A negative hidden-confounding strength (hidden motivation) is given without `=` and recorded in `truth.json`.
    @Test func aNegativeHiddenConfoundingIsAccepted() throws {
        let dir = try temporaryFolder([:])
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("gen").path
        let result = try evaluate(["generate", "--out", out, "--scale", "0.002", "--from", "2013", "--to", "2014",
                                   "--reference", repositoryRoot.appendingPathComponent("Datasets/reference").path,
                                   "--hidden-confounding", "-2"])
        #expect(result.status == 0, "\(result.stderr)")
        let truth = try String(contentsOfFile: out + "/truth.json", encoding: .utf8)
        #expect(truth.contains("\"hidden_confounding\": {\"strength\": -2,"))
    }

    /// `--help` states each range.
    @Test func theHelpStatesTheRanges() throws {
        let run = try evaluate(["run", "--help"]).stdout.replacingOccurrences(of: "\n", with: " ")
            .replacingOccurrences(of: #"\s+"#, with: " ", options: .regularExpression)
        for range in ["(range: from 0 to 10000 replicates)", "(range: from 1 to 240 months)", "(range: from 0 to 0.2)",
                      "e.g. 0.035 for 3.5 %", "(range: from 1 to 20)", "(range: greater than 0 and at most 10 standard deviations)",
                      "(range: from 1 to 1000 persons)", "(range: 0 kr or more)", "(range: from 1990 to 2100)"] {
            #expect(run.contains(range), "evaluate run --help lacks \(range)")
        }
        let payback = try evaluate(["payback", "--help"]).stdout.replacingOccurrences(of: "\n", with: " ")
            .replacingOccurrences(of: #"\s+"#, with: " ", options: .regularExpression)
        for range in ["(range: from -10000000 to 10000000 kr)", "(range: from 0 to 1)", "(range: from 1 to 240 months)"] {
            #expect(payback.contains(range), "evaluate payback --help lacks \(range)")
        }
        let generate = try evaluate(["generate", "--help"]).stdout.replacingOccurrences(of: "\n", with: " ")
            .replacingOccurrences(of: #"\s+"#, with: " ", options: .regularExpression)
        #expect(generate.contains("(range: greater than 0 and at most 5)") && generate.contains("(range: from -3 to 3)"))
    }
}
