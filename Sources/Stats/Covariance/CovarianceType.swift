/// The covariance estimators a ``RegressionFit`` offers.
///
/// Semantics follow R's `sandwich` 3.0 (Zeileis 2004, 2006; Zeileis, Köll & Graham 2020) for models without absorbed
/// fixed effects, and fixest's defaults (Bergé 2018) with them:
/// ```
/// V = B · M · B,   B = (X'WX)⁻¹,   M = Σᵢ ωᵢ xᵢxᵢ'  or  Σ_g S_g S_g',  S_g = Σ_{i∈g} sᵢxᵢ
/// iid : V = σ̂² B
/// HC0 : ωᵢ = sᵢ²              HC1: ωᵢ = sᵢ² · n/(n−k)
/// HC2 : ωᵢ = sᵢ²/(1−hᵢ)        HC3: ωᵢ = sᵢ²/(1−hᵢ)²,   hᵢ = wᵢ xᵢ'Bxᵢ
/// cluster (one way): V = G/(G−1) · c · B (Σ_g S_g S_g') B
/// cluster (two way): V = Σ over {A, B, A∩B} of ±G_c/(G_c−1) · c · B M_c B   (Cameron, Gelbach & Miller 2011)
/// ```
/// where `c = (n−1)/(n−k)` for OLS/WLS (sandwich's HC1-type default for `lm`) and `c = 1` for the logit
/// (sandwich's HC0 default for `glm`). With absorbed fixed effects the conventions are fixest's defaults
/// (`ssc(adj = TRUE, fixef.K = "nested", cluster.adj = TRUE, cluster.df = "min")`): `k` becomes
/// `K = k + Σ_f G_f − (F − 1)`, where a fixed effect nested in a cluster variable counts 1 instead of `G_f`;
/// HC1 uses `n/(n − K)`; and every component of a two-way clustered covariance uses `min(G)/(min(G) − 1)`.
public enum CovarianceType: Sendable, Equatable, CustomStringConvertible {
    case iid
    case hc0, hc1, hc2, hc3
    /// Cluster-robust by one or two variables.
    case cluster([String])

    /// Parses `iid`, `HC0`…`HC3`, `cluster:COL` or `cluster:COL1,COL2` (the CLI's `--vcov` values).
    public init?(_ text: String) {
        switch text.lowercased() {
        case "iid", "classical", "const": self = .iid
        case "hc0": self = .hc0
        case "hc1", "hetero": self = .hc1
        case "hc2": self = .hc2
        case "hc3": self = .hc3
        default:
            guard text.lowercased().hasPrefix("cluster:") else { return nil }
            let names = text.dropFirst("cluster:".count).split(separator: ",").map { String($0).trimmingSpaces() }
            guard (1...2).contains(names.count), !names.contains(where: \.isEmpty) else { return nil }
            self = .cluster(names)
        }
    }

    public var description: String {
        switch self {
        case .iid: "iid"
        case .hc0: "HC0"
        case .hc1: "HC1"
        case .hc2: "HC2"
        case .hc3: "HC3"
        case .cluster(let names): "cluster:" + names.joined(separator: ",")
        }
    }

    /// The cluster variables (empty for the others).
    public var clusterVariables: [String] {
        if case .cluster(let names) = self { return names }
        return []
    }
}
