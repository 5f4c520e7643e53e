import Dispatch

/// Covariate balance before and after matching, as MatchIt's `summary()` computes it for the ATT.
///
/// For each covariate `x` and weights `w` (all 1 before matching, the matching weights after):
/// ```
/// Means Treated / Control   Σ wᵢxᵢ / Σ wᵢ within the group
/// Std. Mean Diff.           (mean_T − mean_C) / s_T,  s_T the treated SD in the full sample (unweighted)
/// Var. Ratio                var_w(T) / var_w(C)       (none for a binary covariate)
/// eCDF Mean, eCDF Max       mean and max over the sample's distinct values of |F̂_T(x) − F̂_C(x)|, weighted eCDFs
///                           (for a binary covariate both equal |mean_T − mean_C|)
/// var_w(x) = Σ w̃ᵢ(xᵢ − x̄_w)² / (1 − Σ w̃ᵢ²), w̃ = w/Σw;   for a binary covariate x̄_w(1 − x̄_w)
/// ```
/// The effective sample size of a weighted group is `(Σw)²/Σw²`. References: Ho, Imai, King & Stuart (2011) and
/// MatchIt's `summary.matchit`; Austin (2009) and Stuart (2010) on standardized mean differences, variance ratios and
/// eCDF statistics as balance diagnostics.
public struct BalanceTable: Sendable {
    /// One covariate's balance in one sample (before or after matching), in the columns of MatchIt's `summary()`; the
    /// formulas are those of ``BalanceTable``.
    public struct Row: Sendable {
        /// The covariate's name (for a factor, one row per level, as a 0/1 column).
        public var covariate: String
        /// `Σ wᵢxᵢ / Σ wᵢ` over the treated units (weight > 0).
        public var meansTreated: Double
        /// `Σ wᵢxᵢ / Σ wᵢ` over the control units (weight > 0).
        public var meansControl: Double
        /// `(mean_T − mean_C) / s_T`, with `s_T` the unweighted treated SD in the full sample (the pooled SD
        /// `√((s_T² + s_C²)/2)` when that is below √ε); the raw difference when `|mean_T − mean_C| ≤ √ε`.
        public var standardizedMeanDifference: Double
        /// `var_w(T) / var_w(C)`; nil for binary covariates.
        public var varianceRatio: Double?
        /// Mean of `|F̂_T(x) − F̂_C(x)|` over the sample's distinct values (`|mean_T − mean_C|` if binary).
        public var ecdfMean: Double
        /// Maximum of `|F̂_T(x) − F̂_C(x)|` over the sample's distinct values (`|mean_T − mean_C|` if binary).
        public var ecdfMax: Double
    }

    /// MatchIt's sample-size table, per group (control, treated): all units; the effective sample size of the matched
    /// weights, `(Σw)²/Σw²`; matched units (weight > 0); unmatched units (weight 0, not discarded); discarded units.
    public struct SampleSizes: Sendable {
        public var all: (control: Int, treated: Int)
        public var matchedEffective: (control: Double, treated: Double)
        public var matched: (control: Int, treated: Int)
        public var unmatched: (control: Int, treated: Int)
        public var discarded: (control: Int, treated: Int)
    }

    /// Balance in the full sample (every weight 1), one row per covariate.
    public let before: [Row]
    /// Balance in the matched sample (the matching weights), one row per covariate.
    public let after: [Row]
    /// Units per group and matching status.
    public let sampleSizes: SampleSizes

    /// The balance of the covariates before matching (every weight 1) and after (the sample's weights).
    ///
    /// - Parameters:
    ///   - covariates: name and values per covariate (factor levels as 0/1 columns).
    public init(covariates: [(name: String, values: [Double])], treated: [Bool], sample: MatchedSample) {
        self.init(covariateNames: covariates.map(\.name), values: { covariates[$0].values }, treated: treated, sample: sample)
    }

