import Dispatch
import Linalg
import Registers

/// The pair (matched-set) bootstrap: matched sets are resampled with replacement, and the ATT of every outcome and
/// relative month is recomputed on each replicate as the weighted mean difference between treated and control
/// units. The resampled clusters are the matched sets (``MatchedUnit/subclass``) joined where they share a person —
/// a comparison matched in two start months, a participant who was a comparison before — so that, as in the two-way
/// clustered standard errors of ``EventStudy``, one person's rows never fall into independent draws. For replicate
/// r = 1…R, with S such clusters:
/// ```
/// draw S clusters uniformly with replacement; the replicate holds every unit of every drawn cluster, with its
/// matching weight (a cluster drawn twice counts twice)
/// ATT*_r(o, k) = Σ_T wᵢY_{i, mᵢ+k} / Σ_T wᵢ − Σ_C wᵢY_{i, mᵢ+k} / Σ_C wᵢ   over the replicate's units observed at k
/// SE_boot = sd(ATT*_1 … ATT*_R)  (n − 1 divisor),   95 % interval = [q₀.₀₂₅, q₀.₉₇₅]  (type-7 quantiles)
/// ```
/// The propensity score, the matches and the weights stay fixed: this is the cluster (pairs cluster) bootstrap with
/// the matched sets as clusters (Cameron, Gelbach & Miller 2008), as Austin & Small (2014) study it for matched
/// pairs, with percentile intervals (Efron & Tibshirani 1993). Abadie & Imbens (2008) show that the naive bootstrap,
/// which resamples units and redoes the matching, is not valid for nearest-neighbour matching estimators; resampling
/// whole matched sets keeps the matches fixed, but it does not reflect the estimation of the propensity score.
///
/// Replicates are generated from counter-based random numbers addressed by (seed, replicate, draw), and computed in
/// parallel, so the result does not depend on the number of threads.
public struct PairBootstrap: Sendable {
    /// The number of replicates `R`.
    public let replicates: Int
    /// The seed that, with the replicate and draw numbers, addresses every random draw.
    public let seed: UInt64
    /// `att[r][outcome][k]` for replicate r (NaN where a replicate has no treated or no control unit).
    public let att: [[[Double]]]
    /// The outcomes, in the order of `att[r]`.
    public let outcomes: [Outcome]
    /// The relative months, in the order of `att[r][o]` (index `k − lowerBound`).
    public let relativeMonths: ClosedRange<Int>

    /// Draws `replicates` replicates of the ATT for every outcome and relative month (−24…36 by default); the matched
    /// sets are the units' ``MatchedUnit/subclass`` values, joined where they share a person.
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
        let setList = PairBootstrap.clusters(units)
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

    /// Standard deviation of the replicates and the 2.5 and 97.5 percentiles (type 7 quantiles, as R's default), over
    /// the replicates where the ATT is defined; nil for an outcome or month not bootstrapped, or fewer than two such
    /// replicates.
    public func interval(_ outcome: Outcome, month k: Int) -> (standardError: Double, low: Double, high: Double)? {
        guard let o = outcomes.firstIndex(of: outcome), relativeMonths.contains(k) else { return nil }
        let values = att.map { $0[o][k - relativeMonths.lowerBound] }.filter { !$0.isNaN }.sorted()
        guard values.count > 1 else { return nil }
        let mean = values.reduce(0, +) / Double(values.count)
        let sd = (values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count - 1)).squareRoot()
        return (sd, quantile(values, 0.025), quantile(values, 0.975))
    }
}

/// The type-7 quantile of sorted values (R's default; Hyndman & Fan 1996): with `h = (n − 1)·p` and 0-based `x`,
/// `Q(p) = x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋ + 1] − x[⌊h⌋])`. `sorted` must not be empty.
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

extension PairBootstrap {
    /// The units grouped into clusters: connected components of "same matched set" and "same person", each listed
    /// by unit index and ordered by its first unit (a deterministic order for the draws).
    static func clusters(_ units: [MatchedUnit]) -> [[Int]] {
        var parent = Array(units.indices)
        func root(_ u: Int) -> Int {
            var u = u
            while parent[u] != u { parent[u] = parent[parent[u]]; u = parent[u] }
            return u
        }
        var firstOfSet: [Int: Int] = [:], firstOfPerson: [Int: Int] = [:]
        for (u, unit) in units.enumerated() {
            for first in [firstOfSet[unit.subclass], firstOfPerson[unit.person]].compactMap({ $0 }) {
                let (a, b) = (root(first), root(u))
                if a != b { parent[max(a, b)] = min(a, b) }
            }
            firstOfSet[unit.subclass] = firstOfSet[unit.subclass] ?? u
            firstOfPerson[unit.person] = firstOfPerson[unit.person] ?? u
        }
        var members: [Int: [Int]] = [:]
        for u in units.indices { members[root(u), default: []].append(u) }
        return members.keys.sorted().map { members[$0]! }
    }
}
