import Linalg

/// Greedy nearest-neighbour matching on a distance (propensity score), with the semantics of R's MatchIt ≥ 4.5.4
/// `method = "nearest"` (Ho, Imai, King & Stuart 2011):
///
/// 1. All units are sorted by distance, stably (ties keep data order).
/// 2. Treated units are visited by distance — descending for ``Order/largest`` (the default for the ATT),
///    ascending for ``Order/smallest``, in data order for ``Order/data``, in a seeded shuffle for ``Order/random``.
///    With replacement the order is the data order, as MatchIt forces.
/// 3. For round r = 1…ratio each treated unit, in that order, gets its r-th control: among the eligible controls
///    (not used yet without replacement, not already matched to this unit, in the same exact stratum) the nearest
///    below and the nearest above it in the sorted order are the candidates; one farther than the caliper is
///    dropped; of two, the lower one wins when `|d_below − d| ≤ |d_above − d|`.
/// 4. The caliper is `caliper × sd(distance)` over all units (`std.caliper = TRUE`).
/// 5. Weights: 1 for a matched treated unit; `1/m` to each of its `m` controls, summed over the treated units a
///    control serves, then scaled so the non-zero control weights average 1.
///
/// - Complexity: `O(n log n + n_t · ratio · α(n))` without replacement: used controls are skipped with
///   path-compressed "next unused" pointers, so no search walks past them twice.
///
/// Cite: Ho, D. E., Imai, K., King, G. & Stuart, E. A. (2011). MatchIt: Nonparametric Preprocessing for Parametric
/// Causal Inference. *Journal of Statistical Software* 42(8). The semantics are those of MatchIt's reference page
/// `method_nearest`.
public struct NearestNeighborMatching: Sendable {
    /// The order in which treated units are visited (MatchIt's `m.order`): by distance `largest` first or `smallest`
    /// first, in `data` order, or in a `random` (seeded) order.
    public enum Order: String, Sendable, CaseIterable {
        case largest, smallest, data, random
    }

    /// Controls per treated unit (MatchIt's `ratio`), matched in rounds.
    public var ratio: Int = 1
    /// Whether a control may serve several treated units (MatchIt's `replace`); forces the data order.
    public var replace: Bool = false
    /// In standard deviations of the distance: the width is `caliper × sd(distance)` over all units (n − 1 divisor,
    /// MatchIt's `std.caliper = TRUE`); nil: no caliper.
    public var caliper: Double? = nil
    /// Visiting order of the treated units (MatchIt's `m.order`); ignored with replacement.
    public var order: Order = .largest
    /// Seed of the shuffle for ``Order/random``.
    public var seed: UInt64 = 0

    /// A specification with MatchIt's defaults unless given: `ratio` controls per treated unit (matched in rounds),
    /// without replacement, no caliper (else `caliper × sd(distance)`), largest distance first; `seed` drives the
    /// random order.
    public init(ratio: Int = 1, replace: Bool = false, caliper: Double? = nil, order: Order = .largest, seed: UInt64 = 0) {
        self.ratio = ratio
        self.replace = replace
        self.caliper = caliper
        self.order = order
        self.seed = seed
    }

    /// Matches treated to control units.
    ///
    /// - Parameters:
    ///   - distance: one value per unit.
    ///   - treated: the treatment indicator per unit.
    ///   - strata: exact-matching stratum per unit (nil: one stratum).
    ///   - discarded: units excluded before matching (outside common support); they get weight 0.
    public func match(distance: [Double], treated: [Bool], strata: [Int]? = nil, discarded: [Bool]? = nil) -> MatchedSample {
        let n = distance.count
        precondition(treated.count == n && (strata?.count ?? n) == n && (discarded?.count ?? n) == n)
        let sortedUnits = (0..<n).sorted { distance[$0] < distance[$1] || (distance[$0] == distance[$1] && $0 < $1) }
        var position = [Int](repeating: 0, count: n)
        for (k, i) in sortedUnits.enumerated() { position[i] = k }
        let caliperWidth = caliper.map { $0 * standardDeviation(distance) }

        // Controls of each stratum in sorted order.
        var controlsByStratum: [Int: [Int]] = [:]
        for i in sortedUnits where !treated[i] && !(discarded?[i] ?? false) {
            controlsByStratum[strata?[i] ?? 0, default: []].append(i)
        }
        // Treated units in visiting order.
        var treatedUnits = (0..<n).filter { treated[$0] && !(discarded?[$0] ?? false) }
        switch replace ? .data : order {
        case .largest: treatedUnits.sort { distance[$0] > distance[$1] || (distance[$0] == distance[$1] && $0 < $1) }
        case .smallest: treatedUnits.sort { position[$0] < position[$1] }
        case .data: break
        case .random: treatedUnits = seededShuffle(treatedUnits, seed: seed)
        }
        // Pools live in an array and are mutated in place (taking one out of a dictionary would copy its arrays
        // on every visit).
        let strataKeys = controlsByStratum.keys.sorted()
        let poolIndex = Dictionary(uniqueKeysWithValues: strataKeys.enumerated().map { ($1, $0) })
        var pools = strataKeys.map { key in
            ControlPool(controls: controlsByStratum[key]!, positions: controlsByStratum[key]!.map { position[$0] })
        }

        var matches = [[Int]](repeating: [], count: n)
        for _ in 0..<ratio {
            for t in treatedUnits {
                guard let k = poolIndex[strata?[t] ?? 0] else { continue }
                if let chosen = pools[k].nearest(to: t, position: position[t], distance: distance, mine: matches[t],
                                                 caliper: caliperWidth, replace: replace) {
                    matches[t].append(chosen)
                }
            }
        }
        return MatchedSample(treated: treated, matches: matches, discarded: discarded ?? [Bool](repeating: false, count: n),
                             treatedOrder: treatedUnits, replace: replace)
    }
}

