import Linalg
import Registers
import Stats

/// The ATT by month within groups of participants (subgroups, förbund, insatser), with the joint covariance of the
/// groups' ATTs and the Wald test that they are equal.
///
/// For each outcome and month `k`, the interacted regression on the matched units observed at `k`
/// ```
/// Y_{i, mᵢ+k} = Σ_g α_g·[gᵢ = g] + Σ_g β_g·[gᵢ = g]·Dᵢ + εᵢ,   weighted by the group's matching weights wᵢ
/// ATT_{g,k} = β̂_g = Σ_{T,g} wᵢYᵢ / Σ_{T,g} wᵢ − Σ_{C,g} wᵢYᵢ / Σ_{C,g} wᵢ
/// ```
/// gives each group its own difference in weighted means. Its covariance is the two-way cluster-robust sandwich by
/// matched set and by person (as in ``EventStudy``, `vcovCL(cluster = ~ set + person, type = "HC1")`), which for
/// this saturated model reduces to sums of the units' influence
/// ```
/// ψᵢ = +wᵢ(Yᵢ − μ̂_{g,T}) / W_{g,T}  (participants),   ψᵢ = −wᵢ(Yᵢ − μ̂_{g,C}) / W_{g,C}  (comparisons),   in coordinate gᵢ
/// V = Σ_{c ∈ {set, person, set∩person}} ± C_c/(C_c − 1) · (n − 1)/(n − K) · Σ_{clusters} S S',   S = Σ_{i in cluster} ψᵢ e_{gᵢ}
/// ```
/// with `n` units, `K = 2G` parameters and `C_c` clusters observed at `k`. A person who is a comparison in two
/// groups' matched sets (in different start months, or with replacement) puts both groups in one person cluster:
/// the covariance between groups carries it. Should a group's two-way variance not be positive, the one-way
/// covariance by matched set is used for the month (as ``EventStudy`` does). Intervals: `β̂ ± t₀.₉₇₅(n − K)·SE`.
///
/// Heterogeneity: the Wald statistic that the ATTs of the chosen groups are equal,
/// `χ² = (Rβ̂)'(RVR')⁻¹(Rβ̂)` with `R` the `(G − 1) × G` contrasts `β_g − β_1`, on `G − 1` degrees of freedom
/// (Wooldridge 2010, §4.2.3; the cluster-robust Wald test of Cameron & Miller 2015, §VII).
///
/// References: Cameron, Gelbach & Miller (2011) for two-way clustering; Zeileis, Köll & Graham (2020) for `vcovCL`.
public struct GroupedEventStudy: Sendable {
    /// A matched unit in a group, with its weight within the group.
    public struct Unit: Sendable {
        public var unit: MatchedUnit
        /// The group (0 ..< groupCount).
        public var group: Int
        /// A unit in group `group`.
        public init(_ unit: MatchedUnit, group: Int) {
            self.unit = unit
            self.group = group
        }
    }

    /// The ATT of one group on an outcome at month `k` (formulas in ``GroupedEventStudy``).
    public struct Estimate: Sendable {
        public var outcome: Outcome
        public var relativeMonth: Int
        public var group: Int
        public var estimate: Double
        public var standardError: Double
        public var confidenceLow: Double
        public var confidenceHigh: Double
        /// The heteroskedasticity-robust standard error that treats every unit as independent (HC1, no clustering):
        /// what the two samples' spread alone implies. In a small group whose matched pairs all agree it stays
        /// positive where the clustered one is near zero.
        public var independentStandardError: Double
        /// `n − K`, of the t quantile of the interval.
        public var degreesOfFreedom: Int
        /// Participant units of the group observed at the month.
        public var treatedCount: Int
        /// Comparison units of the group observed at the month.
        public var controlCount: Int
        public var meanTreated: Double
        public var meanControl: Double
    }

    /// The joint covariance of the groups' ATTs at one (outcome, month): `groups[a]` is the group of row and column `a`.
    public struct JointCovariance: Sendable {
        public var outcome: Outcome
        public var relativeMonth: Int
        public var groups: [Int]
        public var estimates: [Double]
        /// Row-major `groups.count × groups.count`.
        public var covariance: [Double]
    }

    /// The result of a Wald test of equal ATTs.
    public struct WaldTest: Sendable, Equatable {
        public var chiSquared: Double
        public var degreesOfFreedom: Int
        public var pValue: Double
    }

    /// Estimates by outcome, month and group; a group without an observed participant or comparison at a month is
    /// left out of that month.
    public let estimates: [Estimate]
    /// The joint covariances at the months asked for (``init(units:groupCount:panel:outcomes:relativeMonths:covarianceMonths:)``).
    public let covariances: [JointCovariance]

