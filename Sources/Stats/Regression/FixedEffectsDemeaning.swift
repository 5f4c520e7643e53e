import Linalg

/// Within-group demeaning for absorbed fixed effects by the method of alternating projections.
///
/// Each column `v` is replaced by its residual from a regression on the group dummies of every absorbed variable:
/// ```
/// repeat for each effect f: v ← v − (weighted mean of v within v's group of f)
/// until max |change| ≤ tolerance · (max |v| at the start)
/// ```
/// which converges to the projection on the orthogonal complement of the span of all dummies (Halperin 1962;
/// Gaure 2013, `lfe`; Correia 2016, `reghdfe`). One effect needs a single sweep. The columns are independent and are
/// split between the threads.
public struct FixedEffectsDemeaning: Sendable {
    /// The absorbed effects: per effect, a dense group code per observation and the number of groups.
    public var groups: [(codes: [Int32], count: Int)]
    /// Observation weights of the weighted group means (nil: all 1).
    public var weights: [Double]?
    /// The relative tolerance of the stopping rule.
    public var tolerance: Double
    /// The most sweeps per column.
    public var maxIterations: Int = 100_000

    /// Demeaning within the groups of every absorbed effect, with optional weights, to a relative tolerance.
    public init(groups: [(codes: [Int32], count: Int)], weights: [Double]?, tolerance: Double = 1e-13) {
        self.groups = groups
        self.weights = weights
        self.tolerance = tolerance
    }

    /// How the demeaning went: the most sweeps any column needed, and whether every column met the tolerance.
    public struct Report: Sendable {
        public var iterations: Int
        public var converged: Bool
    }

    /// Demeans every column of `matrix` in place.
    public func demean(_ matrix: inout Matrix) -> Report {
        let n = matrix.rows
        let columns = matrix.columns
        let maxIterations = self.maxIterations
        let tolerance = self.tolerance
        let groups = self.groups
        let weights = self.weights
        // Group weight totals, once.
        let totals: [[Double]] = groups.map { g in
            var t = [Double](repeating: 0, count: g.count)
            for i in 0..<n { t[Int(g.codes[i])] += weights?[i] ?? 1 }
            return t
        }
        var iterationsPerColumn = [Int](repeating: 0, count: columns)
        var convergedPerColumn = [Bool](repeating: groups.count == 1, count: columns)
        matrix.storage.withUnsafeMutableBufferPointer { buf in
            iterationsPerColumn.withUnsafeMutableBufferPointer { ip in convergedPerColumn.withUnsafeMutableBufferPointer { cp in
                let base = SharedPointer(buf.baseAddress!)
                let its = SharedPointer(ip.baseAddress!), met = SharedPointer(cp.baseAddress!)
                RowBlocks.forEachPart(count: columns) { part in
                    var sums = [Double](repeating: 0, count: groups.map(\.count).max() ?? 0)
                    for j in part {
                        let v = base.base + j * n
                        var scale = 0.0
                        for i in 0..<n { scale = max(scale, abs(v[i])) }
                        var iteration = 0
                        while iteration < maxIterations {
                            iteration += 1
                            var change = 0.0
                            for (g, group) in groups.enumerated() {
                                for c in 0..<group.count { sums[c] = 0 }
                                if let weights {
                                    for i in 0..<n { sums[Int(group.codes[i])] += weights[i] * v[i] }
                                } else {
                                    for i in 0..<n { sums[Int(group.codes[i])] += v[i] }
                                }
                                let total = totals[g]
                                for c in 0..<group.count { sums[c] /= total[c] }
                                for i in 0..<n {
                                    let m = sums[Int(group.codes[i])]
                                    v[i] -= m
                                    change = max(change, abs(m))
                                }
                            }
                            if groups.count == 1 { break }
                            if change <= tolerance * max(scale, 1e-300) { met.base[j] = true; break }
                        }
                        its.base[j] = iteration
                    }
                }
            } }
        }
        return Report(iterations: iterationsPerColumn.max() ?? 0, converged: !convergedPerColumn.contains(false))
    }
}
