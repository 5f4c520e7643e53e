import Foundation

/// The E-value of an estimate (VanderWeele & Ding 2017): the minimum strength of association, on the risk-ratio scale,
/// that an unmeasured confounder would need with both the treatment and the outcome, beyond the measured
/// covariates, to fully explain away the observed association — and, for the confidence interval, to move its limit
/// nearest the null onto the null.
///
/// For a risk ratio `RR` (taken as `1/RR` when below 1):
/// ```
/// E = RR + √(RR · (RR − 1))
/// ```
/// The E-value of the interval is 1 when the interval contains the null, else that of its limit nearest the null.
/// Against a null other than 1 (`true`), the ratios are divided by it first. A standardized mean difference `d`
/// (with standard error `s`) is first converted to a risk ratio, `RR ≈ exp(0.91·d)` with limits
/// `exp(0.91·d ± 1.78·s)` (VanderWeele 2017; Hasselblad & Hedges 1995) — as R's EValue does in `evalues.RR` and
/// `evalues.MD`.
public struct EValue: Sendable, Equatable {
    /// The E-value of the point estimate.
    public var point: Double
    /// The E-value of the confidence limit nearest the null (1 when the interval contains it).
    public var confidenceLimit: Double

    /// `RR ≈ exp(a·d)` for a standardized difference `d`, and the limits `exp(a·d ± b·SE)` (EValue's constants).
    public static let standardizedToLogRatio = 0.91
    public static let standardizedLimitWidth = 1.78

    /// `RR + √(RR(RR − 1))` for `RR ≥ 1`, the same of `1/RR` below 1.
    public static func ofRiskRatio(_ rr: Double) -> Double {
        let r = rr < 1 ? 1 / rr : rr
        return r + (r * (r - 1)).squareRoot()
    }

    /// The E-values of a risk ratio with its confidence limits, against the null `trueValue` (1: no effect). The limit
    /// used is the one on the null's side of the estimate; a NaN limit there gives a NaN E-value of the interval.
    public init(riskRatio rr: Double, low: Double, high: Double, trueValue: Double = 1) {
        let (r, l, h) = (rr / trueValue, low / trueValue, high / trueValue)
        point = EValue.ofRiskRatio(r)
        if l <= 1 && h >= 1 {
            confidenceLimit = 1
        } else {
            confidenceLimit = EValue.ofRiskRatio(r > 1 ? l : h)
        }
    }

    /// The E-values of a standardized mean difference `d` with standard error `se`, against the null `trueValue`
    /// (a standardized difference; 0: no effect), through `RR ≈ exp(0.91·d)`.
    public init(standardizedDifference d: Double, standardError se: Double, trueValue: Double = 0) {
        let (a, b) = (EValue.standardizedToLogRatio, EValue.standardizedLimitWidth)
        self.init(riskRatio: exp(a * d), low: exp(a * d - b * se), high: exp(a * d + b * se), trueValue: exp(a * trueValue))
    }
}
