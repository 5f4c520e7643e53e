import Foundation

/// A linear map from a data interval (the domain) to a pixel interval (the range), with "nice" ticks:
/// ```
/// pixel(x) = rangeStart + (x − lower) / (upper − lower) · (rangeEnd − rangeStart)
/// ```
/// The range may run backwards (a vertical axis grows upwards: `rangeStart` is the bottom pixel).
public struct LinearScale: Sendable, Equatable {
    public var lower: Double
    public var upper: Double
    public var rangeStart: Double
    public var rangeEnd: Double

    /// A scale over `lower…upper`; an empty domain (`lower == upper`) is widened by one unit on each side.
    public init(lower: Double, upper: Double, rangeStart: Double, rangeEnd: Double) {
        let (a, b) = lower == upper ? (lower - 1, upper + 1) : (min(lower, upper), max(lower, upper))
        self.lower = a
        self.upper = b
        self.rangeStart = rangeStart
        self.rangeEnd = rangeEnd
    }

    /// The pixel position of a data value (values outside the domain map outside the range).
    public func callAsFunction(_ x: Double) -> Double {
        rangeStart + (x - lower) / (upper - lower) * (rangeEnd - rangeStart)
    }

    /// About `count` ticks inside the domain (see ``LinearScale/ticks(lower:upper:count:)``).
    public func ticks(count: Int) -> [Double] { LinearScale.ticks(lower: lower, upper: upper, count: count) }

    /// The same scale with its domain widened outwards to the nearest multiples of the tick step, so that the axis
    /// starts and ends on a tick.
    public func niced(count: Int) -> LinearScale {
        let step = LinearScale.step(lower: lower, upper: upper, count: count)
        return LinearScale(lower: (lower / step.value).rounded(.down) * step.value,
                           upper: (upper / step.value).rounded(.up) * step.value,
                           rangeStart: rangeStart, rangeEnd: rangeEnd)
    }

    /// The tick step for about `count` intervals over `lower…upper`: the smallest of 1, 2 and 5 times a power of ten
    /// that gives at most `count` intervals.
    static func step(lower: Double, upper: Double, count: Int) -> (mantissa: Int, exponent: Int, value: Double) {
        let span = max(upper - lower, Double.leastNormalMagnitude)
        let raw = span / Double(max(count, 1))
        var exponent = Int((log10(raw)).rounded(.down))
        var mantissa = 1
        for m in [1, 2, 5, 10] where Double(m) * pow(10, Double(exponent)) >= raw * (1 - 1e-12) {
            mantissa = m
            break
        }
        if mantissa == 10 { mantissa = 1; exponent += 1 }
        return (mantissa, exponent, Double(mantissa) * pow(10, Double(exponent)))
    }

    /// Ticks at the multiples of a 1–2–5 step inside `lower…upper`, about `count` intervals apart. Each tick is
    /// computed as an integer times the step (divided by a power of ten for small steps), so that `0.3` prints as
    /// `0.3`, not `0.30000000000000004`.
    public static func ticks(lower: Double, upper: Double, count: Int) -> [Double] {
        guard lower.isFinite, upper.isFinite, upper > lower else { return lower.isFinite ? [lower] : [] }
        let s = step(lower: lower, upper: upper, count: count)
        let first = Int((lower / s.value * (1 + 1e-12)).rounded(.up)), last = Int((upper / s.value * (1 + 1e-12)).rounded(.down))
        guard first <= last else { return [] }
        return (first...last).map { i in
            s.exponent >= 0 ? Double(i * s.mantissa) * pow(10, Double(s.exponent))
                            : Double(i * s.mantissa) / pow(10, Double(-s.exponent))
        }
    }
}
