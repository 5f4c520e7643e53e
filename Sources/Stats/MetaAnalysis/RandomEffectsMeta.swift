import Foundation

/// Normal–normal random-effects model yᵢ ~ N(μ, vᵢ + τ²)  (metafor's rma.uni with test = "z").
///
/// Each of `k` studies reports an estimate `yᵢ` with a known sampling variance `vᵢ`; the true effects `θᵢ` vary
/// around `μ` with between-study variance `τ²`:
/// ```
/// yᵢ = θᵢ + εᵢ,   θᵢ ~ N(μ, τ²),   εᵢ ~ N(0, vᵢ)
/// wᵢ = 1/(vᵢ + τ̂²),   μ̂ = Σ wᵢyᵢ / Σ wᵢ,   SE(μ̂) = (Σ wᵢ)^(−1/2)
/// interval μ̂ ± z₁₋α/₂·SE,   p = 2·(1 − Φ(|μ̂|/SE))                                  (test = "z")
/// P(τ²) = W − W11'W / Σ wᵢ   (W = diag wᵢ),   P y = (wᵢ(yᵢ − μ̂))ᵢ
/// ```
/// `τ²` is estimated by
/// - **REML** (``Method/reml``, Viechtbauer 2005): Fisher scoring as rma.uni does it — start from the Hedges
///   (method-of-moments) value `max(0, (Σ(yᵢ − ȳ)² − (k−1)/k·Σvᵢ)/(k − 1))`, then
///   ```
///   τ² ← τ² + (y'PPy − tr P) / tr(PP)
///   ```
///   halving the step while it would make `τ²` negative, until the change is at most 1e−5 (at most 100 steps).
///   Like metafor, when the restricted log-likelihood at `τ² = 0` exceeds that at the result by more than
///   `ε^¼ ≈ 1.2e−4` (a local maximum), `τ²` is set to 0. `SE(τ̂²) = √(2 / tr(PP))` (inverse Fisher information).
/// - **DerSimonian–Laird** (``Method/dersimonianLaird``, DerSimonian & Laird 1986): with the fixed-effect weights
///   `wᵢ = 1/vᵢ` and `P = P(0)`,
///   ```
///   τ̂² = max(0, (Q − (k − 1)) / tr P),   tr P = Σ wᵢ − Σ wᵢ² / Σ wᵢ
///   SE(τ̂²) = √(2(k − 1) + 4τ̂²·tr P + 2τ̂⁴·tr(PP)) / tr P
///   ```
///
/// Heterogeneity, as rma.uni reports it (Higgins & Thompson 2002 with metafor's "typical" within-study variance):
/// ```
/// Q = Σ wᵢ(yᵢ − ȳ_w)²  with wᵢ = 1/vᵢ  (Cochran's Q),   p = P(χ²_{k−1} > Q)
/// ṽ = (k − 1) / tr P(0),   I² = 100 % · τ̂²/(ṽ + τ̂²),   H² = τ̂²/ṽ + 1
/// ```
/// The `1 − α` interval for `τ²` is the Q-profile interval of `confint(rma)` (Viechtbauer 2007): the generalized
/// `Q(τ²) = y'P(τ²)y` decreases in `τ²`, and the bounds solve `Q(τ²_low) = χ²_{k−1; 1−α/2}` and
/// `Q(τ²_high) = χ²_{k−1; α/2}` on the search interval `[0, max(100, 10τ̂²)]`, by R's `uniroot` (Brent's method as
/// R's `zeroin`, tolerance `ε^¼ ≈ 1.2e−4`, as metafor calls it, so that the bounds equal metafor's to rounding
/// rather than only to that tolerance). A bound is 0 when `Q(0)` is already below its quantile (both are 0 when
/// `Q(0) < χ²_{k−1; α/2}`) and is the search bound when `Q` stays above its quantile there.
///
/// The empirical-Bayes (BLUP) estimates of the true effects (Raudenbush & Bryk 2002, ch. 3; metafor's `blup`):
/// ```
/// λᵢ = τ̂²/(τ̂² + vᵢ),   θ̂ᵢ = λᵢyᵢ + (1 − λᵢ)μ̂,   Var = λᵢvᵢ + (1 − λᵢ)²·SE(μ̂)²,   θ̂ᵢ ± z₁₋α/₂·√Var
/// ```
///
/// Results equal metafor 3.8-1 (`rma(yi, vi, method = "REML" | "DL")`, `confint`, `blup`) to about 1e−10 relative.
///
/// References: DerSimonian & Laird (1986), Meta-analysis in clinical trials, *Controlled Clinical Trials* 7;
/// Viechtbauer (2005), Bias and efficiency of meta-analytic variance estimators in the random-effects model, *JEBS*
/// 30; Viechtbauer (2007), Confidence intervals for the amount of heterogeneity in meta-analysis, *Statistics in
/// Medicine* 26; Viechtbauer (2010), Conducting meta-analyses in R with the metafor package, *JSS* 36(3);
/// Raudenbush & Bryk (2002), *Hierarchical Linear Models*, 2nd ed.; Higgins & Thompson (2002), Quantifying
/// heterogeneity in a meta-analysis, *Statistics in Medicine* 21.
public struct RandomEffectsMeta: Sendable {
    /// The estimator of `τ²`.
    public enum Method: String, Sendable, CaseIterable {
        /// Restricted maximum likelihood by Fisher scoring (metafor's default).
        case reml = "REML"
        /// DerSimonian & Laird's method of moments, truncated at 0.
        case dersimonianLaird = "DL"
    }

