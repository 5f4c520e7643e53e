/// One axis of a chart: its label, its ticks (given, or about `tickCount` nice ones) and how tick values are
/// written.
public struct ChartAxis: Sendable {
    /// The axis title.
    public var label: String
    /// Explicit tick positions; nil: nice ticks from the data's range.
    public var ticks: [Double]?
    /// About how many nice ticks to draw when none are given.
    public var tickCount: Int
    /// An explicit domain; nil: the data's range (widened to nice ticks).
    public var domain: ClosedRange<Double>?
    /// Whether the domain must include 0 (effects, amounts).
    public var includesZero: Bool
    /// Writes a tick value as its label.
    public var format: @Sendable (Double) -> String

    /// An axis with its label, optional explicit ticks and domain (else about `tickCount` nice ticks over the data),
    /// whether the domain must include 0, and the tick-label format.
    public init(label: String, ticks: [Double]? = nil, tickCount: Int = 6, domain: ClosedRange<Double>? = nil,
                includesZero: Bool = false, format: @escaping @Sendable (Double) -> String) {
        self.label = label
        self.ticks = ticks
        self.tickCount = tickCount
        self.domain = domain
        self.includesZero = includesZero
        self.format = format
    }

    /// The scale over `values` (or the explicit domain) onto `start…end`, and its ticks.
    func scale(for values: [Double], from start: Double, to end: Double) -> (LinearScale, [Double]) {
        if let domain {
            let scale = LinearScale(lower: domain.lowerBound, upper: domain.upperBound, rangeStart: start, rangeEnd: end)
            return (scale, ticks ?? scale.ticks(count: tickCount))
        }
        var finite = values.filter(\.isFinite)
        if includesZero { finite.append(0) }
        let raw = LinearScale(lower: finite.min() ?? 0, upper: finite.max() ?? 1, rangeStart: start, rangeEnd: end)
        let scale = ticks == nil ? raw.niced(count: tickCount) : raw
        return (scale, ticks ?? scale.ticks(count: tickCount))
    }
}
