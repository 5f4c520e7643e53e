import Foundation

/// How the effect is carried beyond the months it is observed (the event study ends at +36) to the payback horizon:
/// ```
/// constant:  e(k) = e(K)                          for k > K, the last observed month (the default)
/// decay:R    e(k) = e(K) · (1 − R)^((k − K)/12)   a share R of the effect lost each year
/// none:      e(k) = 0                             no gain counted after the observed months
/// ```
/// The choice moves the payback of a long horizon more than anything else the run assumes; the report states it and
/// `payback_sensitivity.csv` shows decays of 0, 25 % and 50 % a year beside it.
public enum Extrapolation: Sendable, Equatable, CustomStringConvertible {
    case constant
    /// The share of the effect lost each year, 0…1.
    case decay(Double)
    case none

    /// `constant`, `none` or `decay:R` with `R` from 0 to 1 (e.g. `decay:0.25`); nil for anything else.
    public init?(argument: String) {
        switch argument {
        case "constant": self = .constant
        case "none": self = .none
        default:
            guard argument.hasPrefix("decay:"), let r = Double(argument.dropFirst("decay:".count)), r >= 0, r <= 1
            else { return nil }
            self = .decay(r)
        }
    }

    /// The yearly decay of ``MonthlyEffects/extended(to:decayPerYear:)``: 0, `R` or 1.
    public var decayPerYear: Double {
        switch self {
        case .constant: 0
        case .decay(let r): r
        case .none: 1
        }
    }

    /// The command-line spelling: `constant`, `decay:0.25`, `none`.
    public var description: String {
        switch self {
        case .constant: "constant"
        case .decay(let r): "decay:\(r)"
        case .none: "none"
        }
    }
}
