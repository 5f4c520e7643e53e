import Linalg
import Registers
import Stats

/// The propensity model's design over the risk sets, expanded block by block from their compactly
/// stored covariates: an intercept, start-month indicators (the first month is the reference) and the covariates, less
/// any left out (e.g. for separating participants from comparisons).
struct RiskSetDesign: DesignSource {
    enum Column: Sendable {
        case intercept
        case month(Int)
        case covariate(Int)
    }

    let sets: RiskSets
    /// Each row's start-month index.
    let rowMonth: [Int32]
    let columns: [Column]
    let columnNames: [String]
    /// The risk-set rows the design's rows are, when it covers a subset of them (in this order); nil for all rows.
    let subset: [Int]?

    init(sets: RiskSets, months: [Month], rowMonth: [Int32], leavingOut excluded: Set<String>, subset: [Int]? = nil) {
        self.sets = sets
        self.rowMonth = rowMonth
        self.subset = subset
        var columns: [(Column, String)] = [(.intercept, "(Intercept)")]
        columns += months.indices.dropFirst().map { (.month($0), "month_\(months[$0])") }
        columns += sets.covariateNames.enumerated().map { (.covariate($0), $1) }
        columns = columns.filter { !excluded.contains($0.1) }
        self.columns = columns.map(\.0)
        columnNames = columns.map(\.1)
    }

    var rowCount: Int { subset?.count ?? sets.rows.count }

    func fill(rows: Range<Int>, into block: UnsafeMutablePointer<Double>) {
        let m = rows.count
        for (j, column) in columns.enumerated() {
            let target = block + j * m
            switch column {
            case .intercept:
                target.update(repeating: 1, count: m)
            case .month(let k):
                rowMonth.withUnsafeBufferPointer { months in
                    if let subset {
                        for i in 0..<m { target[i] = months[subset[rows.lowerBound + i]] == k ? 1 : 0 }
                    } else {
                        for i in 0..<m { target[i] = months[rows.lowerBound + i] == k ? 1 : 0 }
                    }
                }
            case .covariate(let c):
                if let subset {
                    sets.covariates.copy(column: c, rows: subset[rows], into: target)
                } else {
                    sets.covariates.copy(column: c, rows: rows, into: target)
                }
            }
        }
    }
}