    /// - Parameters:
    ///   - units: the matched units, each in its group with its weight in the group.
    ///   - covarianceMonths: the months at which the joint covariance is kept (for heterogeneity tests and contrasts).
    /// - Throws: ``DataError`` when a month has fewer observed units than parameters.
    public init(units: [Unit], groupCount: Int, panel: SupportPanel, outcomes: [Outcome] = Outcome.allCases,
                relativeMonths: ClosedRange<Int> = -24...36, covarianceMonths: Set<Int> = [6, 12, 24]) throws {
        let clusters = ClusterCodes(units)
        var estimates: [Estimate] = []
        var covariances: [JointCovariance] = []
        var cells = [Int](repeating: -1, count: units.count)
        var y = [Double](repeating: 0, count: units.count)
        for k in relativeMonths {
            for i in units.indices {
                cells[i] = panel.cell(person: units[i].unit.person, month: units[i].unit.month.advanced(by: k)) ?? -1
            }
            for outcome in outcomes {
                for i in units.indices where cells[i] >= 0 { y[i] = outcome.value(panel, cell: cells[i]) }
                guard let month = try GroupedEventStudy.month(units: units, cells: cells, y: y, groupCount: groupCount,
                                                              clusters: clusters) else { continue }
                for (a, g) in month.groups.enumerated() {
                    let se = month.covariance[a * month.groups.count + a].squareRoot()
                    estimates.append(Estimate(outcome: outcome, relativeMonth: k, group: g, estimate: month.estimates[a],
                                              standardError: se, confidenceLow: month.estimates[a] - month.t * se,
                                              confidenceHigh: month.estimates[a] + month.t * se,
                                              independentStandardError: month.independentVariance[a].squareRoot(),
                                              degreesOfFreedom: month.degreesOfFreedom,
                                              treatedCount: month.counts[a].treated, controlCount: month.counts[a].control,
                                              meanTreated: month.means[a].treated, meanControl: month.means[a].control))
                }
                if covarianceMonths.contains(k) {
                    covariances.append(JointCovariance(outcome: outcome, relativeMonth: k, groups: month.groups,
                                                       estimates: month.estimates, covariance: month.covariance))
                }
            }
        }
        self.estimates = estimates
        self.covariances = covariances
    }

    /// The joint covariance at an outcome and month, if kept.
    public func covariance(_ outcome: Outcome, month k: Int) -> JointCovariance? {
        covariances.first { $0.outcome == outcome && $0.relativeMonth == k }
    }

    /// The Wald test that the ATTs of `groups` (a subset of the groups estimated at the month) are equal; nil with
    /// fewer than two groups, or when their contrasts have no positive variance.
    public static func waldTest(_ c: JointCovariance, groups chosen: [Int]) -> WaldTest? {
        let index = chosen.compactMap { c.groups.firstIndex(of: $0) }
        guard index.count >= 2 else { return nil }
        let p = index.count - 1, g = c.groups.count
        // R·β and R·V·R' for the contrasts β_a − β_first.
        let first = index[0]
        let rb = index.dropFirst().map { c.estimates[$0] - c.estimates[first] }
        func v(_ a: Int, _ b: Int) -> Double { c.covariance[a * g + b] }
        var m = [Double](repeating: 0, count: p * p)
        for (r, a) in index.dropFirst().enumerated() {
            for (s, b) in index.dropFirst().enumerated() {
                m[r * p + s] = v(a, b) - v(a, first) - v(first, b) + v(first, first)
            }
        }
        guard let (chi2, rank) = quadraticForm(m, rb, order: p), rank >= 1 else { return nil }
        return WaldTest(chiSquared: chi2, degreesOfFreedom: rank,
                        pValue: ChiSquared.survival(chi2, degreesOfFreedom: Double(rank)))
    }

    /// `x'M⁻x` by a symmetric pivoted elimination that drops directions with no variance (a generalized inverse),
    /// with the rank kept; nil for a non-finite input.
    static func quadraticForm(_ matrix: [Double], _ x: [Double], order p: Int) -> (Double, Int)? {
        guard matrix.allSatisfy(\.isFinite), x.allSatisfy(\.isFinite) else { return nil }
        var a = matrix, b = x
        var active = Array(0..<p)
        var total = 0.0, rank = 0
        let scale = (0..<p).map { a[$0 * p + $0] }.max() ?? 0
        while !active.isEmpty {
            let j = active.max { a[$0 * p + $0] < a[$1 * p + $1] }!
            let pivot = a[j * p + j]
            guard pivot > 1e-12 * scale, pivot > 0 else { break }
            total += b[j] * b[j] / pivot
            rank += 1
            active.removeAll { $0 == j }
            for r in active {
                let f = a[r * p + j] / pivot
                b[r] -= f * b[j]
                for s in active { a[r * p + s] -= f * a[j * p + s] }
            }
        }
        return (total, rank)
    }

    /// One (outcome, month): the groups with both arms observed, their estimates, joint covariance and the t quantile.
    struct Month {
        var groups: [Int]
        var estimates: [Double]
        var covariance: [Double]
        var counts: [(treated: Int, control: Int)]
        var means: [(treated: Double, control: Double)]
        var t: Double
        var degreesOfFreedom: Int
        /// The HC1 variance of each group's ATT with every unit its own cluster.
        var independentVariance: [Double]
    }

