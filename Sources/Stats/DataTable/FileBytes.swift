import CZlib

/// Reads a whole file into memory through zlib, so plain and gzip-compressed files (`.csv.gz`) take one path.
///
/// - Throws: ``DataError`` when the file cannot be opened or is a damaged gzip stream.
public func readFileBytes(path: String) throws -> [UInt8] {
    guard let gz = gzopen(path, "rb") else {
        throw DataError(file: path, "cannot open the file (does it exist, and is it readable?)")
    }
    defer { gzclose(gz) }
    gzbuffer(gz, 1 << 20)
    var bytes: [UInt8] = []
    let chunk = 1 << 22
    while true {
        let old = bytes.count
        bytes.reserveCapacity(old + chunk)
        var read: Int32 = 0
        bytes.append(contentsOf: repeatElement(0, count: chunk))
        bytes.withUnsafeMutableBufferPointer { p in
            read = gzread(gz, p.baseAddress! + old, UInt32(chunk))
        }
        if read < 0 {
            var errnum: Int32 = 0
            let message = gzerror(gz, &errnum).map { String(cString: $0) } ?? "unknown error"
            throw DataError(file: path, "cannot read the file: \(message)")
        }
        bytes.removeLast(chunk - Int(read))
        if read == 0 { break }
    }
    return bytes
}
