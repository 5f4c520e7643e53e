import Foundation

/// An output folder written atomically: files go into a temporary sibling folder that is renamed into place only
/// when every file is written, so a failed run leaves no partial output and never damages an earlier one.
public struct OutputFolder {
    /// The folder's final path.
    public let path: String
    let staging: String

    /// Prepares an atomic write of the folder at `path`: creates an empty staging folder beside it
    /// (`.NAME.partial-PID`, replacing a stale one). Nothing at `path` changes before ``commit()``.
    ///
    /// - Throws: when the staging folder cannot be created.
    public init(path: String) throws {
        let url = URL(fileURLWithPath: path)
        self.path = url.path
        staging = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).partial-\(ProcessInfo.processInfo.processIdentifier)").path
        try? FileManager.default.removeItem(atPath: staging)
        try FileManager.default.createDirectory(atPath: staging, withIntermediateDirectories: true)
    }

    /// Writes the file `name` (UTF-8) into the staging folder.
    public func write(_ name: String, _ contents: String) throws {
        try Data(contents.utf8).write(to: URL(fileURLWithPath: staging + "/" + name))
    }

    /// Moves the staged folder into place (replacing an earlier output only now).
    public func commit() throws {
        let fm = FileManager.default
        if fm.fileExists(atPath: path) {
            let old = staging + ".old"
            try fm.moveItem(atPath: path, toPath: old)
            do {
                try fm.moveItem(atPath: staging, toPath: path)
            } catch {
                try? fm.moveItem(atPath: old, toPath: path)   // put the earlier output back
                throw error
            }
            try? fm.removeItem(atPath: old)
        } else {
            try fm.createDirectory(atPath: URL(fileURLWithPath: path).deletingLastPathComponent().path, withIntermediateDirectories: true)
            try fm.moveItem(atPath: staging, toPath: path)
        }
    }

    /// Removes the staged files after a failure.
    public func abandon() {
        try? FileManager.default.removeItem(atPath: staging)
    }
}