    /// The estimator of `τ²` used.
    public let method: Method
    /// The number of studies.
    public let k: Int
    /// `μ̂ = Σ wᵢyᵢ / Σ wᵢ`, `wᵢ = 1/(vᵢ + τ̂²)`.
    public let mu: Double
    /// `(Σ wᵢ)^(−1/2)`.
    public let muStandardError: Double
    /// `μ̂ − z₁₋α/₂·SE`.
    public let muLow: Double
    /// `μ̂ + z₁₋α/₂·SE`.
    public let muHigh: Double
    /// Two-sided p-value of `μ = 0`: `2·(1 − Φ(|μ̂|/SE))`.
    public let muPValue: Double
    /// The estimate of `τ²` (≥ 0).
    public let tau2: Double
    /// `se.tau2` of rma.uni: `√(2/tr(PP))` for REML, the moment formula for DL (formulas in ``RandomEffectsMeta``).
    public let tau2StandardError: Double
    /// Lower bound of the Q-profile interval for `τ²` (`confint(rma)`).
    public let tau2Low: Double
    /// Upper bound of the Q-profile interval for `τ²`.
    public let tau2High: Double
    /// Cochran's `Q = Σ (yᵢ − ȳ_w)²/vᵢ`, `ȳ_w` the fixed-effect mean.
    public let q: Double
    /// `k − 1`.
    public let qDegreesOfFreedom: Int
    /// `P(χ²_{k−1} > Q)`.
    public let qPValue: Double
    /// `I² = 100·τ̂²/(ṽ + τ̂²)` in percent, `ṽ = (k − 1)/tr P(0)` the typical within-study variance.
    public let i2: Double
    /// `H² = τ̂²/ṽ + 1`.
    public let h2: Double

    /// Empirical-Bayes (BLUP) estimate of each study's true effect with its standard error and interval, as metafor's blup(): pred, se, pi.lb, pi.ub.
    public struct Shrunken: Sendable {
        /// `λᵢyᵢ + (1 − λᵢ)μ̂`, `λᵢ = τ̂²/(τ̂² + vᵢ)`.
        public var estimate: Double
        /// `√(λᵢvᵢ + (1 − λᵢ)²·SE(μ̂)²)`.
        public var standardError: Double
        /// `estimate − z₁₋α/₂·standardError`.
        public var low: Double
        /// `estimate + z₁₋α/₂·standardError`.
        public var high: Double
    }

    /// The empirical-Bayes estimates, in the order of the studies.
    public let shrunken: [Shrunken]

