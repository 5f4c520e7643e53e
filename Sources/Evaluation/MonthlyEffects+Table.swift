import Payback
import Stats

extension MonthlyEffects {
    /// Monthly effects (months 0…) from an effects table with columns outcome, relative_month, att[, mean_treated]
    /// — a cohort run's `effects.csv`: the ATT per month (counterfactual) or, with `naive`, the participants' mean at
    /// month +12 minus month −1 held constant. Without `amount_taxable` rows (an effects file from before they were
    /// estimated) no transfer is taxed.
    ///
    /// - Throws: `DataError` when a column is missing, or the naive model lacks the means it needs.
    public init(effectsTable t: DataTable, naive: Bool) throws {
        guard case .text(let outcome)? = t["outcome"], case .numeric(let k, _)? = t["relative_month"],
              case .numeric(let att, _)? = t["att"] else {
            throw DataError(file: t.fileName, "expected the columns outcome, relative_month, att (a cohort run's effects.csv)")
        }
        let meanTreated: [Double]? = if case .numeric(let m, _)? = t["mean_treated"] { m } else { nil }
        func series(_ name: String) throws -> [Double] {
            let rows = (0..<t.rowCount).filter { outcome[$0] == name && k[$0] >= 0 }.sorted { k[$0] < k[$1] }
            if naive {
                guard let m = meanTreated,
                      let before = (0..<t.rowCount).first(where: { outcome[$0] == name && k[$0] == -1 }),
                      let after = (0..<t.rowCount).first(where: { outcome[$0] == name && k[$0] == 12 }),
                      !m[before].isNaN, !m[after].isNaN else {
                    throw DataError(file: t.fileName, column: "mean_treated", "the naive model needs the participants' mean at months −1 and +12 for \(name)")
                }
                return Array(repeating: m[after] - m[before], count: max(rows.count, 1))
            }
            return rows.map { att[$0].isNaN ? 0 : att[$0] }
        }
        // Effects files written before the taxable transfers were estimated lack them: their benefits go untaxed.
        let taxable = outcome.contains("amount_taxable") ? try series("amount_taxable") : nil
        self.init(transfersFK: try series("amount_fk"), transfersState: try series("amount_state"),
                  transfersKommun: try series("amount_kommun"), earnings: try series("earnings"), transfersTaxable: taxable)
    }
}
