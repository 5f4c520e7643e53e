import Foundation

/// One output file written atomically and without loss: ``init(path:inputs:isEarlierOutput:)`` checks the location
/// (``OutputLocation/checkFile(_:inputs:isEarlierOutput:)``) and creates the temporary `.NAME.tmp-PID` beside it before
/// the run computes anything; ``commit(_:)`` writes the contents there and renames it into place in one step. An
/// interrupted run removes the temporary (``TemporaryCleanup``).
public struct OutputFile {
    /// The file's path, as given.
    public let path: String
    let target: String
    let temporary: String

    /// Checks `path` and creates the temporary file.
    ///
    /// - Parameters:
    ///   - inputs: the run's input files and folders; the output may not be one of them or lie inside one.
    ///   - isEarlierOutput: recognises an earlier output of the same command from its first line; any other existing
    ///     file is refused.
    /// - Throws: ``OutputLocationError`` when the location is refused or cannot be written.
    public init(path: String, inputs: [String] = [], isEarlierOutput: (String) -> Bool) throws(OutputLocationError) {
        try OutputLocation.checkFile(path, inputs: inputs, isEarlierOutput: isEarlierOutput)
        self.path = path
        target = resolvedPath(path)
        let parent = (target as NSString).deletingLastPathComponent
        temporary = parent + "/.\((target as NSString).lastPathComponent).tmp-\(getpid())"
        TemporaryCleanup.shared.register(temporary)
        do {
            try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
            try writeBytes([], to: temporary)
        } catch {
            TemporaryCleanup.shared.unregister(temporary)
            throw OutputLocationError("cannot write to \(parent): \(plainReason(error))")
        }
    }

    /// Writes `contents` (UTF-8) and renames the file into place.
    public func commit(_ contents: String) throws {
        defer { TemporaryCleanup.shared.unregister(temporary) }
        do {
            try writeBytes(Array(contents.utf8), to: temporary)
            try TemporaryCleanup.shared.withLock {
                if rename(temporary, target) != 0 {
                    throw OutputLocationError("cannot move the output into \(path): \(String(cString: strerror(errno)))")
                }
            }
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw error
        }
    }

    /// Removes the temporary file after a failure.
    public func abandon() {
        try? FileManager.default.removeItem(atPath: temporary)
        TemporaryCleanup.shared.unregister(temporary)
    }
}