    /// The balance of covariates given by name and computed on demand, before and after matching.
    ///
    /// - Parameters:
    ///   - values: covariate `j`'s values, asked for once per covariate when it is computed — so a caller holding
    ///     covariates compactly never expands them all at once.
    public init(covariateNames: [String], values: @Sendable (Int) -> [Double], treated: [Bool], sample: MatchedSample) {
        let n = treated.count
        let ones = [Double](repeating: 1, count: n)
        // Covariates are independent: they are computed in parallel, each into its own slot.
        var slots = [(Row, Row)?](repeating: nil, count: covariateNames.count)
        slots.withUnsafeMutableBufferPointer { buffer in
            let out = BalanceSlots(buffer.baseAddress!)
            DispatchQueue.concurrentPerform(iterations: covariateNames.count) { k in
                let name = covariateNames[k], x = values(k)
                let binary = x.allSatisfy { $0 == 0 || $0 == 1 }
                var sdTreated = weightedVariance(x, ones, treated, group: true, binary: binary).squareRoot()
                if !(sdTreated >= Double.ulpOfOne.squareRoot()) {
                    // MatchIt falls back to the pooled SD when the treated SD is zero or undefined.
                    sdTreated = ((weightedVariance(x, ones, treated, group: true, binary: binary)
                                  + weightedVariance(x, ones, treated, group: false, binary: binary)) / 2).squareRoot()
                }
                // One sort serves the eCDFs before and after matching.
                let order = binary ? [] : sortedOrder(x)
                out.pointer[k] = (BalanceTable.row(name, x, ones, treated, sdTreated, binary, order),
                                  BalanceTable.row(name, x, sample.weights, treated, sdTreated, binary, order))
            }
        }
        let before = slots.map { $0!.0 }, after = slots.map { $0!.1 }
        self.before = before
        self.after = after
        func count(_ t: Bool, _ f: (Int) -> Bool) -> Int { (0..<n).filter { treated[$0] == t && f($0) }.count }
        func ess(_ t: Bool) -> Double {
            let w = (0..<n).filter { treated[$0] == t }.map { sample.weights[$0] }
            let s = w.reduce(0, +), s2 = w.reduce(0) { $0 + $1 * $1 }
            return s2 == 0 ? 0 : s * s / s2
        }
        sampleSizes = SampleSizes(
            all: (count(false) { _ in true }, count(true) { _ in true }),
            matchedEffective: (ess(false), ess(true)),
            matched: (count(false) { sample.weights[$0] > 0 }, count(true) { sample.weights[$0] > 0 }),
            unmatched: (count(false) { sample.weights[$0] == 0 && !sample.discarded[$0] },
                        count(true) { sample.weights[$0] == 0 && !sample.discarded[$0] }),
            discarded: (count(false) { sample.discarded[$0] }, count(true) { sample.discarded[$0] }))
    }

    static func row(_ name: String, _ x: [Double], _ w: [Double], _ treated: [Bool], _ sdTreated: Double, _ binary: Bool,
                    _ order: [UInt32]) -> Row {
        let mt = weightedMean(x, w, treated, group: true)
        let mc = weightedMean(x, w, treated, group: false)
        let diff = mt - mc
        // MatchIt reports the raw difference when it is below √ε (no standardisation of a numerical zero).
        let smd = abs(diff) <= Double.ulpOfOne.squareRoot() ? diff : (sdTreated > 0 ? diff / sdTreated : .nan)
        if binary {
            return Row(covariate: name, meansTreated: mt, meansControl: mc, standardizedMeanDifference: smd,
                       varianceRatio: nil, ecdfMean: abs(diff), ecdfMax: abs(diff))
        }
        let vr = weightedVariance(x, w, treated, group: true, binary: false) / weightedVariance(x, w, treated, group: false, binary: false)
        let (ecdfMean, ecdfMax) = ecdfDifferences(x, w, treated, order: order)
        return Row(covariate: name, meansTreated: mt, meansControl: mc, standardizedMeanDifference: smd,
                   varianceRatio: vr, ecdfMean: ecdfMean, ecdfMax: ecdfMax)
    }
}

