import Foundation
import Linalg

/// The critical value of sup-t simultaneous bands: the `level` quantile of `max_k |Z_k|` for `Z ~ N(0, R)`, `R` a
/// correlation matrix — the `c` with `P(|Z_k| ≤ c for every k) = level`, so that `β̂_k ± c·SE_k` covers every
/// coefficient at once with probability `level` (Montiel Olea & Plagborg-Møller 2019; the Gaussian multiplier
/// bootstrap of R's `did`, Callaway & Sant'Anna 2021, converges to it). Computed by simulation: `draws` vectors
/// `Z = U'e` with `U'U = R` (Cholesky) and `e` standard normal from a seeded SplitMix64, so the value is reproducible;
/// its Monte Carlo error is about 0.005 at 20,000 draws. R's mvtnorm (`qmvnorm(tail = "both.tails")`) integrates
/// the same quantity.
public enum MaxModulusQuantile {
    /// The quantile for the correlation matrix `correlation` (symmetric, unit diagonal); nil when it is not positive
    /// definite even after a ridge of 1e-10.
    public static func quantile(correlation: Matrix, level: Double = 0.95, draws: Int = 20_000, seed: UInt64 = 1) -> Double? {
        let k = correlation.rows
        guard k > 0 else { return nil }
        var ridged = correlation
        var factor = try? CholeskyFactorization(ridged)
        if factor == nil {
            for i in 0..<k { ridged[i, i] += 1e-10 }
            factor = try? CholeskyFactorization(ridged)
        }
        guard let u = factor?.factor else { return nil }
        var rng = SplitMix64(state: seed)
        func uniform() -> Double { (Double(rng.next() >> 11) + 0.5) * 0x1p-53 }
        // E: draws × k standard normals (Box–Muller pairs, draw by draw); Z = E·U has rows with covariance U'U = R.
        var e = Matrix(rows: draws, columns: k)
        for d in 0..<draws {
            var i = 0
            while i < k {
                let (u1, u2) = (uniform(), uniform())
                let r = (-2 * log(u1)).squareRoot()
                e[d, i] = r * cos(2 * Double.pi * u2)
                if i + 1 < k { e[d, i + 1] = r * sin(2 * Double.pi * u2) }
                i += 2
            }
        }
        let z = BLAS.multiply(e, u)
        var maxima = [Double](repeating: 0, count: draws)
        for j in 0..<k { for d in 0..<draws { maxima[d] = max(maxima[d], abs(z[d, j])) } }
        maxima.sort()
        return maxima[min(draws - 1, Int((level * Double(draws)).rounded(.up)) - 1)]
    }
}
