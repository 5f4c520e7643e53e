import Foundation
import Testing
@testable import Reporting

@Suite struct ReportingTests {
    @Test func sha256MatchesTheFIPSExamples() {
        #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    /// A line of groups with a known total: a lone small group takes the next smallest with it; two small groups
    /// whose sum pins them take more; zeros are never hidden; a safe line is left alone.
    @Test func aLineOfGroupsIsProtectedAgainstDifferencing() {
        let d = Disclosure(minimumCell: 5)
        #expect(d.protectLine([40, 3, 12, 9]) == [1, 3])                 // 3 and 9: S − k = 10 ≥ 5
        #expect(d.protectLine([40, 1, 2, 30, 6]) == [1, 2, 4])           // 1 + 2: S − k = 1; with 6: 9 − 3 = 6
        #expect(d.protectLine([40, 0, 12]) == [])
        #expect(d.protectLine([40, 0, 2]) == [2, 0])                      // hiding 2 alone would pin it: 40 goes too
        #expect(d.protectLine([7, 12], alreadySuppressed: [0]) == [0, 1])
        for line in [[4, 4], [1, 1, 1], [2, 50, 60, 3, 0, 8]] {
            let hidden = d.protectLine(line)
            let k = hidden.filter { line[$0] > 0 }.count, sum = hidden.reduce(0) { $0 + line[$1] }
            #expect(d.lineIsSafe(suppressedCount: k, suppressedSum: sum) || hidden.count == line.filter { $0 > 0 }.count)
            #expect(line.indices.allSatisfy { line[$0] == 0 || line[$0] >= 5 || hidden.contains($0) })
        }
    }

    @Test func suppressionIsPrimaryAndSecondary() {
        let d = Disclosure(minimumCell: 5)
        #expect(d.suppressTable([[10, 3, 7, 0]]) == [[false, true, true, false]])   // 3 primary, 7 secondary
        // Two primaries summing to 5 would each lie in [1, 4] behind the total (zeros are published, so a hidden
        // cell is at least 1): too narrow, so the 9 joins them (each then in [1, 12]).
        #expect(d.suppressTable([[10, 3, 2, 9]]) == [[false, true, true, true]])
        #expect(d.suppressTable([[10, 3, 4, 9]]) == [[false, true, true, false]])   // 3 + 4 − 2 = 5: wide enough
        #expect(d.suppressTable([[10, 5, 0]]) == [[false, false, false]])
        #expect(d.allows(0) && !d.allows(4) && d.allows(5))
    }

    /// The case: a row of total 191 published 189 and hid two cells of 1 — each exactly 1 by subtraction.
    /// Now the 189 is hidden too (S = 191, three cells, each in [1, 189]); the zeros stay published.
    @Test func aRowWhoseHiddenCellsSumBelowTheMinimumIsSuppressedFurther() {
        let d = Disclosure(minimumCell: 5)
        let counts = [[189, 1, 1, 0]]
        let s = d.protect(counts)
        #expect(s.cells == [[true, true, true, false]])
        #expect(!s.rowTotals[0])
        let published = s.published(counts)
        #expect(published.cells == [[nil, nil, nil, 0]])
        let row = Disclosure.lineExposures(published).first { $0.line == "row 0" }!
        #expect(row.suppressedSum == 191 && row.suppressedCount == 3 && row.entryRange == 1...189)
        #expect(d.isSafe(published))
        // Before: only the primaries hidden. The checker finds the exposure: S = 2 over two cells.
        let before = Disclosure.PublishedTable(cells: [[189, nil, nil, 0]], rowTotals: [191], columnTotals: [189, 1, 1, 0], grandTotal: 191)
        let exposed = Disclosure.lineExposures(before).first { $0.line == "row 0" }!
        #expect(exposed.suppressedSum == 2 && exposed.entryRange == 1...1)
        #expect(!d.lineIsSafe(suppressedCount: exposed.suppressedCount, suppressedSum: exposed.suppressedSum))
        #expect(!d.isSafe(before))
    }

    /// A line whose hidden cells cannot be widened by hiding more cells loses its total instead: [1, 4] with total
    /// 5 would show both cells below 5; the row total goes, and with it the smallest other row total and its row,
    /// so that the line of row totals does not give it back by subtraction from the grand total.
    @Test func aTotalIsSuppressedWhenNothingElseWorks() {
        let d = Disclosure(minimumCell: 5)
        let counts = [[1, 4, 0], [20, 30, 40], [50, 60, 70]]
        let s = d.protect(counts)
        #expect(s.rowTotals[0])
        #expect(s.rowTotals.filter { $0 }.count >= 2)
        #expect(!s.cells[0][2])   // the zero is published
        #expect(d.isSafe(s.published(counts)))
    }

    /// Row suppression alone would leave the 3 of row 0 alone in its column, recoverable from the column total;
    /// secondary suppression goes on until every row and column (and each line of totals) is safe. A row whose
    /// total is below the minimum is hidden with its total.
    @Test func secondarySuppressionCoversRowsAndColumns() {
        let d = Disclosure(minimumCell: 5)
        let counts = [[20, 3, 8],
                      [30, 12, 6],
                      [40, 9, 25],
                      [1, 2, 0]]
        let s = d.protect(counts)
        #expect(s.cells[3] == [true, true, false] && s.rowTotals[3])
        let published = s.published(counts)
        for line in Disclosure.lineExposures(published) {
            #expect(d.lineIsSafe(suppressedCount: line.suppressedCount, suppressedSum: line.suppressedSum), "\(line)")
        }
        #expect(d.isSafe(published))
        // Nothing at or above the minimum is hidden without need: row 2's 40 stays.
        #expect(!s.cells[2][0])
    }

    /// The checker's propagation: a cell hidden with a large one in its row and a small one in its column is
    /// narrowed by combining the two lines.
    @Test func theCheckerCombinesRowsAndColumns() {
        // x = 1 hidden with y = 100 in row 0; y hidden with z = 1 in column 1; x hidden with w = 4 in column 0.
        let table = Disclosure.PublishedTable(cells: [[nil, nil], [nil, 50], [70, nil]],
                                              rowTotals: [101, 54, 71], columnTotals: [75, 151], grandTotal: 226)
        let intervals = Disclosure.narrowestIntervals(table)
        // Column 0: x + w = 5 → x ≤ 4; row 1: w = 4 exactly, so x = 1 exactly.
        #expect(intervals.cells[1][0] == 4...4)
        #expect(intervals.cells[0][0] == 1...1)
        #expect(!Disclosure(minimumCell: 5).isSafe(table))
    }

    /// The property on many random tables (fixed seed): zeros and cells at or above the minimum in rows and columns
    /// that need no protection are published, no published cell is below the minimum, every line with a published
    /// total is safe, and the combined ranges are at least the minimum wide.
    @Test func randomTablesAreSafeAgainstDifferencing() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ n: Int) -> Int {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int((z ^ (z >> 31)) % UInt64(n))
        }
        var withheld = 0
        for trial in 0..<600 {
            let minimum = [3, 5, 10][trial % 3]
            let d = Disclosure(minimumCell: minimum)
            let rows = 1 + next(7), columns = 1 + next(7)
            let counts = (0..<rows).map { _ in
                (0..<columns).map { _ -> Int in
                    switch next(10) {
                    case 0..<3: 0
                    case 3..<6: 1 + next(minimum - 1)
                    default: minimum + next(200)
                    }
                }
            }
            let s = d.protect(counts)
            let published = s.published(counts)
            if s.grandTotal { withheld += 1 }
            for i in 0..<rows {
                for j in 0..<columns {
                    if counts[i][j] == 0 { #expect(published.cells[i][j] == 0, "\(counts)") }
                    if let x = published.cells[i][j] { #expect(d.allows(x), "\(counts)") }
                }
            }
            for line in Disclosure.lineExposures(published) {
                #expect(d.lineIsSafe(suppressedCount: line.suppressedCount, suppressedSum: line.suppressedSum),
                        "min \(minimum), \(counts): \(line)")
            }
            for (name, range) in Disclosure.narrowestIntervals(published).all {
                #expect(range.upperBound - range.lowerBound >= Double(minimum), "min \(minimum), \(counts): \(name) in \(range)")
            }
        }
        #expect(withheld < 60, "\(withheld) of 600 tables withheld")
    }

