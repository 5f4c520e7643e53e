import Foundation

/// The F distribution with `d₁` and `d₂` degrees of freedom.
///
/// ```
/// P(F > x) = I_{d₂/(d₂ + d₁x)}(d₂/2, d₁/2)
/// ```
/// (Abramowitz & Stegun 26.6.2), the incomplete beta evaluated on its small side.
public enum FisherF {
    /// `P(F > x)`.
    public static func survival(_ x: Double, numerator d1: Double, denominator d2: Double) -> Double {
        if x.isNaN { return .nan }
        if x <= 0 { return 1 }
        if x.isInfinite { return 0 }
        if d2.isInfinite { return ChiSquared.survival(x * d1, degreesOfFreedom: d1) }
        let denom = d2 + d1 * x
        return SpecialFunctions.incompleteBeta(a: d2 / 2, b: d1 / 2, x: d2 / denom, y: d1 * x / denom).lower
    }

    /// `P(F ≤ x)`.
    public static func cdf(_ x: Double, numerator d1: Double, denominator d2: Double) -> Double {
        if x <= 0 { return 0 }
        let denom = d2 + d1 * x
        return SpecialFunctions.incompleteBeta(a: d2 / 2, b: d1 / 2, x: d2 / denom, y: d1 * x / denom).upper
    }
}