    static func month(units: [Unit], cells: [Int], y: [Double], groupCount: Int, clusters: ClusterCodes) throws -> Month? {
        // Weighted sums per group and arm (arm 1: participants).
        var w = [Double](repeating: 0, count: 2 * groupCount), wy = w
        var n = [Int](repeating: 0, count: 2 * groupCount)
        for i in units.indices where cells[i] >= 0 {
            let cell = 2 * units[i].group + (units[i].unit.treated ? 1 : 0)
            w[cell] += units[i].unit.weight
            wy[cell] += units[i].unit.weight * y[i]
            n[cell] += 1
        }
        let groups = (0..<groupCount).filter { n[2 * $0] > 0 && n[2 * $0 + 1] > 0 }
        guard !groups.isEmpty else { return nil }
        let column = [Int](unsafeUninitializedCapacity: groupCount) { buffer, count in
            for g in 0..<groupCount { buffer[g] = -1 }
            for (a, g) in groups.enumerated() { buffer[g] = a }
            count = groupCount
        }
        let mean = (0..<(2 * groupCount)).map { w[$0] > 0 ? wy[$0] / w[$0] : 0 }
        // Influence of each unit on its group's ATT; units of groups without both arms drop out.
        var psi = [Double](repeating: 0, count: units.count)
        var included = [Bool](repeating: false, count: units.count)
        var observed = 0
        for i in units.indices where cells[i] >= 0 && column[units[i].group] >= 0 {
            let cell = 2 * units[i].group + (units[i].unit.treated ? 1 : 0)
            let influence = units[i].unit.weight * (y[i] - mean[cell]) / w[cell]
            psi[i] = units[i].unit.treated ? influence : -influence
            included[i] = true
            observed += 1
        }
        let p = groups.count
        let parameters = 2 * p
        guard observed > parameters else {
            throw DataError("too few matched units (\(observed)) for \(p) groups' effects")
        }
        let smallSample = Double(observed - 1) / Double(observed - parameters)
        // Σ_clusters S S' as S'S of the clusters' influence sums (one row per cluster; dsyrk).
        func meat(_ component: ClusterCodes.Component) -> ([Double], Int) {
            var sums = Matrix(rows: component.blocks.count, columns: p)
            var clusterCount = 0
            for block in component.blocks {
                var any = false
                for i in block where included[i] {
                    any = true
                    sums[clusterCount, column[units[i].group]] += psi[i]
                }
                if any { clusterCount += 1 }
            }
            let m = BLAS.crossProduct(sums)
            return ((0..<(p * p)).map { m[$0 / p, $0 % p] }, clusterCount)
        }
        func covariance(_ components: [(Double, ClusterCodes.Component)]) throws -> [Double] {
            var v = [Double](repeating: 0, count: p * p)
            for (sign, component) in components {
                let (m, c) = meat(component)
                guard c >= 2 else { throw DataError("clustering needs at least two clusters, found \(c)") }
                let factor = sign * Double(c) / Double(c - 1) * smallSample
                for e in v.indices { v[e] += factor * m[e] }
            }
            return v
        }
        var v = try covariance([(1, clusters.set), (1, clusters.person), (-1, clusters.setAndPerson)])
        if (0..<p).contains(where: { !(v[$0 * p + $0] >= 0) }) {
            v = try covariance([(1, clusters.set)])
        }
        var independent = [Double](repeating: 0, count: p)
        for i in units.indices where included[i] { independent[column[units[i].group]] += psi[i] * psi[i] }
        let hc1 = Double(observed) / Double(observed - 1) * smallSample
        let t = StudentT.quantile(0.975, degreesOfFreedom: Double(observed - parameters))
        return Month(groups: groups, estimates: groups.map { mean[2 * $0 + 1] - mean[2 * $0] }, covariance: v,
                     counts: groups.map { (n[2 * $0 + 1], n[2 * $0]) }, means: groups.map { (mean[2 * $0 + 1], mean[2 * $0]) },
                     t: t, degreesOfFreedom: observed - parameters, independentVariance: independent.map { $0 * hc1 })
    }

    /// The units ordered by cluster for each way of clustering: matched set, person, and their intersection.
    struct ClusterCodes: Sendable {
        struct Component: Sendable {
            /// The unit indices of each cluster.
            var blocks: [ArraySlice<Int>]
        }
        var set: Component
        var person: Component
        var setAndPerson: Component

        init(_ units: [Unit]) {
            func component(_ key: (Unit) -> Int) -> Component {
                let order = units.indices.sorted { (key(units[$0]), $0) < (key(units[$1]), $1) }
                var blocks: [ArraySlice<Int>] = []
                var start = 0
                for e in order.indices where e == order.count - 1 || key(units[order[e]]) != key(units[order[e + 1]]) {
                    blocks.append(order[start...e])
                    start = e + 1
                }
                return Component(blocks: blocks)
            }
            set = component { $0.unit.subclass }
            person = component { $0.unit.person }
            // Pairs (set, person) by their order in the set component: person ids are below 2³¹.
            setAndPerson = component { $0.unit.subclass << 32 | $0.unit.person }
        }
    }
}
