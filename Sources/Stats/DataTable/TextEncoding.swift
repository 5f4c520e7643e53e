/// A problem with the encoding of a text file: the first byte that is not well-formed UTF-8 (RFC 3629: no overlong
/// forms, no surrogates, nothing above U+10FFFF), or a byte-order mark after the start of the file (files joined
/// together).
struct EncodingProblem {
    enum Kind { case notUTF8, byteOrderMark }
    var kind: Kind
    /// The offset of the offending byte.
    var offset: Int
}

/// The first encoding problem in `bytes[from...]`, nil when the text is well-formed UTF-8 with no byte-order mark.
/// ASCII runs are skipped eight bytes at a time.
func firstEncodingProblem(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> EncodingProblem? {
    let n = bytes.count
    guard let base = bytes.baseAddress else { return nil }
    var i = start
    while i < n {
        if i + 8 <= n {
            let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
            if word & 0x8080_8080_8080_8080 == 0 { i += 8; continue }
        }
        let b = bytes[i]
        if b < 0x80 { i += 1; continue }
        if b == 0xEF, i + 2 < n, bytes[i + 1] == 0xBB, bytes[i + 2] == 0xBF {
            return EncodingProblem(kind: .byteOrderMark, offset: i)
        }
        // The length of the sequence and the range of its second byte.
        let length: Int, second: ClosedRange<UInt8>
        switch b {
        case 0xC2...0xDF: length = 2; second = 0x80...0xBF
        case 0xE0: length = 3; second = 0xA0...0xBF
        case 0xE1...0xEC, 0xEE...0xEF: length = 3; second = 0x80...0xBF
        case 0xED: length = 3; second = 0x80...0x9F
        case 0xF0: length = 4; second = 0x90...0xBF
        case 0xF1...0xF3: length = 4; second = 0x80...0xBF
        case 0xF4: length = 4; second = 0x80...0x8F
        default: return EncodingProblem(kind: .notUTF8, offset: i)
        }
        guard i + length <= n, second.contains(bytes[i + 1]) else { return EncodingProblem(kind: .notUTF8, offset: i) }
        for k in 2..<length where bytes[i + k] & 0xC0 != 0x80 { return EncodingProblem(kind: .notUTF8, offset: i) }
        i += length
    }
    return nil
}
