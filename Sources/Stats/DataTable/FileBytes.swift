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
    let chunkSize = 1 << 22
    while true {
        var failed = false
        let chunk = [UInt8](unsafeUninitializedCapacity: chunkSize) { buffer, count in
            let read = gzread(gz, buffer.baseAddress, UInt32(chunkSize))
            failed = read < 0
            count = max(0, Int(read))
        }
        if failed {
            var errnum: Int32 = 0
            let message = gzerror(gz, &errnum).map { String(cString: $0) } ?? "unknown error"
            throw DataError(file: path, "cannot read the file: \(message)")
        }
        if chunk.isEmpty { break }
        if bytes.isEmpty { bytes = chunk } else { bytes.append(contentsOf: chunk) }
    }
    return bytes
}
