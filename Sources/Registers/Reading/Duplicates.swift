/// Exact duplicate records of a spell file (the same person, dates and every value): a record counted twice would
/// double its amounts or its months, so a repeat is a located error naming both lines — the contract allows none.
///
/// While the file is read, ``record(line:valid:)`` keeps each row's line and whether it was read without problems
/// (a row with problems holds placeholders and is not compared). ``report(_:persons:personCount:start:isEqual:)`` then
/// groups the rows by person (a counting sort, in file order), sorts each person's rows by start, and compares only
/// rows with the same person and start — linear in the rows but for the sorting of each person's few rows.
struct Duplicates {
    private var lines: [Int32] = []
    private var valid: [Bool] = []

    /// Keeps the line of the row just read, and whether it was read without problems.
    mutating func record(line: Int, valid isValid: Bool) {
        lines.append(Int32(truncatingIfNeeded: line))
        valid.append(isValid)
    }

    /// Reports every valid row that repeats an earlier valid row exactly, in line order.
    ///
    /// - Parameters:
    ///   - persons: each row's person (an index below `personCount`).
    ///   - start: each row's start, as a comparable number.
    ///   - isEqual: whether rows `i` and `j` (same person and start) agree in every other value.
    func report(_ f: inout FileReader, persons: [Int32], personCount: Int, start: [Int32], isEqual: (Int, Int) -> Bool) {
        let n = min(persons.count, lines.count)
        // Only valid rows take part (a row with problems may hold a placeholder person).
        func compared(_ i: Int) -> Bool { valid[i] && persons[i] >= 0 && Int(persons[i]) < personCount }
        var offsets = [Int](repeating: 0, count: personCount + 1)
        for i in 0..<n where compared(i) { offsets[Int(persons[i]) + 1] += 1 }
        for p in 0..<personCount { offsets[p + 1] += offsets[p] }
        var order = [Int32](repeating: 0, count: offsets[personCount])
        var next = offsets
        for i in 0..<n where compared(i) {
            let p = Int(persons[i])
            order[next[p]] = Int32(i)
            next[p] += 1
        }
        var found: [(line: Int32, earlier: Int32)] = []
        var rows: [Int] = []
        for p in 0..<personCount where offsets[p + 1] - offsets[p] > 1 {
            // The person's rows by start, then by row (so that the first of equal rows comes first).
            rows.removeAll(keepingCapacity: true)
            for i in order[offsets[p]..<offsets[p + 1]] { rows.append(Int(i)) }
            rows.sort { start[$0] != start[$1] ? start[$0] < start[$1] : $0 < $1 }
            var a = 0
            while a < rows.count {
                var z = a + 1
                while z < rows.count, start[rows[z]] == start[rows[a]] { z += 1 }
                for k in (a + 1)..<z {
                    if let earlier = rows[a..<k].first(where: { isEqual($0, rows[k]) }) {
                        found.append((lines[rows[k]], lines[earlier]))
                    }
                }
                a = z
            }
        }
        for d in found.sorted(by: { $0.line < $1.line }) {
            f.problem(line: Int(d.line), column: nil, "the record repeats line \(d.earlier) exactly (a record counted twice doubles its amounts); remove the copy")
        }
    }
}
