/// The planted heterogeneity of the effect: a participant's effect hazard (``StateModel/effectHazard(monthsSinceStart:)``)
/// and the boost to part-time work beside a partial benefit are multiplied by
///
///     m = exp(a[age group] + b[sex] + c[born abroad] + d[state before start] + u[förbund] + v[insats]),
///
/// with fixed group terms and förbund and insats random effects `u ~ N(0, σ_f²)`, `v ~ N(0, σ_i²)` drawn once per
/// dataset from the seed. With heterogeneity switched off every multiplier is 1, so the effect is the same
/// mechanism for everybody — true group ATTs then still differ where the groups' untreated paths differ (the
/// hazard acts on the months spent on support), but not between förbund, whose participants are alike by
/// construction.
struct EffectHeterogeneity: Sendable {
    /// Log multipliers by age group at start: 16–29, 30–49, 50–64.
    static let ageGroup = [0.35, 0.0, -0.45]
    /// Log multiplier for women (men 0).
    static let female = 0.2
    /// Log multiplier for persons born abroad (born in Sweden 0).
    static let bornAbroad = -0.3
    /// Log multiplier by the state in the month before the start (others 0).
    static func startState(_ s: SimState) -> Double {
        switch s {
        case .se: -0.7
        case .ae: 0.2
        case .akassa: 0.3
        case .eb: -0.2
        default: 0
        }
    }
    /// Standard deviation of the förbund and insats random effects on the log scale.
    static let federationSD = 0.4
    static let insatsSD = 0.2

    let enabled: Bool
    /// The drawn random effects: per förbund, and per förbund and insats period (0…2).
    let federation: [Double]
    let insats: [[Double]]

    init(enabled: Bool, federations: Int, rng: CounterRandom) {
        self.enabled = enabled
        federation = (0..<federations).map { enabled ? EffectHeterogeneity.federationSD * rng.normal(-11, $0, 0) : 0 }
        insats = (0..<federations).map { f in (0..<3).map { k in enabled ? EffectHeterogeneity.insatsSD * rng.normal(-12, f, k) : 0 } }
    }

    /// The factor of a participant of `ageGroup` (0…2: 16–29, 30–49, 50–64), from `before` (the state in the month
    /// before the start).
    func personal(ageGroup: Int, female: Bool, bornAbroad: Bool, before: SimState) -> Double {
        guard enabled else { return 1 }
        let h = EffectHeterogeneity.self
        return _exp(h.ageGroup[min(max(ageGroup, 0), 2)] + (female ? h.female : 0) + (bornAbroad ? h.bornAbroad : 0)
                    + h.startState(before))
    }

    /// The factor of förbund `f` and its insats of `period` (0…2).
    func local(federation f: Int, period: Int) -> Double {
        enabled ? _exp(federation[f] + insats[f][period]) : 1
    }
}
