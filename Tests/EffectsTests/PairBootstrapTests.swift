import Testing
import Registers
@testable import Effects

@Suite struct PairBootstrapTests {
    /// Matched sets that share a person (a comparison matched in two start months) form one resampled cluster;
    /// clusters are listed by their first unit.
    @Test func matchedSetsSharingAPersonAreOneCluster() {
        let m = Month(year: 2014, month: 3), n = Month(year: 2014, month: 5)
        let units = [
            MatchedUnit(person: 1, month: m, treated: true, weight: 1, subclass: 10),
            MatchedUnit(person: 2, month: m, treated: false, weight: 1, subclass: 10),
            MatchedUnit(person: 4, month: n, treated: true, weight: 1, subclass: 30),
            MatchedUnit(person: 5, month: n, treated: false, weight: 1, subclass: 30),
            MatchedUnit(person: 3, month: n, treated: true, weight: 1, subclass: 20),
            MatchedUnit(person: 2, month: n, treated: false, weight: 1, subclass: 20),
            MatchedUnit(person: 1, month: n, treated: false, weight: 1, subclass: 40),
            MatchedUnit(person: 6, month: n, treated: true, weight: 1, subclass: 40),
        ]
        // Sets 10 and 20 share person 2; set 40 shares person 1 with set 10; set 30 stands alone.
        #expect(PairBootstrap.clusters(units) == [[0, 1, 4, 5, 6, 7], [2, 3]])
    }
}