func weightedMean(_ x: [Double], _ w: [Double], _ treated: [Bool], group: Bool) -> Double {
    var s = 0.0, sw = 0.0
    for i in x.indices where treated[i] == group && w[i] > 0 { s += w[i] * x[i]; sw += w[i] }
    return sw > 0 ? s / sw : .nan
}

func weightedVariance(_ x: [Double], _ w: [Double], _ treated: [Bool], group: Bool, binary: Bool) -> Double {
    var sw = 0.0, swx = 0.0
    for i in x.indices where treated[i] == group && w[i] > 0 { sw += w[i]; swx += w[i] * x[i] }
    guard sw > 0 else { return .nan }
    let mean = swx / sw
    if binary { return mean * (1 - mean) }
    var num = 0.0, sw2 = 0.0
    for i in x.indices where treated[i] == group && w[i] > 0 {
        let wi = w[i] / sw
        num += wi * (x[i] - mean) * (x[i] - mean)
        sw2 += wi * wi
    }
    return sw2 < 1 ? num / (1 - sw2) : .nan
}

struct BalanceSlots: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<(BalanceTable.Row, BalanceTable.Row)?>
    init(_ pointer: UnsafeMutablePointer<(BalanceTable.Row, BalanceTable.Row)?>) { self.pointer = pointer }
}

/// Mean and maximum of |F̂_T − F̂_C| (weighted empirical CDFs) over the distinct values of the whole sample —
/// units with weight 0 included in the grid, as MatchIt's summary evaluates it. `order` sorts `x` (``sortedOrder(_:)``).
func ecdfDifferences(_ x: [Double], _ w: [Double], _ treated: [Bool], order: [UInt32]) -> (Double, Double) {
    var swT = 0.0, swC = 0.0
    for i in order.lazy.map(Int.init) {
        if treated[i] { swT += w[i] } else { swC += w[i] }
    }
    guard swT > 0, swC > 0 else { return (.nan, .nan) }
    var cumulative = 0.0, sum = 0.0, maximum = 0.0, distinct = 0
    for k in order.indices {
        let i = Int(order[k])
        cumulative += treated[i] ? w[i] / swT : -w[i] / swC
        if k == order.count - 1 || x[Int(order[k + 1])] != x[i] {
            sum += abs(cumulative)
            maximum = max(maximum, abs(cumulative))
            distinct += 1
        }
    }
    return (sum / Double(distinct), maximum)
}

/// The permutation that sorts `x` ascending, ties in index order: a stable least-significant-digit radix sort
/// on the doubles' order-preserving bit patterns (sign bit flipped for positives, all bits for negatives), one
/// pass per byte, skipping bytes all keys share — linear in `n`, where a comparison sort of millions of rows per
/// covariate dominated the balance table.
func sortedOrder(_ x: [Double]) -> [UInt32] {
    let n = x.count
    var keys = x.map { v -> UInt64 in
        let bits = (v + 0).bitPattern  // + 0 turns −0 into +0
        return bits >> 63 == 1 ? ~bits : bits | (1 << 63)
    }
    var order = (0..<n).map { UInt32($0) }
    var keysOut = [UInt64](repeating: 0, count: n), orderOut = [UInt32](repeating: 0, count: n)
    var counts = [Int](repeating: 0, count: 256)
    for shift in stride(from: 0, to: 64, by: 8) {
        for b in 0..<256 { counts[b] = 0 }
        for key in keys { counts[Int((key >> UInt64(shift)) & 255)] += 1 }
        if counts.contains(n) { continue }
        var offset = 0
        for b in 0..<256 { (counts[b], offset) = (offset, offset + counts[b]) }
        keys.withUnsafeBufferPointer { kin in order.withUnsafeBufferPointer { oin in
        keysOut.withUnsafeMutableBufferPointer { kout in orderOut.withUnsafeMutableBufferPointer { oout in
            for i in 0..<n {
                let b = Int((kin[i] >> UInt64(shift)) & 255)
                kout[counts[b]] = kin[i]
                oout[counts[b]] = oin[i]
                counts[b] += 1
            }
        } } } }
        swap(&keys, &keysOut)
        swap(&order, &orderOut)
    }
    return order
}