/// The controls of one stratum in sorted order, with path-compressed pointers to the nearest unused one on each side.
struct ControlPool: Sendable {
    let controls: [Int]
    let positions: [Int]
    private var below: [Int]   // below[i]: largest unused index ≤ i (−1 if none), after compression
    private var above: [Int]   // above[i]: smallest unused index ≥ i (count if none)

    init(controls: [Int], positions: [Int]) {
        self.controls = controls
        self.positions = positions
        below = Array(0..<controls.count)
        above = Array(0..<controls.count)
    }

    /// The number of controls whose sorted position is below `p`.
    func insertionPoint(_ p: Int) -> Int {
        var lo = 0, hi = positions.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if positions[mid] < p { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    mutating func alive(atOrBelow i: Int, replace: Bool) -> Int {
        guard i >= 0 else { return -1 }
        if replace { return i }
        var root = i
        while root >= 0, below[root] != root { root = below[root] }
        var k = i
        while k >= 0, below[k] != k { let next = below[k]; below[k] = root; k = next }
        return root
    }

    mutating func alive(atOrAbove i: Int, replace: Bool) -> Int {
        guard i < controls.count else { return controls.count }
        if replace { return i }
        var root = i
        while root < controls.count, above[root] != root { root = above[root] }
        var k = i
        while k < controls.count, above[k] != k { let next = above[k]; above[k] = root; k = next }
        return root
    }

    /// The eligible control nearest to treated unit `t` (below or above in the sorted order; the lower one on a
    /// tie; none beyond the caliper), removed from the pool without replacement.
    mutating func nearest(to t: Int, position p: Int, distance: [Double], mine: [Int], caliper: Double?, replace: Bool) -> Int? {
        let insertion = insertionPoint(p)
        var left = alive(atOrBelow: insertion - 1, replace: replace)
        while left >= 0, mine.contains(controls[left]) { left = alive(atOrBelow: left - 1, replace: replace) }
        var right = alive(atOrAbove: insertion, replace: replace)
        while right < controls.count, mine.contains(controls[right]) { right = alive(atOrAbove: right + 1, replace: replace) }
        var dl = left >= 0 ? abs(distance[controls[left]] - distance[t]) : .infinity
        var dr = right < controls.count ? abs(distance[controls[right]] - distance[t]) : .infinity
        if let w = caliper {
            if dl > w { dl = .infinity }
            if dr > w { dr = .infinity }
        }
        guard dl.isFinite || dr.isFinite else { return nil }
        let chosen = dl <= dr ? left : right
        if !replace { remove(chosen) }
        return controls[chosen]
    }

    mutating func remove(_ i: Int) {
        below[i] = i - 1
        above[i] = i + 1
    }
}

/// `sd` with the n − 1 divisor.
func standardDeviation(_ x: [Double]) -> Double {
    guard x.count > 1 else { return 0 }
    let mean = x.reduce(0, +) / Double(x.count)
    return (x.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(x.count - 1)).squareRoot()
}

/// A deterministic shuffle (Fisher–Yates driven by SplitMix64).
func seededShuffle(_ items: [Int], seed: UInt64) -> [Int] {
    var out = items
    var rng = SplitMix64(state: seed)
    for i in stride(from: out.count - 1, to: 0, by: -1) {
        out.swapAt(i, Int(rng.next() % UInt64(i + 1)))
    }
    return out
}
