import Foundation
import Testing
import Matching

/// The propensity score's overlap: every row in one bin of its arm and sample, bins equal on the logit scale from
/// a little below the lowest participant's score, and the participants outside the comparisons' range counted.
@Suite struct OverlapTests {
    @Test func rowsFallInTheirBinsAndParticipantsOffSupportAreCounted() {
        let distance = [0.10, 0.20, 0.30, 0.15, 0.25, 0.001]
        let treated = [true, true, true, false, false, false]
        let inSample = [true, true, false, true, true, false]
        let overlap = Overlap(distance: distance, treated: treated, inSample: inSample, binCount: 4)
        #expect(overlap.bins.map(\.treatedAll).reduce(0, +) == 3 && overlap.bins.map(\.controlAll).reduce(0, +) == 3)
        #expect(overlap.bins.map(\.treatedMatched).reduce(0, +) == 2 && overlap.bins.map(\.controlMatched).reduce(0, +) == 2)
        // 0.10 and 0.30 lie outside the comparisons' [0.001, 0.25]: only 0.30.
        #expect(overlap.participantsOffSupport == 1 && overlap.participants == 3)
        // From the odds of 0.10 divided by e to 0.30, equal steps on the logit scale; 0.001 falls in the first bin.
        func logit(_ p: Double) -> Double { log(p / (1 - p)) }
        #expect(abs(logit(overlap.bins[0].low) - (logit(0.10) - 1)) < 1e-12 && abs(overlap.bins[3].high - 0.30) < 1e-12)
        let widths = overlap.bins.map { logit($0.high) - logit($0.low) }
        #expect(widths.allSatisfy { abs($0 - widths[0]) < 1e-9 })
        #expect(overlap.bins[0].controlAll == 1)   // the 0.001 comparison, below the range
    }
}
