/// A problem with input data, located at `file:line: column` where that is known.
///
/// The command-line tool prints `description` and exits with status 65 (`EX_DATAERR`).
public struct DataError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String?
    public var line: Int?
    public var column: String?
    public var message: String

    /// An error with its message and, where known, the file, 1-based line and column.
    public init(file: String? = nil, line: Int? = nil, column: String? = nil, _ message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String {
        var prefix = ""
        if let file { prefix += file + ":" }
        if let line { prefix += "\(line):" }
        if let column { prefix += (prefix.isEmpty ? "" : " ") + "\(column):" }
        return prefix.isEmpty ? message : prefix + " " + message
    }
}

/// `text` in quotes for an error message, cut to its first `limit` characters (with "…") so that a huge or binary
/// field cannot flood the terminal.
public func quotedExcerpt(_ text: String, limit: Int = 80) -> String {
    text.count <= limit ? "\"\(text)\"" : "\"\(text.prefix(limit))…\" (\(text.utf8.count) bytes)"
}
