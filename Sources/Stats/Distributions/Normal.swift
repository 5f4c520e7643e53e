import Foundation

/// The standard normal distribution.
///
/// `Φ(x) = ½·erfc(−x/√2)` with the C library's `erfc`, accurate in both tails down to the smallest normal double
/// (`Φ(−37.5) ≈ 4.6e−308`). The quantile starts from Acklam's rational approximation (relative error 1.15e−9) and
/// is polished by two Halley steps on `Φ`, which gives full double precision from `p = 1e−300` to `1 − 1e−16`.
public enum Normal {
    /// `P(Z ≤ x)`.
    public static func cdf(_ x: Double) -> Double { 0.5 * erfc(-x / 2.0.squareRoot()) }

    /// `P(Z > x)`, accurate when small.
    public static func survival(_ x: Double) -> Double { 0.5 * erfc(x / 2.0.squareRoot()) }

    /// The density `φ(x)`.
    public static func density(_ x: Double) -> Double { exp(-0.5 * x * x) / (2 * Double.pi).squareRoot() }

    /// The quantile `Φ⁻¹(p)`.
    public static func quantile(_ p: Double) -> Double {
        if p.isNaN || p < 0 || p > 1 { return .nan }
        if p == 0 { return -.infinity }
        if p == 1 { return .infinity }
        // For p > 0.5, 1 − p is exact in floating point (Sterbenz), so Φ⁻¹(p) = −Φ⁻¹(1 − p) loses nothing.
        return p > 0.5 ? -quantileLower(1 - p) : quantileLower(p)
    }

    /// The quantile for `p ≤ 0.5`.
    private static func quantileLower(_ p: Double) -> Double {
        let a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
                 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00]
        let b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                 6.680131188771972e+01, -1.328068155288572e+01]
        let c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                 -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00]
        let d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00]
        var x: Double
        if p < 0.02425 {
            let q = (-2 * log(p)).squareRoot()
            x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
                / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
        } else {
            let q = p - 0.5
            let r = q * q
            x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
                / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
        }
        // Halley polishing: x ← x − u/(1 + x·u/2), u = (Φ(x) − p)/φ(x).
        for _ in 0..<2 {
            let u = (cdf(x) - p) / density(x)
            if !u.isFinite { break }
            x -= u / (1 + x * u / 2)
        }
        return x
    }
}
