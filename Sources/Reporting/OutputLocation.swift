import Foundation

/// An output location that `evaluate` refuses to write, or cannot write: the run stops before any computation,
/// and `evaluate` exits with status 73 (EX_CANTCREAT of sysexits(3)).
public struct OutputLocationError: Error, Sendable, CustomStringConvertible {
    /// The one-line reason, naming the path.
    public let description: String

    /// An error with its one-line reason.
    public init(_ description: String) {
        self.description = description
    }
}

/// The rules that keep a run from destroying what it did not write.
///
/// A run may replace only an output that `evaluate` itself wrote: a folder holding the marker file
/// ``marker`` (every output folder gets one), or a file the caller recognises as its own earlier output. It never
/// writes over or around its inputs, the current folder or one of its ancestors.
public enum OutputLocation {
    /// The marker file in every folder `evaluate` writes; a folder that holds it may be replaced by a later run of
    /// the same command.
    public static let marker = ".finsameval-output"

    /// The marker's contents for the output of `evaluate KIND`: its first line names the command.
    static func markerText(kind: String) -> String {
        "FinsamEval evaluate \(kind)\nThis folder was written by FinsamEval's `evaluate \(kind)`; a later run of it writing to the same place replaces it.\n"
    }

    /// Checks that `path` may become (or replace) an output folder of `evaluate KIND`.
    ///
    /// - Parameters:
    ///   - kind: the command writing the folder (`run`, `match`, `payback`, `generate`); only a folder whose marker
    ///     names the same command is replaced.
    ///   - inputs: the run's input files and folders: the output may neither be one of them, contain one, nor lie
    ///     inside one.
    /// - Throws: ``OutputLocationError`` for an existing file, a non-empty folder without the marker or with another
    ///   command's marker, the current folder or an ancestor of it, or a folder that contains or lies inside an input.
    public static func checkFolder(_ path: String, kind: String, inputs: [String]) throws(OutputLocationError) {
        let resolved = resolvedPath(path)
        try checkAgainstInputs(path, resolved: resolved, inputs: inputs)
        let cwd = resolvedPath(FileManager.default.currentDirectoryPath)
        if resolved == "/" || cwd == resolved || cwd.hasPrefix(resolved + "/") {
            throw OutputLocationError("\(path) is the current folder or contains it; give a new folder for the results")
        }
        switch fileType(resolved) {
        case .none:
            return
        case .directory?:
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: resolved)) ?? []
            if entries.isEmpty { return }
            if entries.contains(marker) {
                let owner = firstLineOfFile(resolved + "/" + marker)
                if owner == markerText(kind: kind).prefix(while: { $0 != "\n" }) { return }
                throw OutputLocationError("\(path) holds the output of \(owner.replacingOccurrences(of: "FinsamEval ", with: "")), not of evaluate \(kind); give another folder")
            }
            throw OutputLocationError("\(path) is a folder that evaluate did not write (it has no \(marker) marker) and is not empty; give a new folder, or empty it yourself")
        case .some:
            throw OutputLocationError("\(path) exists and is not a folder; give a new folder for the results")
        }
    }

    /// Checks that `path` may become (or replace) an output file: it is not an input, and if it exists it is a
    /// regular file that `isEarlierOutput` recognises from its first line.
    public static func checkFile(_ path: String, inputs: [String], isEarlierOutput: (String) -> Bool) throws(OutputLocationError) {
        let resolved = resolvedPath(path)
        try checkAgainstInputs(path, resolved: resolved, inputs: inputs)
        switch fileType(resolved) {
        case .none:
            return
        case .regular?:
            let firstLine = firstLineOfFile(resolved)
            if isEarlierOutput(firstLine) { return }
            throw OutputLocationError("\(path) exists and is not an earlier output of this command; give a new file name, or remove it yourself")
        case .some:
            throw OutputLocationError("\(path) exists and is not a regular file; give a new file name")
        }
    }

    private static func checkAgainstInputs(_ path: String, resolved: String, inputs: [String]) throws(OutputLocationError) {
        for input in inputs {
            let r = resolvedPath(input)
            if r == resolved {
                throw OutputLocationError("\(path) is the input \(input); the results must go elsewhere")
            }
            if r.hasPrefix(resolved + "/") || resolved == "/" {
                throw OutputLocationError("\(path) contains the input \(input); the results must go elsewhere")
            }
            if fileType(r) == .directory, resolved.hasPrefix(r + "/") {
                throw OutputLocationError("\(path) lies inside the input folder \(input); the results must go elsewhere")
            }
        }
    }

    enum FileType { case regular, directory, other }

    /// The type of what is at `path` (following symbolic links), nil when nothing is there.
    static func fileType(_ path: String) -> FileType? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .regular
        case S_IFDIR: return .directory
        default: return .other
        }
    }

    private static func firstLineOfFile(_ path: String) -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else { return "" }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 4096)) ?? Data()
        var bytes = [UInt8](head)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        let line = bytes.prefix { $0 != 10 && $0 != 13 }
        return String(decoding: line, as: UTF8.self)
    }
}

/// The absolute form of `path` with symbolic links resolved as far as the path exists; the part that does not exist
/// yet is appended with `.` and `..` applied.
public func resolvedPath(_ path: String) -> String {
    let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
    var resolved = "/"
    var exists = true
    for component in absolute.split(separator: "/") {
        switch component {
        case ".": continue
        case "..":
            resolved = (resolved as NSString).deletingLastPathComponent
            if resolved.isEmpty { resolved = "/" }
        default:
            let next = resolved == "/" ? "/" + component : resolved + "/" + component
            if exists, let real = realpath(next, nil) {
                resolved = String(cString: real)
                free(real)
            } else {
                exists = false
                resolved = next
            }
        }
    }
    return resolved
}