    /// Fits the model to the studies' estimates `yᵢ` and sampling variances `vᵢ`.
    ///
    /// - Parameters:
    ///   - estimates: `yᵢ`, one per study.
    ///   - variances: `vᵢ > 0`, in the same order.
    ///   - method: the estimator of `τ²` (REML by default, as rma.uni).
    ///   - level: the confidence level `1 − α` of all intervals, a fraction (0.95 is metafor's `level = 95`).
    /// - Throws: `DataError` for fewer than 2 studies, estimates and variances of different lengths, a non-finite
    ///   value, a variance that is not positive, a level outside (0, 1), or REML's Fisher scoring not converging.
    public init(estimates: [Double], variances: [Double], method: Method = .reml, level: Double = 0.95) throws {
        let y = estimates
        let v = variances
        let k = y.count
        guard v.count == k else {
            throw DataError("meta-analysis: \(k) estimates but \(v.count) variances")
        }
        guard k >= 2 else {
            throw DataError("meta-analysis: needs at least 2 studies, got \(k)")
        }
        if let i = y.firstIndex(where: { !$0.isFinite }) {
            throw DataError("meta-analysis: estimate of study \(i + 1) is not a finite number (\(y[i]))")
        }
        if let i = v.firstIndex(where: { !$0.isFinite }) {
            throw DataError("meta-analysis: variance of study \(i + 1) is not a finite number (\(v[i]))")
        }
        if let i = v.firstIndex(where: { $0 <= 0 }) {
            throw DataError("meta-analysis: variance of study \(i + 1) is not positive (\(v[i]))")
        }
        guard level > 0, level < 1 else {
            throw DataError("meta-analysis: confidence level must be between 0 and 1, got \(level)")
        }
        let alpha = 1 - level
        let df = k - 1

        // rma.uni centres y by its plain mean before estimating τ² (P annihilates constants, so only rounding differs).
        let mean = y.reduce(0, +) / Double(k)
        let centred = y.map { $0 - mean }

        // Fixed-effect weights: Cochran's Q, tr P(0), tr(P(0)²) — DL and the heterogeneity statistics.
        let fixed = Self.projection(centred, v, tau2: 0)

        var tau2: Double
        let tau2StandardError: Double
        switch method {
        case .dersimonianLaird:
            tau2 = max(0, (fixed.q - Double(df)) / fixed.traceP)
            tau2StandardError = (2 * Double(df) + 4 * tau2 * fixed.traceP + 2 * tau2 * tau2 * fixed.tracePP).squareRoot()
                / fixed.traceP
        case .reml:
            tau2 = try Self.remlFisherScoring(centred, v)
            tau2StandardError = (2 / Self.projection(centred, v, tau2: tau2).tracePP).squareRoot()
        }

        // μ̂ from y itself (rma.uni's beta), with weights 1/(vᵢ + τ̂²).
        var sumW = 0.0, sumWY = 0.0
        for i in 0..<k {
            let w = 1 / (v[i] + tau2)
            sumW += w
            sumWY += w * y[i]
        }
        let mu = sumWY / sumW
        let varianceMu = 1 / sumW
        let se = varianceMu.squareRoot()
        let z = -Normal.quantile(alpha / 2)

        // Heterogeneity (rma.uni's i2def "1": ṽ = (k − p)/tr P with the fixed-effect weights).
        let q = max(0, fixed.q)
        let typicalVariance = Double(df) / fixed.traceP

        self.method = method
        self.k = k
        self.mu = mu
        self.muStandardError = se
        self.muLow = mu - z * se
        self.muHigh = mu + z * se
        self.muPValue = 2 * Normal.survival(abs(mu / se))
        self.tau2 = tau2
        self.tau2StandardError = tau2StandardError
        (self.tau2Low, self.tau2High) = Self.qProfileInterval(y, v, tau2: tau2, alpha: alpha)
        self.q = q
        self.qDegreesOfFreedom = df
        self.qPValue = ChiSquared.survival(q, degreesOfFreedom: Double(df))
        self.i2 = 100 * tau2 / (typicalVariance + tau2)
        self.h2 = tau2 / typicalVariance + 1
        self.shrunken = (0..<k).map { i in
            let lambda = tau2 / (tau2 + v[i])
            let estimate = lambda * y[i] + (1 - lambda) * mu
            let sd = (lambda * v[i] + (1 - lambda) * (1 - lambda) * varianceMu).squareRoot()
            return Shrunken(estimate: estimate, standardError: sd, low: estimate - z * sd, high: estimate + z * sd)
        }
    }

