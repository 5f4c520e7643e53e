import CZlib
import Foundation

/// Reads a whole file into memory through zlib, so plain and gzip-compressed files (`.csv.gz`) take one path.
///
/// Only regular files are read (a device such as `/dev/zero`, a FIFO or a folder is refused at once, before any
/// read). A file whose name ends in `.gz` must be gzip data, and every gzip member must be complete: zlib checks each
/// member's trailer (CRC-32 and length), and a stream that ends before its trailer — a file cut short, even at a line
/// boundary — is an error, never a shorter file.
///
/// - Throws: ``DataError`` naming the file when it is missing, a symbolic-link loop, unreadable, not a regular file,
///   or damaged or truncated compressed data.
public func readFileBytes(path: String) throws -> [UInt8] {
    try checkRegularFile(path)
    guard let gz = gzopen(path, "rb") else {
        throw DataError(file: path, "cannot open the file: \(String(cString: strerror(errno)))")
    }
    var closed = false
    defer { if !closed { gzclose(gz) } }
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
            var message = gzerror(gz, &errnum).map { String(cString: $0) } ?? "unknown error"
            if message.hasPrefix(path + ": ") { message.removeFirst(path.count + 2) }
            throw DataError(file: path, errnum == Z_ERRNO ? "cannot read the file: \(String(cString: strerror(errno)))"
                                                          : "truncated or corrupt compressed data (\(message))")
        }
        if chunk.isEmpty { break }
        if bytes.isEmpty { bytes = chunk } else { bytes.append(contentsOf: chunk) }
    }
    let isPlain = gzdirect(gz) == 1
    // zlib lets a stream that ends before its trailer read as a shorter file and says so only in the error state.
    var errnum: Int32 = 0
    _ = gzerror(gz, &errnum)
    closed = true
    let closing = gzclose(gz)
    if errnum == Z_BUF_ERROR || closing == Z_BUF_ERROR {
        throw DataError(file: path, "truncated or corrupt compressed data (the file ends before the end of its gzip stream)")
    }
    if isPlain && path.hasSuffix(".gz") && !bytes.isEmpty {
        throw DataError(file: path, "the name ends in .gz but the file is not gzip-compressed")
    }
    return bytes
}

/// Throws unless `path` is a regular file (symbolic links followed), with the reason in plain words.
public func checkRegularFile(_ path: String) throws {
    var info = stat()
    if stat(path, &info) != 0 {
        let reason: String
        switch errno {
        case ENOENT: reason = "no such file"
        case ELOOP: reason = "a loop of symbolic links"
        case EACCES: reason = "permission denied"
        default: reason = String(cString: strerror(errno))
        }
        throw DataError(file: path, "cannot open the file: \(reason)")
    }
    let kind = info.st_mode & S_IFMT
    guard kind == S_IFREG else {
        let what = kind == S_IFDIR ? "a folder" : kind == S_IFIFO ? "a FIFO (named pipe)" : kind == S_IFCHR || kind == S_IFBLK ? "a device" : "not a regular file"
        throw DataError(file: path, "is \(what); give a regular file")
    }
}
