import CFileSystem
import Foundation

/// An output folder written atomically and without loss.
///
/// ``init(path:kind:inputs:)`` checks the location (``OutputLocation/checkFolder(_:kind:inputs:)``) and creates a staging folder
/// beside it, `.NAME.partial-PID`, holding the marker ``OutputLocation/marker`` — before the run computes anything, so
/// a location that cannot be written fails at once. Files go into the staging folder; ``commit()`` puts it into place:
/// - where a folder is already there (an earlier result, or an empty folder), the two are exchanged in one step
///   (Linux `renameat2` with `RENAME_EXCHANGE`), so the name always refers to one complete result; the earlier one
///   is then removed;
/// - where the file system cannot exchange (the fallback), the earlier result is first renamed to
///   `.NAME.previous-PID` and the new one renamed into place; a run killed between the two renames leaves the earlier
///   result there, and the next run puts it back before it starts.
///
/// An interrupted run (SIGINT, SIGTERM, SIGHUP) removes its staging folder (``TemporaryCleanup``); the leftovers of a
/// killed run (SIGKILL) — staging folders of processes that no longer exist, recognised by their name and marker —
/// are removed by the next run writing to the same place.
public struct OutputFolder {
    /// The folder's final path, as given.
    public let path: String
    /// Where the files are written until ``commit()``.
    public let staging: String
    let target: String

    /// Checks `path` and prepares the staging folder.
    ///
    /// - Parameters:
    ///   - kind: the command writing the folder (`run`, `match`, `payback`, `generate`), named in the marker.
    ///   - inputs: the run's input files and folders (the output may not be, contain or lie inside one).
    /// - Throws: ``OutputLocationError`` when the location is refused or cannot be written.
    public init(path: String, kind: String, inputs: [String] = []) throws(OutputLocationError) {
        try OutputLocation.checkFolder(path, kind: kind, inputs: inputs)
        self.path = path
        target = resolvedPath(path)
        let parent = (target as NSString).deletingLastPathComponent
        let name = (target as NSString).lastPathComponent
        staging = parent + "/.\(name).partial-\(getpid())"
        do {
            try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        } catch {
            throw OutputLocationError("cannot create the folder \((path as NSString).deletingLastPathComponent): \(plainReason(error))")
        }
        OutputFolder.recoverLeftovers(parent: parent, name: name)
        try? FileManager.default.removeItem(atPath: staging)
        TemporaryCleanup.shared.register(staging)
        guard mkdir(staging, 0o755) == 0 else {
            let reason = String(cString: strerror(errno))
            TemporaryCleanup.shared.unregister(staging)
            throw OutputLocationError("cannot write to \(parent): \(reason)")
        }
        do {
            try writeBytes(Array(OutputLocation.markerText(kind: kind).utf8), to: staging + "/" + OutputLocation.marker)
        } catch {
            abandon()
            throw OutputLocationError("cannot write to \(parent): \(plainReason(error))")
        }
    }

    /// Writes the file `name` (UTF-8) into the staging folder.
    public func write(_ name: String, _ contents: String) throws {
        try writeBytes(Array(contents.utf8), to: staging + "/" + name)
    }

    /// Moves the staged folder into place, replacing an earlier output only now.
    public func commit() throws {
        try commit(exchange: { finsam_exchange_paths($0, $1) })
    }

    /// ``commit()`` with the exchange given (the tests pass one that fails as on a file system without it, to run the
    /// fallback).
    func commit(exchange: (String, String) -> Int32) throws {
        try TemporaryCleanup.shared.withLock {
            if OutputLocation.fileType(target) == nil {
                if rename(staging, target) != 0 { throw moveError() }
            } else if exchange(staging, target) == 0 {
                // `staging` now holds the earlier result.
            } else if errno == ENOSYS || errno == EINVAL {
                let previous = (staging as NSString).deletingLastPathComponent + "/.\((target as NSString).lastPathComponent).previous-\(getpid())"
                if rename(target, previous) != 0 { throw moveError() }
                if rename(staging, target) != 0 {
                    let error = moveError()
                    rename(previous, target)   // put the earlier output back
                    throw error
                }
                rename(previous, staging)
            } else {
                throw moveError()
            }
        }
        try? FileManager.default.removeItem(atPath: staging)
        TemporaryCleanup.shared.unregister(staging)
    }

    /// Removes the staged files after a failure.
    public func abandon() {
        try? FileManager.default.removeItem(atPath: staging)
        TemporaryCleanup.shared.unregister(staging)
    }

    private func moveError() -> OutputLocationError {
        OutputLocationError("cannot move the results into \(path): \(String(cString: strerror(errno)))")
    }

    /// Removes the staging folders of runs that no longer exist and, where a killed run left the earlier result
    /// renamed aside and nothing in its place, puts it back.
    static func recoverLeftovers(parent: String, name: String) {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: parent) else { return }
        for entry in entries.sorted() {
            for kind in ["partial", "previous"] {
                let prefix = ".\(name).\(kind)-"
                guard entry.hasPrefix(prefix), let pid = Int32(entry.dropFirst(prefix.count)), pid != getpid(),
                      kill(pid, 0) != 0, errno == ESRCH else { continue }
                let leftover = parent + "/" + entry
                guard FileManager.default.fileExists(atPath: leftover + "/" + OutputLocation.marker) else { continue }
                if kind == "previous", OutputLocation.fileType(parent + "/" + name) == nil {
                    rename(leftover, parent + "/" + name)
                } else {
                    try? FileManager.default.removeItem(atPath: leftover)
                }
            }
        }
    }
}

/// Writes `bytes` to `path`, with a plain error message.
func writeBytes(_ bytes: [UInt8], to path: String) throws {
    guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else {
        throw OutputLocationError("cannot write \(path): \(String(cString: strerror(errno)))")
    }
}

/// The reason of a Foundation error in plain words (no error-domain dump).
func plainReason(_ error: Error) -> String {
    if let e = error as? OutputLocationError { return e.description }
    let ns = error as NSError
    if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
        return String(cString: strerror(Int32(underlying.code)))
    }
    if ns.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(ns.code))) }
    return ns.localizedDescription
}
