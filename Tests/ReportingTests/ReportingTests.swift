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
        #expect(d.suppressRow([10, 3, 7, 0]) == [false, true, true, false])   // 3 primary, 7 secondary
        #expect(d.suppressRow([10, 3, 2, 9]) == [false, true, true, false])   // two primaries protect each other
        #expect(d.suppressRow([10, 5, 0]) == [false, false, false])
        #expect(d.allows(0) && !d.allows(4) && d.allows(5))
    }

    @Test func theOutputFolderAppearsOnlyWhenCommitted() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("finsam-out-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: base) }
        let first = try OutputFolder(path: base)
        try first.write("a.csv", "1")
        #expect(!FileManager.default.fileExists(atPath: base))
        try first.commit()
        #expect(try String(contentsOfFile: base + "/a.csv", encoding: .utf8) == "1")
        // A failed second run leaves the first output untouched.
        let second = try OutputFolder(path: base)
        try second.write("a.csv", "2")
        second.abandon()
        #expect(try String(contentsOfFile: base + "/a.csv", encoding: .utf8) == "1")
    }
}
