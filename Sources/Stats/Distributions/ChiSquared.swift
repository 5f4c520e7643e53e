import Foundation

/// The χ² distribution with `k` degrees of freedom: `P(X ≤ x) = P(k/2, x/2)`, the regularized lower incomplete gamma
/// function (Abramowitz & Stegun 26.4.19), each tail computed on its own side.
public enum ChiSquared {
    /// `P(X > x)`.
    public static func survival(_ x: Double, degreesOfFreedom k: Double) -> Double {
        if x.isNaN { return .nan }
        return SpecialFunctions.incompleteGamma(a: k / 2, x: max(x, 0) / 2).upper
    }

    /// `P(X ≤ x)`.
    public static func cdf(_ x: Double, degreesOfFreedom k: Double) -> Double {
        if x.isNaN { return .nan }
        return SpecialFunctions.incompleteGamma(a: k / 2, x: max(x, 0) / 2).lower
    }

    /// The density.
    public static func density(_ x: Double, degreesOfFreedom k: Double) -> Double {
        if x <= 0 { return k == 2 ? 0.5 : (k < 2 ? .infinity : 0) }
        return exp((k / 2 - 1) * log(x) - x / 2 - k / 2 * log(2) - lgamma(k / 2))
    }

    /// The quantile: the `x` with `P(X ≤ x) = p` (Wilson–Hilferty start, safeguarded Newton).
    public static func quantile(_ p: Double, degreesOfFreedom k: Double) -> Double {
        if p.isNaN || p < 0 || p > 1 || !(k > 0) { return .nan }
        if p == 0 { return 0 }
        if p == 1 { return .infinity }
        let z = Normal.quantile(p)
        let h = 2 / (9 * k)
        let start = max(k * pow(1 - h + z * h.squareRoot(), 3), 1e-8)
        let upperSide = p > 0.5
        let u = SpecialFunctions.solveIncreasing(
            start: log(start), lo: -.infinity, hi: .infinity,
            f: { u in
                let x = exp(u)
                return upperSide ? log1p(-p) - log(survival(x, degreesOfFreedom: k))
                                 : log(cdf(x, degreesOfFreedom: k)) - log(p)
            },
            derivative: { u in
                let x = exp(u)
                let dens = density(x, degreesOfFreedom: k) * x
                return upperSide ? dens / survival(x, degreesOfFreedom: k) : dens / cdf(x, degreesOfFreedom: k)
            })
        return exp(u)
    }
}
