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
        try self.init(StackedMonths(units: units, panel: panel, months: months), panel: panel, outcome: outcome)
    }

    /// The test on `outcome` over the months of `stack` (built once for every outcome).
    public init?(_ stack: StackedMonths, panel: SupportPanel, outcome: Outcome) throws {
        guard let month = try stack.fit(outcome, panel: panel),
              let (chi2, rank) = GroupedEventStudy.quadraticForm(month.covariance, month.estimates, order: month.groups.count),
              rank >= 1
        else { return nil }
        self.outcome = outcome
        months = stack.months
        chiSquared = chi2
        degreesOfFreedom = rank
        pValue = ChiSquared.survival(chi2, degreesOfFreedom: Double(rank))
    }
}

/// The matched units observed at each of `months`, stacked into one regression with the months as the groups —
/// each month's ATT with the joint covariance across months, clustered two ways by matched set and person
/// (``PreTrendTest``, ``SimultaneousBand``). The stack and its clusters depend only on which months are observed,
/// so one stack serves every outcome.
public struct StackedMonths: Sendable {
    public let months: ClosedRange<Int>
    let units: [GroupedEventStudy.Unit]
    let cells: [Int]
    let clusters: GroupedEventStudy.ClusterCodes

    /// The stack of `units` over `months`.
    public init(units: [MatchedUnit], panel: SupportPanel, months: ClosedRange<Int>) {
        var stacked: [GroupedEventStudy.Unit] = []
        var cells: [Int] = []
        for (g, k) in months.enumerated() {
            for unit in units {
                guard let cell = panel.cell(person: unit.person, month: unit.month.advanced(by: k)) else { continue }
                stacked.append(.init(unit, group: g))
                cells.append(cell)
            }
        }
        self.months = months
        self.units = stacked
        self.cells = cells
        clusters = .init(stacked)
    }

    /// The months' ATTs of `outcome` with their joint covariance; nil when no month has both arms observed.
    func fit(_ outcome: Outcome, panel: SupportPanel) throws -> GroupedEventStudy.Month? {
        let y = cells.map { outcome.value(panel, cell: $0) }
        return try GroupedEventStudy.month(units: units, cells: [Int](repeating: 0, count: units.count), y: y,
                                           groupCount: months.count, clusters: clusters)
    }
}
