/// SplitMix64 (Steele, Lea & Flood 2014): a tiny, fast 64-bit generator whose finaliser is a strong mixing
/// function. FinsamEval uses it wherever reproducible random numbers are addressed by counters (the generator,
/// the bootstrap, the random matching order), so results never depend on thread scheduling.
public struct SplitMix64: Sendable {
    /// The current state; each ``next()`` adds γ = 0x9E3779B97F4A7C15 to it.
    public var state: UInt64

    /// A generator seeded with `state`; its first value is ``mix(_:)`` of the seed.
    public init(state: UInt64) { self.state = state }

    /// The finaliser applied to `x + γ`: a bijective mix of the 64 bits.
    @inline(__always)
    public static func mix(_ x: UInt64) -> UInt64 {
        var z = x &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// The next value of the sequence.
    @inline(__always)
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return SplitMix64.mix(state &- 0x9E37_79B9_7F4A_7C15)
    }
}
