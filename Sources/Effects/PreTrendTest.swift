import Registers
import Stats

/// The joint test that the ATT is zero in every month before the start: a test of pre-trends.
///
/// The months `k ∈ K` (−24…−2 by default; month −1 is the state matching conditions on) are stacked into one weighted
/// regression on the matched units observed at each month,
/// ```
/// Y_{i, mᵢ+k} = Σ_{k∈K} α_k·[k] + Σ_{k∈K} β_k·[k]·Dᵢ + εᵢ,   weighted by the matching weights wᵢ,
/// ```
/// whose `β̂_k` are the event study's ATTs (``EventStudy``), with the covariance clustered two ways, by matched set and
/// by person, across months — a person's months are one cluster, so their dependence is kept (sandwich's
/// `vcovCL(cluster = ~ set + person)` on the stacked data; computed from the units' influence as in
/// ``GroupedEventStudy`` with the months as the groups). The statistic
/// ```
/// χ² = β̂' V⁻ β̂   on rank(V) degrees of freedom
/// ```
/// uses a generalized inverse, so a month without variation (an outcome constant before the start) drops out rather
/// than making `V` singular (Wooldridge 2010, §4.2.3; Cameron & Miller 2015, §VII; the pre-trend F test of event
/// studies, Freyaldenhoven, Hansen & Shapiro 2019). A small p-value says participants and comparisons already
/// differed before the start, which matching on the history should have removed.
public struct PreTrendTest: Sendable, Equatable {
    public var outcome: Outcome
    /// The months tested.
    public var months: ClosedRange<Int>
    public var chiSquared: Double
    public var degreesOfFreedom: Int
    public var pValue: Double

    /// The test on `outcome` over `months`; nil when no month has both arms observed or the ATTs have no variance.
    ///
    /// - Throws: ``DataError`` when there are fewer observed rows than parameters, or fewer than two clusters.
    public init?(units: [MatchedUnit], panel: SupportPanel, outcome: Outcome, months: ClosedRange<Int> = -24 ... -2) throws {
        var stacked: [GroupedEventStudy.Unit] = []
        var y: [Double] = []
        for (g, k) in months.enumerated() {
            for unit in units {
                guard let cell = panel.cell(person: unit.person, month: unit.month.advanced(by: k)) else { continue }
                stacked.append(.init(unit, group: g))
                y.append(outcome.value(panel, cell: cell))
            }
        }
        guard let month = try GroupedEventStudy.month(units: stacked, cells: [Int](repeating: 0, count: stacked.count), y: y,
                                                      groupCount: months.count, clusters: .init(stacked)),
              let (chi2, rank) = GroupedEventStudy.quadraticForm(month.covariance, month.estimates, order: month.groups.count),
              rank >= 1
        else { return nil }
        self.outcome = outcome
        self.months = months
        chiSquared = chi2
        degreesOfFreedom = rank
        pValue = ChiSquared.survival(chi2, degreesOfFreedom: Double(rank))
    }
}
