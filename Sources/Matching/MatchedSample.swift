/// The result of a matching: per unit a weight, a matched set (subclass) and whether it was discarded; per treated
/// unit its controls.
public struct MatchedSample: Sendable {
    /// Matching weights (MatchIt's `weights`): 1 for matched treated units, `Σ 1/mₜ` for controls scaled to average
    /// 1 over the matched controls, 0 for unmatched or discarded units.
    public let weights: [Double]
    /// The matched set of each unit (1-based, in the order the treated units were visited), nil when unmatched.
    /// With replacement a control can serve several sets; its subclass is then nil (MatchIt has none either).
    public let subclass: [Int?]
    /// The controls matched to each treated unit, in the order they were matched (empty for other units).
    public let matches: [[Int]]
    public let discarded: [Bool]
    public let treated: [Bool]
    public let replace: Bool

    init(treated: [Bool], matches: [[Int]], discarded: [Bool], treatedOrder: [Int], replace: Bool) {
        let n = treated.count
        var weights = [Double](repeating: 0, count: n)
        var subclass = [Int?](repeating: nil, count: n)
        var next = 1
        for t in treatedOrder where !matches[t].isEmpty {
            weights[t] = 1
            let share = 1 / Double(matches[t].count)
            for c in matches[t] { weights[c] += share }
            if !replace {
                subclass[t] = next
                for c in matches[t] { subclass[c] = next }
            }
            next += 1
        }
        let controlsUsed = (0..<n).filter { !treated[$0] && weights[$0] > 0 }
        let total = controlsUsed.reduce(0) { $0 + weights[$1] }
        if total > 0 {
            let scale = Double(controlsUsed.count) / total
            for c in controlsUsed { weights[c] *= scale }
        }
        self.weights = weights
        self.subclass = subclass
        self.matches = matches
        self.discarded = discarded
        self.treated = treated
        self.replace = replace
    }

    public var matchedTreatedCount: Int { (0..<weights.count).filter { treated[$0] && weights[$0] > 0 }.count }
    public var matchedControlCount: Int { (0..<weights.count).filter { !treated[$0] && weights[$0] > 0 }.count }
    /// Treated units left without a control (by the caliper, the exact strata or a shortage of controls).
    public var unmatchedTreatedCount: Int {
        (0..<weights.count).filter { treated[$0] && !discarded[$0] && weights[$0] == 0 }.count
    }
}