    @Test func theOutputFolderAppearsOnlyWhenCommitted() throws {
        let parent = FileManager.default.temporaryDirectory.appendingPathComponent("finsam-out-\(UUID())").path
        let base = parent + "/out"
        defer { try? FileManager.default.removeItem(atPath: parent) }
        let first = try OutputFolder(path: base, kind: "test")
        try first.write("a.csv", "1")
        #expect(!FileManager.default.fileExists(atPath: base))
        try first.commit()
        #expect(try String(contentsOfFile: base + "/a.csv", encoding: .utf8) == "1")
        // A failed second run leaves the first output untouched.
        let second = try OutputFolder(path: base, kind: "test")
        try second.write("a.csv", "2")
        second.abandon()
        #expect(try String(contentsOfFile: base + "/a.csv", encoding: .utf8) == "1")
        // A third replaces it by the exchange and leaves nothing else beside it.
        let third = try OutputFolder(path: base, kind: "test")
        try third.write("b.csv", "3")
        try third.commit()
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: base)) == [".finsameval-output", "b.csv"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent) == ["out"])
        // Another command's output is not replaced.
        #expect(throws: OutputLocationError.self) { try OutputFolder(path: base, kind: "other") }
    }

    /// Where the file system cannot exchange two paths, the fallback renames the earlier result aside and the new one
    /// into place, and leaves nothing behind.
    @Test func theFallbackWithoutAnExchangeReplacesTheEarlierResult() throws {
        let parent = FileManager.default.temporaryDirectory.appendingPathComponent("finsam-fallback-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: parent) }
        let unsupported: (String, String) -> Int32 = { _, _ in errno = ENOSYS; return -1 }
        let first = try OutputFolder(path: parent + "/out", kind: "test")
        try first.write("a.csv", "1")
        try first.commit(exchange: unsupported)
        let second = try OutputFolder(path: parent + "/out", kind: "test")
        try second.write("b.csv", "2")
        try second.commit(exchange: unsupported)
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: parent + "/out")) == [".finsameval-output", "b.csv"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent) == ["out"])
    }

    /// What a killed run leaves — its staging folder, or the earlier result renamed aside by the fallback — is put
    /// right by the next run: the staging removed, the earlier result put back where nothing replaced it.
    @Test func leftoversOfAKilledRunAreRecovered() throws {
        let parent = FileManager.default.temporaryDirectory.appendingPathComponent("finsam-left-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: parent) }
        let earlier = try OutputFolder(path: parent + "/out", kind: "test")
        try earlier.write("a.csv", "1")
        try earlier.commit()
        // No process has pid 2^22 + 1 (above Linux's largest pid).
        let dead = 4_194_305
        try FileManager.default.moveItem(atPath: parent + "/out", toPath: parent + "/.out.previous-\(dead)")
        try FileManager.default.createDirectory(atPath: parent + "/.out.partial-\(dead)", withIntermediateDirectories: false)
        try "x".write(toFile: parent + "/.out.partial-\(dead)/\(OutputLocation.marker)", atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: parent + "/.out.partial-1", withIntermediateDirectories: false)  // not ours: no marker
        let next = try OutputFolder(path: parent + "/out", kind: "test")
        #expect(try String(contentsOfFile: parent + "/out/a.csv", encoding: .utf8) == "1", "the earlier result was not put back")
        next.abandon()
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: parent)) == ["out", ".out.partial-1"])
    }

    @Test func resolvedPathsFollowLinksAndDots() throws {
        let parent = FileManager.default.temporaryDirectory.appendingPathComponent("finsam-path-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: parent) }
        try FileManager.default.createDirectory(atPath: parent + "/real/sub", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: parent + "/link", withDestinationPath: parent + "/real")
        let real = resolvedPath(parent + "/real")
        #expect(resolvedPath(parent + "/link/sub/../new/x") == real + "/new/x")
        #expect(resolvedPath(parent + "/link/./sub") == real + "/sub")
    }
}
