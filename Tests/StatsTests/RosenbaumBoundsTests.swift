import Foundation
import Testing
@testable import Stats

/// Rosenbaum bounds against R's rbounds 2.2 (Fixtures/rbounds, made by make_rbounds.R): the signed-rank bound equals
/// `psens` at every Γ of its grid and crosses 0.05 where R's root finder does; the binomial tail equals `binarysens`'
/// (which is `P(B > d)`, one more than the textbook `P(B ≥ d)` used here), and the textbook bound crosses 0.05 where
/// R's `1 − pbinom(d − 1, n, Γ/(1 + Γ))` does.
@Suite struct RosenbaumBoundsTests {
    let folder = fixturesDirectory.appendingPathComponent("rbounds")

    /// The rows of a small CSV as dictionaries of strings ("NA": R's missing value).
    func rows(_ name: String) throws -> [[String: String]] {
        let lines = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8).split(separator: "\n")
        let header = lines[0].split(separator: ",").map(String.init)
        return lines.dropFirst().map { line in
            Dictionary(uniqueKeysWithValues: zip(header, line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)))
        }
    }

    @Test func theSignedRankBoundEqualsPsens() throws {
        var pairs: [String: [Double]] = [:]
        for row in try rows("psens_pairs.csv") { pairs[row["case"]!, default: []].append(Double(row["treated"]!)! - Double(row["control"]!)!) }
        let grid = try rows("psens.csv")
        #expect(grid.count >= 200)
        for row in grid {
            let bound = RosenbaumBounds.signedRankUpperP(pairs[row["case"]!]!, gamma: Double(row["gamma"]!)!)
            #expect(abs(bound - Double(row["upper_p"]!)!) <= 1e-12, "\(row)")
        }
        for row in try rows("psens_gamma.csv") {
            let gamma = RosenbaumBounds.crossing { RosenbaumBounds.signedRankUpperP(pairs[row["case"]!]!, gamma: $0) }
            if let expected = Double(row["gamma_crossing"]!) {
                #expect(abs(gamma - expected) <= 1e-7, "\(row)")
            } else {
                #expect(gamma == 1, "\(row)")   // not significant without hidden bias
            }
        }
    }

    @Test func theBinomialBoundEqualsBinarysensAndTheTextbookCrossing() throws {
        let grid = try rows("binarysens.csv")
        #expect(grid.count >= 300)
        for row in grid {
            let (x, y) = (Int(row["x"]!)!, Int(row["y"]!)!)
            let p = Double(row["gamma"]!)! / (1 + Double(row["gamma"]!)!)
            let rbounds = RosenbaumBounds.binomialUpperTail(atLeast: max(x, y) + 1, trials: x + y, probability: p)
            #expect(abs(rbounds - Double(row["upper_p"]!)!) <= 1e-12, "\(row)")
        }
        for row in try rows("binarysens_gamma.csv") {
            let (x, y) = (Int(row["x"]!)!, Int(row["y"]!)!)
            let gamma = RosenbaumBounds.crossing { RosenbaumBounds.mcNemarUpperP(favouring: max(x, y), discordant: x + y, gamma: $0) }
            if let expected = Double(row["gamma_crossing_textbook"]!) {
                #expect(abs(gamma - expected) <= 1e-7, "\(row)")
            } else {
                #expect(gamma == 1, "\(row)")
            }
        }
    }

    /// Average ranks for ties: |d| = 1, 1, 2, 3, 3, 3 get ranks 1.5, 1.5, 3, 5, 5, 5; zeros drop out.
    @Test func tiesGetAverageRanksAndZerosDropOut() {
        let (t, sum, squares) = RosenbaumBounds.signedRanks([1, -1, 0, 2, -3, 3, 3])
        #expect(t == 1.5 + 3 + 5 + 5 && sum == 21 && squares == 2 * 2.25 + 9 + 3 * 25)
    }
}
