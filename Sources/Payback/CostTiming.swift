/// When the cost of an insats falls, for the payback (``PaybackModel/costSchedule``).
public enum CostTiming: String, Sendable, CaseIterable {
    /// All in the start month, as the 58 local evaluations count it (the default).
    case start
    /// Spread evenly over each participant's own months of participation, from the start month to the exit month
    /// (to the horizon for a participation still running), averaged over the participants.
    case spread
}
