import Registers

/// The monthly states the generator simulates; each month a person is in exactly one.
enum SimState: UInt8, CaseIterable, Sendable {
    case none, work, studies, sjp, se, ae, aks, akassa, etb, eb

    var benefit: BenefitCode? {
        switch self {
        case .sjp: .SJP
        case .se: .SE
        case .ae: .AE
        case .aks: .AKS
        case .akassa: .AKASSA
        case .etb: .ETB
        case .eb: .EB
        default: nil
        }
    }

    var isSupport: Bool { benefit != nil }
}

/// The untreated monthly transition model: a first-order Markov chain in the observed state whose rates depend on
/// age and on being born abroad (observed covariates), so that matching on the state in the month before start,
/// the recent history and the covariates identifies the effect — and a naive before/after comparison does not,
/// because participants start at a moment of high support from which the chain reverts anyway.
struct StateModel: Sendable {
    /// Monthly probability of leaving each state.
    static func leaveProbability(_ s: SimState) -> Double {
        switch s {
        case .none: 0.10
        case .work: 0.018
        case .studies: 0.05
        case .sjp: 0.035
        case .se: 0.005
        case .ae: 0.010
        case .aks: 0.045
        case .akassa: 0.05
        case .etb: 0.025
        case .eb: 0.035
        }
    }

    /// Destination weights when leaving `s`, for a person of `age` (born abroad or not). Impossible destinations
    /// (AE after 29, SE before 30, ETB for those born in Sweden) get weight 0.
    static func destinations(from s: SimState, age: Int, bornAbroad: Bool) -> [Double] {
        // Order: none, work, studies, sjp, se, ae, aks, akassa, etb, eb
        var w: [Double]
        switch s {
        case .none:    w = [0, 0.30, 0.12, 0.10, 0.01, 0.02, 0.12, 0.10, 0.03, 0.20]
        case .work:    w = [0.25, 0, 0.05, 0.30, 0.01, 0.00, 0.04, 0.30, 0, 0.05]
        case .studies: w = [0.30, 0.45, 0, 0.05, 0, 0.02, 0.05, 0.03, 0, 0.10]
        case .sjp:     w = [0.15, 0.35, 0.02, 0, 0.08, 0.04, 0.10, 0.10, 0, 0.16]
        case .se:      w = [0.30, 0.20, 0.00, 0.30, 0, 0.00, 0.10, 0.00, 0, 0.10]
        case .ae:      w = [0.15, 0.20, 0.10, 0.10, 0.20, 0, 0.15, 0.00, 0, 0.10]
        case .aks:     w = [0.15, 0.35, 0.08, 0.10, 0.01, 0.02, 0, 0.12, 0.02, 0.15]
        case .akassa:  w = [0.10, 0.40, 0.05, 0.10, 0.00, 0.01, 0.24, 0, 0, 0.10]
        case .etb:     w = [0.10, 0.25, 0.15, 0.05, 0, 0.00, 0.25, 0, 0, 0.20]
        case .eb:      w = [0.20, 0.22, 0.08, 0.12, 0.01, 0.05, 0.20, 0.02, 0.02, 0]
        }
        if age > 29 { w[5] = 0 }
        if age < 30 { w[4] *= 0.1 }
        if !bornAbroad { w[8] = 0 }
        if age >= 60 { w[2] = 0 }
        return w
    }

    /// The planted effect: in month `k ≥ 0` after start, a participant in a support state moves to work or studies
    /// with the extra monthly probability `m·h(k)`, `h(k) = h₀·exp(−k/τ)` and `m` the participant's multiplier
    /// (``EffectHeterogeneity``); those who moved relapse at twice the usual rate, so the effect fades.
    static let effectSize = 0.02
    static let effectDecayMonths = 15.0
    /// The extra probability of part-time work beside a partial benefit, a-kassa or ekonomiskt bistånd for a
    /// participant (times the participant's multiplier; ``RunValuation/partTimeStart(_:_:treatment:)``).
    static let partTimeBoost = 0.25
    static func effectHazard(monthsSinceStart k: Int) -> Double {
        k < 0 ? 0 : effectSize * _exp(-Double(k) / effectDecayMonths)
    }
}
