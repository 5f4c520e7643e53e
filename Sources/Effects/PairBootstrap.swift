import Dispatch
import Linalg
import Registers

/// The pair (matched-set) bootstrap: matched sets are resampled with replacement, and the ATT of every outcome and
/// relative month is recomputed on each replicate as the weighted mean difference between treated and control
/// units (Abadie & Imbens 2008 caution that the naive bootstrap of matching estimators is not valid when the
/// matching itself is redone; resampling whole matched sets keeps the matches fixed, as in Austin & Small 2014).
///
/// Replicates are generated from counter-based random numbers addressed by (seed, replicate, draw), and computed in
/// parallel, so the result does not depend on the number of threads.
public struct PairBootstrap: Sendable {
    public let replicates: Int
    public let seed: UInt64
    /// `att[r][outcome][k]` for replicate r (NaN where a replicate has no treated or no control unit).
    public let att: [[[Double]]]
    public let outcomes: [Outcome]
    public let relativeMonths: ClosedRange<Int>

    public init(units: [MatchedUnit], panel: SupportPanel, replicates: Int, seed: UInt64,
                outcomes: [Outcome] = Outcome.allCases, relativeMonths: ClosedRange<Int> = -24...36) {
        self.replicates = replicates
        self.seed = seed
        self.outcomes = outcomes
        self.relativeMonths = relativeMonths
        let months = Array(relativeMonths)
        // Outcome values per unit (NaN outside the panel), computed once.
        let values: [[[Double]]] = units.map { unit in
            outcomes.map { o in
                months.map { k in panel.cell(person: unit.person, month: unit.month.advanced(by: k)).map { o.value(panel, cell: $0) } ?? .nan }
            }
        }
        var sets: [Int: [Int]] = [:]
        for (u, unit) in units.enumerated() { sets[unit.subclass, default: []].append(u) }
        let setList = sets.keys.sorted().map { sets[$0]! }
        var result = [[[Double]]](repeating: [], count: replicates)
        let outcomeCount = outcomes.count, monthCount = months.count
        result.withUnsafeMutableBufferPointer { buffer in
            let out = ReplicateBuffer(buffer.baseAddress!)
            DispatchQueue.concurrentPerform(iterations: replicates) { r in
                var sumT = [Double](repeating: 0, count: outcomeCount * monthCount), weightT = sumT
                var sumC = sumT, weightC = sumT
                for j in 0..<setList.count {
                    let draw = Int(bootstrapBits(seed, r, j) % UInt64(setList.count))
                    for u in setList[draw] {
                        let w = units[u].weight
                        for o in 0..<outcomeCount {
                            for k in 0..<monthCount {
                                let y = values[u][o][k]
                                guard !y.isNaN else { continue }
                                let i = o * monthCount + k
                                if units[u].treated { sumT[i] += w * y; weightT[i] += w } else { sumC[i] += w * y; weightC[i] += w }
                            }
                        }
                    }
                }
                out.pointer[r] = (0..<outcomeCount).map { o in
                    (0..<monthCount).map { k in
                        let i = o * monthCount + k
                        return weightT[i] > 0 && weightC[i] > 0 ? sumT[i] / weightT[i] - sumC[i] / weightC[i] : .nan
                    }
                }
            }
        }
        att = result
    }

    /// Standard deviation of the replicates and the 2.5 and 97.5 percentiles (type 7 quantiles, as R's default).
    public func interval(_ outcome: Outcome, month k: Int) -> (standardError: Double, low: Double, high: Double)? {
        guard let o = outcomes.firstIndex(of: outcome), relativeMonths.contains(k) else { return nil }
        let values = att.map { $0[o][k - relativeMonths.lowerBound] }.filter { !$0.isNaN }.sorted()
        guard values.count > 1 else { return nil }
        let mean = values.reduce(0, +) / Double(values.count)
        let sd = (values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count - 1)).squareRoot()
        return (sd, quantile(values, 0.025), quantile(values, 0.975))
    }
}

/// The type-7 quantile of sorted values (R's default).
public func quantile(_ sorted: [Double], _ p: Double) -> Double {
    let h = Double(sorted.count - 1) * p
    let lo = Int(h.rounded(.down)), hi = min(lo + 1, sorted.count - 1)
    return sorted[lo] + (h - Double(lo)) * (sorted[hi] - sorted[lo])
}

struct ReplicateBuffer: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<[[Double]]>
    init(_ pointer: UnsafeMutablePointer<[[Double]]>) { self.pointer = pointer }
}

/// SplitMix64 mixing over (seed, replicate, draw).
func bootstrapBits(_ seed: UInt64, _ r: Int, _ j: Int) -> UInt64 {
    SplitMix64.mix(SplitMix64.mix(seed ^ UInt64(truncatingIfNeeded: r)) ^ UInt64(truncatingIfNeeded: j))
}
