import Foundation

/// Regularized incomplete beta and gamma functions, the building blocks of the t, F and χ² distributions.
///
/// Both are evaluated by the continued fractions of Abramowitz & Stegun (26.5.8, 6.5.31) with the modified Lentz
/// algorithm (Press et al., *Numerical Recipes*, 3rd ed., §6.2–6.4), and the power series for small arguments. Each
/// returns the lower and upper tails computed *separately* on the side where they are small, so a tail probability of
/// 1e-300 is as accurate as one of 0.3 (no `1 − p` cancellation).
enum SpecialFunctions {
    static let epsilon = 1e-16
    static let tiny = 1e-300
    static let maxIterations = 100_000

    /// `log B(a, b)`.
    static func logBeta(_ a: Double, _ b: Double) -> Double {
        lgamma(a) + lgamma(b) - lgamma(a + b)
    }

    /// `(I_x(a, b), 1 − I_x(a, b))` for `x ∈ [0, 1]`; `y = 1 − x` is passed separately to keep its precision.
    static func incompleteBeta(a: Double, b: Double, x: Double, y: Double) -> (lower: Double, upper: Double) {
        if x <= 0 { return (0, 1) }
        if y <= 0 { return (1, 0) }
        let logFront = a * log(x) + b * log(y) - logBeta(a, b)
        if x < (a + 1) / (a + b + 2) {
            let lower = exp(logFront) * betaContinuedFraction(a: a, b: b, x: x, y: y) / a
            return (lower, 1 - lower)
        }
        let upper = exp(logFront) * betaContinuedFraction(a: b, b: a, x: y, y: x) / b
        return (1 - upper, upper)
    }

    private static func betaContinuedFraction(a: Double, b: Double, x: Double, y: Double) -> Double {
        let qab = a + b, qap = a + 1, qam = a - 1
        var c = 1.0
        var d = 1 - qab * x / qap
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var h = d
        for m in 1...maxIterations {
            let mm = Double(m), m2 = 2 * mm
            var aa = mm * (b - mm) * x / ((qam + m2) * (a + m2))
            d = 1 + aa * d; if abs(d) < tiny { d = tiny }
            c = 1 + aa / c; if abs(c) < tiny { c = tiny }
            d = 1 / d
            h *= d * c
            aa = -(a + mm) * (qab + mm) * x / ((a + m2) * (qap + m2))
            d = 1 + aa * d; if abs(d) < tiny { d = tiny }
            c = 1 + aa / c; if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < epsilon { break }
        }
        return h
    }

    /// `(P(a, x), Q(a, x))`, the regularized lower and upper incomplete gamma functions.
    static func incompleteGamma(a: Double, x: Double) -> (lower: Double, upper: Double) {
        if x <= 0 { return (0, 1) }
        if x.isInfinite { return (1, 0) }
        let logFront = -x + a * log(x) - lgamma(a)
        if x < a + 1 {
            var ap = a
            var term = 1 / a
            var sum = term
            for _ in 0..<maxIterations {
                ap += 1
                term *= x / ap
                sum += term
                if abs(term) < abs(sum) * epsilon { break }
            }
            let lower = sum * exp(logFront)
            return (lower, 1 - lower)
        }
        var b = x + 1 - a
        var c = 1 / tiny
        var d = 1 / b
        var h = d
        for i in 1...maxIterations {
            let an = -Double(i) * (Double(i) - a)
            b += 2
            d = an * d + b; if abs(d) < tiny { d = tiny }
            c = b + an / c; if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < epsilon { break }
        }
        let upper = exp(logFront) * h
        return (1 - upper, upper)
    }

    /// Finds `x` in `[lo, hi]` with `f(x) = 0` for an increasing `f` by Newton steps, falling back to bisection when a
    /// step leaves the bracket (a safeguarded Newton method).
    static func solveIncreasing(
        start: Double, lo: Double, hi: Double, f: (Double) -> Double, derivative: (Double) -> Double
    ) -> Double {
        var lo = lo, hi = hi
        var x = min(max(start, lo), hi)
        for _ in 0..<500 {
            let fx = f(x)
            if fx == 0 { return x }
            if fx < 0 { lo = x } else { hi = x }
            let d = derivative(x)
            var next = x - fx / d
            if !(d > 0) || !next.isFinite || next <= lo || next >= hi {
                next = lo.isFinite && hi.isFinite ? (lo + hi) / 2 : (fx < 0 ? max(2 * x, x + 1) : min(x / 2, x - 1))
            }
            if abs(next - x) <= 4 * Double.ulpOfOne * abs(x) { return next }
            x = next
        }
        return x
    }
}