    // MARK: - The projection P(τ²) of the intercept-only model

    /// Quantities of `P = W − W11'W/Σw` with `wᵢ = 1/(vᵢ + τ²)`: `y'Py`, `y'PPy`, `tr P`, `tr(PP)`, and
    /// `Σ log wᵢ`, `log Σ wᵢ` for the restricted log-likelihood.
    struct Projection {
        var q: Double
        var yPPy: Double
        var traceP: Double
        var tracePP: Double
        var sumLogW: Double
        var logSumW: Double
    }

    static func projection(_ y: [Double], _ v: [Double], tau2: Double) -> Projection {
        let w = v.map { 1 / ($0 + tau2) }
        let sumW = w.reduce(0, +)
        var sumWY = 0.0
        for i in w.indices { sumWY += w[i] * y[i] }
        let mean = sumWY / sumW
        // Shares uᵢ = wᵢ/Σw:  Pᵢᵢ = wᵢ(1 − uᵢ),  Pᵢⱼ = −wᵢuⱼ,  Σⱼ Pᵢⱼ² = wᵢ²((1 − uᵢ)² + Σⱼ uⱼ² − uᵢ²).
        var sumU2 = 0.0
        for wi in w { sumU2 += (wi / sumW) * (wi / sumW) }
        var result = Projection(q: 0, yPPy: 0, traceP: 0, tracePP: 0, sumLogW: 0, logSumW: log(sumW))
        for i in w.indices {
            let r = y[i] - mean
            let u = w[i] / sumW
            result.q += w[i] * r * r
            result.yPPy += w[i] * w[i] * r * r
            result.traceP += w[i] * (1 - u)
            result.tracePP += w[i] * w[i] * ((1 - u) * (1 - u) + sumU2 - u * u)
            result.sumLogW += log(w[i])
        }
        return result
    }

    /// The restricted log-likelihood of the intercept-only model at `τ²` (rma.uni's `ll.REML`).
    static func restrictedLogLikelihood(_ p: Projection, k: Int) -> Double {
        -0.5 * Double(k - 1) * log(2 * Double.pi) + 0.5 * p.sumLogW - 0.5 * p.logSumW - 0.5 * p.q
    }

    /// REML `τ̂²` by rma.uni's Fisher scoring with its default control (threshold 1e−5, maxiter 100, stepadj 1,
    /// tau2.min 0, ll0check), started from the Hedges estimator.
    static func remlFisherScoring(_ y: [Double], _ v: [Double]) throws -> Double {
        let k = y.count
        let threshold = 1e-5
        let maxIterations = 100
        let mean = y.reduce(0, +) / Double(k)
        let rss = y.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        let tracePV = v.reduce(0, +) * (1 - 1 / Double(k))
        var tau2 = max(0, (rss - tracePV) / Double(k - 1))
        var change = threshold + 1
        var iteration = 0
        while change > threshold {
            iteration += 1
            let old = tau2
            let p = projection(y, v, tau2: tau2)
            var step = (p.yPPy - p.traceP) / p.tracePP
            if step.isNaN { step = 0 }
            while tau2 + step < 0 { step /= 2 }
            tau2 += step
            change = abs(old - tau2)
            if iteration > maxIterations {
                throw DataError("meta-analysis: REML Fisher scoring did not converge in \(maxIterations) iterations")
            }
        }
        // rma.uni's ll0check: a local maximum worse than τ² = 0.
        let tolerance = pow(Double.ulpOfOne, 0.25)
        let ll0 = restrictedLogLikelihood(projection(y, v, tau2: 0), k: k)
        let ll = restrictedLogLikelihood(projection(y, v, tau2: tau2), k: k)
        if ll0 - ll > tolerance && tau2 > threshold { tau2 = 0 }
        return max(0, tau2)
    }

