/// Adjusted p-values for multiple testing, as R's `p.adjust`.
///
/// With the `n` p-values that are not NaN sorted, `p₍₁₎ ≤ … ≤ p₍ₙ₎`:
/// ```
/// Holm (1979), family-wise error rate:       p̃₍ᵢ₎ = min(1, max_{j ≤ i} (n − j + 1)·p₍ⱼ₎)
/// Benjamini & Hochberg (1995), false discovery rate:  p̃₍ᵢ₎ = min(1, min_{j ≥ i} (n/j)·p₍ⱼ₎)
/// ```
/// returned in the input order. Tied p-values get the same adjusted value. NaN (R's `NA`) stays NaN and does not
/// count in `n`; with `n ≤ 1` the p-values are returned unchanged, as `p.adjust` does. Values are not checked to lie
/// in [0, 1].
///
/// References: Holm (1979), A simple sequentially rejective multiple test procedure, *Scandinavian Journal of
/// Statistics* 6; Benjamini & Hochberg (1995), Controlling the false discovery rate, *JRSS B* 57.
public enum PValueAdjustment {
    /// Holm's step-down adjustment, as R's `p.adjust(p, method = "holm")`.
    public static func holm(_ p: [Double]) -> [Double] {
        let order = sortedIndices(p, descending: false)
        let n = order.count
        guard n > 1 else { return p }
        var result = p
        var running = -Double.infinity
        for (rank, i) in order.enumerated() {
            running = max(running, Double(n - rank) * p[i])
            result[i] = min(1, running)
        }
        return result
    }

    /// Benjamini & Hochberg's step-up adjustment, as R's `p.adjust(p, method = "BH")`.
    public static func benjaminiHochberg(_ p: [Double]) -> [Double] {
        let order = sortedIndices(p, descending: true)
        let n = order.count
        guard n > 1 else { return p }
        var result = p
        var running = Double.infinity
        for (position, i) in order.enumerated() {
            running = min(running, Double(n) / Double(n - position) * p[i])
            result[i] = min(1, running)
        }
        return result
    }

    /// The indices of the non-NaN values, sorted by value (ties in input order).
    private static func sortedIndices(_ p: [Double], descending: Bool) -> [Int] {
        p.indices.filter { !p[$0].isNaN }.sorted { i, j in
            p[i] != p[j] ? (descending ? p[i] > p[j] : p[i] < p[j]) : i < j
        }
    }
}
