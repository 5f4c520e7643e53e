import Foundation
import Linalg
import Stats
import Testing
@testable import Registers

/// Deterministic fuzzing of the register reader: one file of the hand dataset mutated at random (bytes flipped,
/// separators, quotes, line ends, stray byte-order marks and non-UTF-8 bytes inserted, lines cut or repeated). Every
/// case reads to registers or to a validation failure whose problems are located in a file — never a crash or a hang.
@Suite struct ReaderFuzzTests {
    @Test func everyMutatedDatasetReadsOrFailsWithLocatedProblems() throws {
        let base = handDataset()
        let names = base.keys.sorted()
        let inserts: [[UInt8]] = [[0x22], [0x2C], [0x0A], [0x0D], [0xEF, 0xBB, 0xBF], [0xF6], [0x00], Array("9999-12-31".utf8),
                                  Array("0001-01-01".utf8), Array("-1".utf8), Array("1e400".utf8)]
        var rng = SplitMix64(state: 99)
        let dir = try writeDataset(base)
        defer { try? FileManager.default.removeItem(at: dir) }
        for _ in 0..<400 {
            let name = names[Int(rng.next() % UInt64(names.count))]
            var bytes = Array(base[name]!.utf8)
            for _ in 0...Int(rng.next() % 3) {
                let at = Int(rng.next() % UInt64(bytes.count + 1))
                switch rng.next() % 4 {
                case 0: if at < bytes.count { bytes[at] = UInt8(truncatingIfNeeded: rng.next()) }
                case 1: bytes.insert(contentsOf: inserts[Int(rng.next() % UInt64(inserts.count))], at: at)
                case 2: bytes = Array(bytes[..<at])
                default: bytes.insert(contentsOf: bytes[at...].prefix(40), at: at)
                }
            }
            try Data(bytes).write(to: dir.appendingPathComponent(name))
            defer { try? Data(base[name]!.utf8).write(to: dir.appendingPathComponent(name)) }
            do {
                _ = try RegisterReader(folder: dir.path).read()
            } catch let failure as ValidationFailure {
                #expect(failure.diagnostics.listed.allSatisfy { $0.file?.hasSuffix(".csv") == true }, "\(failure.diagnostics.report)")
            } catch let error as DataError {
                #expect(error.file != nil, "\(error)")
            }
        }
    }

    /// Every valid row equal to an earlier valid row is reported, once, naming the first such row — against a
    /// brute-force search over random small files with many repeats.
    @Test func duplicatesAreExactlyTheRepeatsOfEarlierRows() throws {
        var rng = SplitMix64(state: 5)
        for _ in 0..<50 {
            let n = Int(rng.next() % 200)
            let person = (0..<n).map { _ in Int32(rng.next() % 5) }
            let start = (0..<n).map { _ in Int32(rng.next() % 4) }
            let value = (0..<n).map { _ in Int(rng.next() % 3) }
            let valid = (0..<n).map { _ in rng.next() % 10 != 0 }
            var duplicates = Duplicates()
            for i in 0..<n { duplicates.record(line: i + 2, valid: valid[i]) }
            var reader = FileReader(bytes: [], fileName: "x.csv", diagnostics: Diagnostics())
            duplicates.report(&reader, persons: person, personCount: 5, start: start) { value[$0] == value[$1] }
            var expected: [String] = []
            for i in 0..<n where valid[i] {
                if let j = (0..<i).first(where: { valid[$0] && person[$0] == person[i] && start[$0] == start[i] && value[$0] == value[i] }) {
                    expected.append("x.csv:\(i + 2): the record repeats line \(j + 2) exactly (a record counted twice doubles its amounts); remove the copy")
                }
            }
            #expect(reader.diagnostics.count == expected.count)
            #expect(Array(reader.diagnostics.listed.map(\.description)) == Array(expected.prefix(Diagnostics.limit)))
        }
    }
}
