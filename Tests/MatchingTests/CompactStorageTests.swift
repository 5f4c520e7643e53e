import Testing
@testable import Matching

@Suite struct CompactStorageTests {
    /// The radix sort equals a comparison sort with ties in index order, for negatives, −0, duplicates and
    /// values that differ in their lowest bits only.
    @Test func sortedOrderIsAStableSort() {
        var values: [Double] = [3, -1, 0, -0.0, 2.5, 3, -1e300, 1e-300, .greatestFiniteMagnitude, -2.5, 0, 1, 1.nextUp, 1]
        var state: UInt64 = 1
        for _ in 0..<5_000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            values.append(Double(Int64(bitPattern: state) >> 40) / 1000)
        }
        let expected = values.indices.sorted { values[$0] < values[$1] || (values[$0] == values[$1] && $0 < $1) }
        #expect(sortedOrder(values).map(Int.init) == expected)
    }

    /// Single-precision columns hold small integers exactly; double columns hold anything.
    @Test func covariateColumnsGiveBackWhatWasStored() {
        var columns = CovariateColumns(names: ["count", "amount"], exactInSingle: [true, false], rowCount: 3)
        let counts: [Double] = [0, 4095, 16_777_215], amounts = [0.1, 1234567.891, -2e-7]
        columns.withWriter { writer in
            for i in 0..<3 {
                writer.set(row: i, column: 0, counts[i])
                writer.set(row: i, column: 1, amounts[i])
            }
        }
        #expect(columns.column(0) == counts)
        #expect(columns.column(1) == amounts)
        var part = [Double](repeating: 0, count: 2)
        part.withUnsafeMutableBufferPointer { columns.copy(column: 1, rows: 1..<3, into: $0.baseAddress!) }
        #expect(part == Array(amounts[1...]))
    }
}
