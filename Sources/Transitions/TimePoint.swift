import Registers

/// The time points of the before/after view: the month before the start ("före"), the exit month ("vid avslut"),
/// and 3, 6, 12 and 24 months after the exit.
public enum TimePoint: Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case beforeStart
    case exit
    case exitPlus3, exitPlus6, exitPlus12, exitPlus24

    /// The calendar month of this time point for a member, nil when it does not exist (still participating).
    public func month(for member: Cohort.Member) -> Month? {
        switch self {
        case .beforeStart: return member.startMonth.advanced(by: -1)
        case .exit: return member.exitMonth
        case .exitPlus3: return member.exitMonth?.advanced(by: 3)
        case .exitPlus6: return member.exitMonth?.advanced(by: 6)
        case .exitPlus12: return member.exitMonth?.advanced(by: 12)
        case .exitPlus24: return member.exitMonth?.advanced(by: 24)
        }
    }

    public var description: String {
        switch self {
        case .beforeStart: "before"
        case .exit: "exit"
        case .exitPlus3: "exit+3"
        case .exitPlus6: "exit+6"
        case .exitPlus12: "exit+12"
        case .exitPlus24: "exit+24"
        }
    }
}
