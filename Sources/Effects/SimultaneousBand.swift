import Linalg
import Registers
import Stats

/// The simultaneous 95 % band of an outcome's event study: `β̂_k ± c·SE_k` for every month `k` at once, with `c` the
/// sup-t critical value (``Stats/MaxModulusQuantile``; Montiel Olea & Plagborg-Møller 2019) of the correlation of the
/// months' ATTs, from the months stacked in one regression clustered two ways by matched set and person across
/// months (as ``PreTrendTest``). The band covers the whole true path with probability 95 %, where the pointwise
/// intervals each cover one month; it is what to look at before reading a shape into the curve. R's `did` gives such
/// bands by a multiplier bootstrap (`cband = TRUE`; Callaway & Sant'Anna 2021), which converges to the same `c`.
public struct SimultaneousBand: Sendable, Equatable {
    public var outcome: Outcome
    public var months: ClosedRange<Int>
    /// `c ≥ 1.96`: the band's half-width in standard errors.
    public var criticalValue: Double

    /// The band of `outcome` over `months`; nil when no month has variance.
    ///
    /// - Parameter seed: the seed of the simulation of `c` (the run's `--seed`).
    public init?(units: [MatchedUnit], panel: SupportPanel, outcome: Outcome, months: ClosedRange<Int> = -24...36,
                 seed: UInt64 = 1) throws {
        try self.init(StackedMonths(units: units, panel: panel, months: months), panel: panel, outcome: outcome, seed: seed)
    }

    /// The band of `outcome` over the months of `stack` (built once for every outcome).
    public init?(_ stack: StackedMonths, panel: SupportPanel, outcome: Outcome, seed: UInt64 = 1) throws {
        guard let stacked = try stack.fit(outcome, panel: panel) else { return nil }
        let p = stacked.groups.count
        let varying = (0..<p).filter { stacked.covariance[$0 * p + $0] > 0 }
        guard !varying.isEmpty else { return nil }
        var correlation = Matrix(rows: varying.count, columns: varying.count)
        for (a, i) in varying.enumerated() {
            for (b, j) in varying.enumerated() {
                correlation[a, b] = stacked.covariance[i * p + j]
                    / (stacked.covariance[i * p + i] * stacked.covariance[j * p + j]).squareRoot()
            }
        }
        guard let c = MaxModulusQuantile.quantile(correlation: correlation, seed: seed) else { return nil }
        self.outcome = outcome
        months = stack.months
        criticalValue = c
    }
}