    // MARK: - Q-profile interval

    /// `confint(rma)`'s type "QP" with its defaults: search interval `[min(0, τ̂²), max(100, 10τ̂²)]`, `uniroot` with
    /// tolerance `ε^¼` and at most 1000 iterations.
    static func qProfileInterval(_ y: [Double], _ v: [Double], tau2: Double, alpha: Double) -> (Double, Double) {
        let df = Double(y.count - 1)
        let tau2Min = min(0, tau2)
        let tau2Max = max(100, tau2 * 10, tau2Min * 10)
        let tolerance = pow(Double.ulpOfOne, 0.25)
        let maxIterations = 1000
        let critUpper = ChiSquared.quantile(1 - alpha / 2, degreesOfFreedom: df)
        let critLower = ChiSquared.quantile(alpha / 2, degreesOfFreedom: df)
        let generalizedQ = { (t: Double) in projection(y, v, tau2: t).q }
        let qAtMax = generalizedQ(tau2Max)
        let qAtMin = generalizedQ(tau2Min)
        var low = Double.nan
        var high = Double.nan
        if qAtMin < critLower {
            low = tau2Min
            high = tau2Min
        } else if qAtMax > critLower {
            high = tau2Max
        } else {
            high = uniroot(lower: tau2Min, upper: tau2Max, tolerance: tolerance, maxIterations: maxIterations) {
                generalizedQ($0) - critLower
            }
        }
        if qAtMax > critUpper {
            low = tau2Max
            high = tau2Max
        } else if qAtMin < critUpper {
            low = tau2Min
        } else {
            low = uniroot(lower: tau2Min, upper: tau2Max, tolerance: tolerance, maxIterations: maxIterations) {
                generalizedQ($0) - critUpper
            }
        }
        return (low, high)
    }

    /// R's `uniroot` (without `extendInt`): Brent's (1973) root finder exactly as R's `R_zeroin2`, so that the
    /// iterates — and hence the root at a coarse tolerance — are R's. Returns NaN when `f` has the same sign at both
    /// ends.
    static func uniroot(lower: Double, upper: Double, tolerance: Double, maxIterations: Int,
                        _ f: (Double) -> Double) -> Double {
        var a = lower, b = upper
        var fa = f(a), fb = f(b)
        guard !fa.isNaN, !fb.isNaN, !(fa * fb > 0) else { return .nan }
        if fa == 0 { return a }
        if fb == 0 { return b }
        var c = a, fc = fa
        for _ in 0...maxIterations {
            let previousStep = b - a
            if abs(fc) < abs(fb) {
                // b becomes the best approximation.
                a = b; b = c; c = a
                fa = fb; fb = fc; fc = fa
            }
            let actualTolerance = 2 * Double.ulpOfOne * abs(b) + tolerance / 2
            var newStep = (c - b) / 2
            if abs(newStep) <= actualTolerance || fb == 0 { return b }
            if abs(previousStep) >= actualTolerance && abs(fa) > abs(fb) {
                // Interpolation: secant with two distinct points, inverse quadratic with three.
                var p: Double, q: Double
                let cb = c - b
                if a == c {
                    let t1 = fb / fa
                    p = cb * t1
                    q = 1 - t1
                } else {
                    let qa = fa / fc, t1 = fb / fc, t2 = fb / fa
                    p = t2 * (cb * qa * (qa - t1) - (b - a) * (t1 - 1))
                    q = (qa - 1) * (t1 - 1) * (t2 - 1)
                }
                if p > 0 { q = -q } else { p = -p }
                if p < 0.75 * cb * q - abs(actualTolerance * q) / 2 && p < abs(previousStep * q / 2) {
                    newStep = p / q
                }
            }
            if abs(newStep) < actualTolerance {
                newStep = newStep > 0 ? actualTolerance : -actualTolerance
            }
            a = b; fa = fb
            b += newStep; fb = f(b)
            if (fb > 0 && fc > 0) || (fb < 0 && fc < 0) {
                c = a; fc = fa
            }
        }
        return b   // not converged: R's uniroot warns and returns the last iterate
    }
}
