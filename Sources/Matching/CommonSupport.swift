/// Discarding units outside the common support of the distance before matching (MatchIt's `discard`): a unit is
/// discarded when its distance lies outside `[min, max]` of the distances of the other group.
public enum CommonSupport: String, Sendable, CaseIterable {
    case none, both, control, treated

    /// Which units are discarded, with `[min_T, max_T]` and `[min_C, max_C]` the ranges of the distance `d` among the
    /// treated and the controls:
    /// ```
    /// none     no unit
    /// both     treated units with d ∉ [min_C, max_C] and controls with d ∉ [min_T, max_T]
    /// control  controls with d ∉ [min_T, max_T]
    /// treated  treated units with d ∉ [min_C, max_C]
    /// ```
    /// Nothing is discarded when either group is empty. This is MatchIt's `discard` option (Ho, Imai, King & Stuart
    /// 2007, on restricting the analysis to the region of common support).
    public func discarded(distance: [Double], treated: [Bool]) -> [Bool] {
        let t = distance.indices.filter { treated[$0] }.map { distance[$0] }
        let c = distance.indices.filter { !treated[$0] }.map { distance[$0] }
        guard let tMin = t.min(), let tMax = t.max(), let cMin = c.min(), let cMax = c.max() else {
            return [Bool](repeating: false, count: distance.count)
        }
        return distance.indices.map { i in
            let d = distance[i]
            switch self {
            case .none: return false
            case .both: return treated[i] ? (d < cMin || d > cMax) : (d < tMin || d > tMax)
            case .control: return !treated[i] && (d < tMin || d > tMax)
            case .treated: return treated[i] && (d < cMin || d > cMax)
            }
        }
    }
}
