import Testing
@testable import Matching

/// A hand-checked case (distances in 64ths so differences are exact). Sorted order:
/// 7 (5) · 5 (18) · 3T (20) · 4 (22) · 1 (35) · 0T (38) · 2 (42) · 6T (60).
let handDistance: [Double] = [38, 35, 42, 20, 22, 18, 60, 5].map { $0 / 64 }
let handTreated = [true, false, false, true, false, false, true, false]

@Suite struct NearestNeighborTests {
    @Test func largestFirstTakesTheNearestAndBreaksTiesToTheLeft() {
        let s = NearestNeighborMatching().match(distance: handDistance, treated: handTreated)
        // 6 (60) → 2 (42): nothing above. 0 (38) → 1 (35): 2 is used. 3 (20): 5 (18) and 4 (22) are equally far;
        // the lower one wins.
        #expect(s.matches[6] == [2] && s.matches[0] == [1] && s.matches[3] == [5])
        #expect(s.weights == [1, 1, 1, 1, 0, 1, 1, 0])
        #expect(s.subclass[6] == 1 && s.subclass[2] == 1 && s.subclass[0] == 2 && s.subclass[3] == 3 && s.subclass[4] == nil)
    }

    @Test func theCaliperDropsDistantCandidates() {
        // sd of the distances = sqrt(2066/7)/64 ≈ 0.2684; a caliper of 0.5 sd ≈ 0.134 < 18/64, so 6 has no control.
        let s = NearestNeighborMatching(caliper: 0.5).match(distance: handDistance, treated: handTreated)
        #expect(s.matches[6].isEmpty)
        #expect(s.matches[0] == [1])          // 35 is nearer than 42
        #expect(s.matches[3] == [5])
        #expect(s.unmatchedTreatedCount == 1)
        #expect(s.weights[6] == 0 && s.weights[2] == 0)
    }

    @Test func ratioTwoGivesEveryUnitItsFirstMatchBeforeAnySecond() {
        let s = NearestNeighborMatching(ratio: 2).match(distance: handDistance, treated: handTreated)
        #expect(s.matches[6] == [2, 4])
        #expect(s.matches[0] == [1, 7])
        #expect(s.matches[3] == [5])          // no control left for a second match
        // Controls: 1/2 each for 2, 4, 1, 7 and 1 for 5, scaled by 5/3 so they average 1.
        let expected: [Double] = [1, 5.0 / 6, 5.0 / 6, 1, 5.0 / 6, 5.0 / 3, 1, 5.0 / 6]
        for i in expected.indices { #expect(abs(s.weights[i] - expected[i]) < 1e-12) }
    }

    @Test func withReplacementAControlServesSeveralTreatedUnits() {
        var d = handDistance, t = handTreated
        d.append(36.0 / 64)
        t.append(true)
        let s = NearestNeighborMatching(replace: true).match(distance: d, treated: t)
        #expect(s.matches[0] == [1] && s.matches[8] == [1])
        #expect(s.subclass.allSatisfy { $0 == nil })
        // Control 1 serves two treated units (weight 2), 5 and 2 one each; scaled by 3/4.
        #expect(s.weights[1] == 1.5 && s.weights[5] == 0.75 && s.weights[2] == 0.75)
    }

    @Test func exactStrataMatchWithinTheirStratum() {
        // Stratum 1 holds 0T, 3T, 7; stratum 0 the rest: 3 must take 7 although 5 and 4 are nearer.
        let strata = [1, 0, 0, 1, 0, 0, 0, 1]
        let s = NearestNeighborMatching().match(distance: handDistance, treated: handTreated, strata: strata)
        #expect(s.matches[0] == [7])          // 0 is visited before 3 (larger distance) and takes 7
        #expect(s.matches[3].isEmpty)         // nothing left in its stratum
        #expect(s.matches[6] == [2])
    }

    @Test func smallestAndDataOrders() {
        let smallest = NearestNeighborMatching(order: .smallest).match(distance: handDistance, treated: handTreated)
        #expect(smallest.matches[3] == [5] && smallest.matches[0] == [1] && smallest.matches[6] == [2])
        let data = NearestNeighborMatching(ratio: 2, order: .data).match(distance: handDistance, treated: handTreated)
        // Data order 0, 3, 6: round 1 → 0:1, 3:5, 6:2; round 2 → 0: left 4 (22, 16 away)… below 38 the unused
        // are 7 (5) and 4 (22): 4 is the highest below; above 38 nothing unused → 4. 3: left 7 (5), right none → 7.
        #expect(data.matches[0] == [1, 4] && data.matches[3] == [5, 7] && data.matches[6] == [2])
    }

    @Test func commonSupportDiscardsOutsideTheOtherGroupsRange() {
        // Controls span 5…42, so treated 6 at 60 lies outside; treated span 20…60, so controls 5 (18) and 7 (5) do.
        let discarded = CommonSupport.both.discarded(distance: handDistance, treated: handTreated)
        #expect(discarded == [false, false, false, false, false, true, true, true])
        #expect(CommonSupport.treated.discarded(distance: handDistance, treated: handTreated) == [false, false, false, false, false, false, true, false])
    }
}
