/// Rosenbaum's sensitivity analysis for matched pairs (Rosenbaum 2002, *Observational Studies*, 2nd ed., ch. 4): if
/// an unobserved factor could make one member of a pair up to Γ times as likely to take part as the other, how large
/// could the one-sided p-value of the effect be? The bound rises with Γ; the Γ at which it crosses 0.05 says how
/// much hidden bias the effect survives (Γ = 1: none — matching on the observed covariates is taken as enough).
///
/// With `p⁺ = Γ/(1 + Γ)`:
/// - binary outcome, McNemar's test on the `n` discordant pairs, `d` of which go the effect's way:
///   `p ≤ P(B ≥ d)`, `B ~ Bin(n, p⁺)` (Rosenbaum 2002, §4.3.2; rbounds' `binarysens` uses `P(B > d)` instead);
/// - any outcome, Wilcoxon's signed-rank test on the pairs' differences in the effect's direction, zero differences
///   dropped and tied absolute differences given average ranks `r`: with `T = Σ r·[difference > 0]`,
///   `p ≤ 1 − Φ((T − p⁺Σr) / √(p⁺(1 − p⁺)Σr²))` (normal approximation without continuity correction, as rbounds'
///   `psens`; Rosenbaum 2002, §4.3.3).
public enum RosenbaumBounds {
    /// The upper bound of the one-sided p-value of McNemar's test at `gamma`: `P(B ≥ d)`, `B ~ Bin(n, Γ/(1 + Γ))`.
    public static func mcNemarUpperP(favouring d: Int, discordant n: Int, gamma: Double) -> Double {
        binomialUpperTail(atLeast: d, trials: n, probability: gamma / (1 + gamma))
    }

    /// `P(B ≥ k)` for `B ~ Bin(n, p)`: the regularized incomplete beta `I_p(k, n − k + 1)`.
    public static func binomialUpperTail(atLeast k: Int, trials n: Int, probability p: Double) -> Double {
        if k <= 0 { return 1 }
        if k > n { return 0 }
        return SpecialFunctions.incompleteBeta(a: Double(k), b: Double(n - k + 1), x: p, y: 1 - p).lower
    }

    /// The upper bound of the one-sided p-value of Wilcoxon's signed-rank test at `gamma`, for `differences` in the
    /// direction of the effect (positive: the effect's way); 1 when every difference is zero.
    public static func signedRankUpperP(_ differences: [Double], gamma: Double) -> Double {
        signedRankUpperP(signedRanks(differences), gamma: gamma)
    }

    /// The same bound from the signed-rank sums of ``signedRanks(_:)``, computed once for many values of Γ.
    public static func signedRankUpperP(_ sums: (statistic: Double, ranks: Double, squares: Double), gamma: Double) -> Double {
        let (statistic, ranks, squares) = sums
        guard squares > 0 else { return 1 }
        let p = gamma / (1 + gamma)
        return Normal.survival((statistic - p * ranks) / (p * (1 - p) * squares).squareRoot())
    }

    /// `T = Σ r·[dᵢ > 0]`, `Σ r` and `Σ r²` over the non-zero differences, with average ranks of `|dᵢ|` for ties.
    public static func signedRanks(_ differences: [Double]) -> (statistic: Double, ranks: Double, squares: Double) {
        let nonzero = differences.filter { $0 != 0 }.sorted { abs($0) < abs($1) }
        var statistic = 0.0, ranks = 0.0, squares = 0.0
        var start = 0
        while start < nonzero.count {
            var end = start
            while end + 1 < nonzero.count && abs(nonzero[end + 1]) == abs(nonzero[start]) { end += 1 }
            let rank = Double(start + end + 2) / 2   // the average of ranks start + 1 … end + 1
            for i in start...end {
                ranks += rank
                squares += rank * rank
                if nonzero[i] > 0 { statistic += rank }
            }
            start = end + 1
        }
        return (statistic, ranks, squares)
    }

    /// The Γ at which the bound `upper(Γ)` reaches `alpha`, by bisection to 1e-10 on [1, 1000]: 1 when the bound is
    /// already at or above `alpha` without hidden bias, 1000 when it stays below it.
    public static func crossing(alpha: Double = 0.05, _ upper: (Double) -> Double) -> Double {
        guard upper(1) < alpha else { return 1 }
        var low = 1.0, high = 1000.0
        guard upper(high) >= alpha else { return high }
        while high - low > 1e-10 {
            let mid = (low + high) / 2
            if upper(mid) < alpha { low = mid } else { high = mid }
        }
        return (low + high) / 2
    }
}
