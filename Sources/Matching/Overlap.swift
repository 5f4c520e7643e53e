import Foundation

/// The overlap of the propensity score between participants and comparisons, before and after matching: histograms
/// of the risk-set rows on common bins, and the participants off common support.
///
/// The bins are equally wide on the logit scale (monthly risk sets give scores near 0, where bins equal on the
/// probability scale would pile everything into the first), from a little below the lowest participant's score (its
/// odds divided by e) to the highest score; rows below that fall in the first bin. They are reported by their limits
/// on the probability scale. A participant is off common support when its score lies outside the
/// range of the comparisons' scores (MatchIt's `discard = "treated"` rule; Ho, Imai, King & Stuart 2007), whether or
/// not `--discard` removed it. Rows, not persons: a comparison is counted once per risk set (start month) it is in.
public struct Overlap: Sendable {
    /// One bin: its score limits and the rows of each arm in it, before (`all`) and after matching (`matched`).
    public struct Bin: Sendable, Equatable {
        public var low: Double
        public var high: Double
        public var treatedAll: Int
        public var controlAll: Int
        public var treatedMatched: Int
        public var controlMatched: Int
    }

    public var bins: [Bin]
    /// Participants (treated rows) whose score lies outside the comparisons' range.
    public var participantsOffSupport: Int
    public var participants: Int

    /// The histograms of `distance` (one score per risk-set row) by arm, before matching and for the rows in the
    /// matched sample (`inSample`), on `binCount` bins.
    public init(distance: [Double], treated: [Bool], inSample: [Bool], binCount: Int = 20) {
        func logit(_ p: Double) -> Double {
            let q = min(max(p, 1e-12), 1 - 1e-12)
            return log(q / (1 - q))
        }
        let logits = distance.map(logit)
        let treatedLogits = logits.indices.filter { treated[$0] }.map { logits[$0] }
        let upper = logits.max() ?? 0
        let lower = min(upper, max(logits.min() ?? 0, (treatedLogits.min() ?? upper) - 1))
        let width = upper > lower ? (upper - lower) / Double(binCount) : 1
        func expit(_ x: Double) -> Double { 1 / (1 + exp(-x)) }
        var bins = (0..<binCount).map { b in
            Bin(low: expit(lower + Double(b) * width), high: expit(lower + Double(b + 1) * width),
                treatedAll: 0, controlAll: 0, treatedMatched: 0, controlMatched: 0)
        }
        for i in distance.indices {
            let b = min(binCount - 1, max(0, Int((logits[i] - lower) / width)))
            if treated[i] { bins[b].treatedAll += 1 } else { bins[b].controlAll += 1 }
            if inSample[i] { if treated[i] { bins[b].treatedMatched += 1 } else { bins[b].controlMatched += 1 } }
        }
        self.bins = bins
        let controls = distance.indices.filter { !treated[$0] }.map { distance[$0] }
        let (cMin, cMax) = (controls.min() ?? .infinity, controls.max() ?? -.infinity)
        participants = treated.filter { $0 }.count
        participantsOffSupport = distance.indices.filter { treated[$0] && (distance[$0] < cMin || distance[$0] > cMax) }.count
    }
}
