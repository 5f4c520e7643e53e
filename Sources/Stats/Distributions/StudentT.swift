import Foundation

/// Student's t distribution with `ν` degrees of freedom.
///
/// ```
/// P(T > t) = ½ · I_{ν/(ν+t²)}(ν/2, 1/2)   for t ≥ 0
/// ```
/// (Abramowitz & Stegun 26.7.1), with the incomplete beta evaluated on the side where it is small. The quantile is
/// exact for ν = 1 and 2 and otherwise a safeguarded Newton iteration on the tail probability.
public enum StudentT {
    /// `P(T > t)`.
    public static func survival(_ t: Double, degreesOfFreedom nu: Double) -> Double {
        if t.isNaN || nu.isNaN { return .nan }
        if nu.isInfinite { return Normal.survival(t) }
        if t.isInfinite { return t > 0 ? 0 : 1 }
        let t2 = t * t
        let (lower, upper) = SpecialFunctions.incompleteBeta(a: nu / 2, b: 0.5, x: nu / (nu + t2), y: t2 / (nu + t2))
        return t >= 0 ? 0.5 * lower : 0.5 + 0.5 * upper
    }

    /// `P(T ≤ t)`.
    public static func cdf(_ t: Double, degreesOfFreedom nu: Double) -> Double {
        survival(-t, degreesOfFreedom: nu)
    }

    /// Two-sided p-value `P(|T| > |t|)`.
    public static func twoSidedPValue(_ t: Double, degreesOfFreedom nu: Double) -> Double {
        min(1, 2 * survival(abs(t), degreesOfFreedom: nu))
    }

    /// The density.
    public static func density(_ t: Double, degreesOfFreedom nu: Double) -> Double {
        if nu.isInfinite { return Normal.density(t) }
        return exp(-SpecialFunctions.logBeta(nu / 2, 0.5) - (nu + 1) / 2 * log1p(t * t / nu)) / nu.squareRoot()
    }

    /// The quantile: the `t` with `P(T ≤ t) = p`.
    public static func quantile(_ p: Double, degreesOfFreedom nu: Double) -> Double {
        if p.isNaN || p < 0 || p > 1 || !(nu > 0) { return .nan }
        if p == 0 { return -.infinity }
        if p == 1 { return .infinity }
        if nu.isInfinite { return Normal.quantile(p) }
        if p > 0.5 { return -quantile(1 - p, degreesOfFreedom: nu) }
        if p == 0.5 { return 0 }
        if nu == 1 { return -1 / tan(Double.pi * p) }
        if nu == 2 { return -(1 - 2 * p) / (2 * p * (1 - p)).squareRoot() }
        // Lower tail p < 0.5: solve P(T > s) = p for s > 0 and return −s.
        let z = Normal.quantile(1 - p) // > 0
        let g1 = (z * z * z + z) / 4
        let g2 = (5 * pow(z, 5) + 16 * z * z * z + 3 * z) / 96
        let start = max(z + g1 / nu + g2 / (nu * nu), z)
        let s = SpecialFunctions.solveIncreasing(
            start: log(start), lo: -.infinity, hi: .infinity,
            f: { u in log(p) - log(survival(exp(u), degreesOfFreedom: nu)) },
            derivative: { u in
                let s = exp(u)
                return density(s, degreesOfFreedom: nu) * s / survival(s, degreesOfFreedom: nu)
            })
        return -exp(s)
    }
}
