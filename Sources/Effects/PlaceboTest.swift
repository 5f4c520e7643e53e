import Registers
import Stats

/// The placebo test: the ATT where there can be none. The matching is repeated with every participant's start moved
/// earlier (12 months by default) — comparisons not yet participating at the placebo start, covariates measured before
/// it — and the effect is estimated on the mean outcome over the placebo months `0…11`, which all lie before the real
/// start:
/// ```
/// Ȳᵢ = mean_{k∈0…11} Y_{i, m̃ᵢ+k},   m̃ᵢ = mᵢ − 12
/// ATT_placebo = Σ_T wᵢȲᵢ / Σ_T wᵢ − Σ_C wᵢȲᵢ / Σ_C wᵢ
/// ```
/// with the standard error and interval of ``EventStudy`` (two-way clustered by matched set and person, t with `n − 2`
/// degrees of freedom). Only units observed in every placebo month count. An interval far from 0 says that
/// participants and their matched comparisons part ways before any insats begins — selection on something the
/// matching does not see, or the dip in outcomes before entry (Ashenfelter 1978) — and that the real ATT may carry
/// the same bias (Imbens & Wooldridge 2009, §6.2, on pseudo-outcomes; Heckman & Hotz 1989).
public struct PlaceboTest: Sendable, Equatable {
    public var outcome: Outcome
    /// Months the starts were moved earlier.
    public var shift: Int
    /// The placebo months, relative to the placebo start.
    public var months: ClosedRange<Int>
    public var estimate: Double
    public var standardError: Double
    public var confidenceLow: Double
    public var confidenceHigh: Double
    /// Participant and comparison units observed over all placebo months.
    public var treatedCount: Int
    public var controlCount: Int

    /// The placebo ATT of `outcome` on the units of a matching whose starts were moved `shift` months earlier; nil
    /// without participant and comparison units observed over all of `months`.
    ///
    /// - Throws: ``DataError`` when the regression cannot be fitted.
    public init?(units: [MatchedUnit], panel: SupportPanel, outcome: Outcome, shift: Int = 12,
                 months: ClosedRange<Int> = 0...11) throws {
        guard let e = try EventStudy.estimate(units: units, outcome: outcome, value: {
            DifferenceInDifferences.mean($0, panel: panel, outcome: outcome, months: months)
        }) else { return nil }
        self.outcome = outcome
        self.shift = shift
        self.months = months
        estimate = e.estimate
        standardError = e.standardError
        confidenceLow = e.confidenceLow
        confidenceHigh = e.confidenceHigh
        treatedCount = e.treatedCount
        controlCount = e.controlCount
    }
}
