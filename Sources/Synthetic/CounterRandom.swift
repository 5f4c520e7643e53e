import Linalg

/// Counter-based random numbers: `uniform(person, month, stream)` is a pure function of the seed and its arguments.
///
/// Every draw of the generator is addressed this way, so the data do not depend on the order of the computation or
/// the number of threads, and the two potential outcomes of a participant can share their random numbers month by
/// month (common random numbers: the paths differ only where the treatment changes a decision).
struct CounterRandom: Sendable {
    let seed: UInt64

    @inline(__always)
    func bits(_ a: Int, _ b: Int, _ c: Int) -> UInt64 {
        SplitMix64.mix(SplitMix64.mix(SplitMix64.mix(seed ^ UInt64(truncatingIfNeeded: a)) ^ UInt64(truncatingIfNeeded: b)) ^ UInt64(truncatingIfNeeded: c))
    }

    /// Uniform on [0, 1).
    @inline(__always)
    func uniform(_ a: Int, _ b: Int, _ c: Int) -> Double {
        Double(bits(a, b, c) >> 11) * 0x1p-53
    }

    /// Standard normal (Box–Muller on two addressed uniforms).
    func normal(_ a: Int, _ b: Int, _ c: Int) -> Double {
        let u1 = max(uniform(a, b, c), 1e-300)
        let u2 = uniform(a, b, c &+ 0x5555)
        return (-2 * _log(u1)).squareRoot() * _cos(2 * Double.pi * u2)
    }

    /// An index drawn with the given (unnormalised) weights.
    func choose(_ weights: [Double], _ a: Int, _ b: Int, _ c: Int) -> Int {
        let total = weights.reduce(0, +)
        var u = uniform(a, b, c) * total
        for (k, w) in weights.enumerated() {
            if u < w { return k }
            u -= w
        }
        return weights.count - 1
    }
}

#if canImport(Glibc)
import Glibc
@inline(__always) func _log(_ x: Double) -> Double { Glibc.log(x) }
@inline(__always) func _cos(_ x: Double) -> Double { Glibc.cos(x) }
@inline(__always) func _exp(_ x: Double) -> Double { Glibc.exp(x) }
#else
import Darwin
@inline(__always) func _log(_ x: Double) -> Double { Darwin.log(x) }
@inline(__always) func _cos(_ x: Double) -> Double { Darwin.cos(x) }
@inline(__always) func _exp(_ x: Double) -> Double { Darwin.exp(x) }
#endif
