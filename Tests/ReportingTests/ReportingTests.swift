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

    @Test func suppressionIsPrimaryAndSecondary() {
        let d = Disclosure(minimumCell: 5)
        #expect(d.suppressTable([[10, 3, 7, 0]]) == [[false, true, true, false]])   // 3 primary, 7 secondary
        #expect(d.suppressTable([[10, 3, 2, 9]]) == [[false, true, true, false]])   // two primaries protect each other
        #expect(d.suppressTable([[10, 5, 0]]) == [[false, false, false]])
        #expect(d.allows(0) && !d.allows(4) && d.allows(5))
    }

    /// Row suppression alone would leave the 3 of row 0 alone in its column, recoverable from the column total;
    /// the column's smallest other cell follows, then that cell's row needs a second one, and so on until every row
    /// and column holds none or at least two suppressed cells. A row whose total is below the minimum is hidden.
    @Test func secondarySuppressionCoversRowsAndColumns() {
        let d = Disclosure(minimumCell: 5)
        let counts = [[20, 3, 8],
                      [30, 12, 6],
                      [40, 9, 25],
                      [1, 2, 0]]
        let s = d.suppressTable(counts)
        #expect(s[3] == [true, true, false])
        // 3 primary, 8 its row's smallest; the hidden row 3 leaves column 0 with one cell, so 20 follows; 8 alone
        // in column 2 pulls in row 1's 6, and that row its 12.
        #expect(s[0] == [true, true, true])
        #expect(s[1] == [false, true, true])
        for i in counts.indices {
            let hidden = s[i].filter { $0 }.count
            #expect(hidden == 0 || hidden >= 2, "row \(i)")
        }
        for j in 0..<3 {
            let hidden = counts.indices.filter { s[$0][j] }.count
            #expect(hidden == 0 || hidden >= 2, "column \(j)")
        }
        // Nothing at or above the minimum is hidden without need: row 2's 40 and 25 stay.
        #expect(!s[2][0] && !s[2][2])
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
