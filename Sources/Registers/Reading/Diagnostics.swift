import Stats

/// The problems found in a dataset: every one is counted, the first ``limit`` are kept with their location.
public struct Diagnostics: Sendable {
    /// How many problems are kept with their location.
    public static let limit = 20
    /// The first ``limit`` problems, in the order found.
    public private(set) var listed: [DataError] = []
    /// How many problems were found in all.
    public private(set) var count = 0

    /// No problems yet.
    public init() {}

    /// Whether no problem was found.
    public var isEmpty: Bool { count == 0 }

    /// Counts a problem, and keeps it while fewer than ``limit`` are listed.
    public mutating func add(_ error: DataError) {
        count += 1
        if listed.count < Diagnostics.limit { listed.append(error) }
    }

    /// Counts a problem located at `file:line: column`.
    public mutating func add(file: String, line: Int? = nil, column: String? = nil, _ message: String) {
        add(DataError(file: file, line: line, column: column, message))
    }

    /// The report printed by `evaluate validate`: one line per listed problem, then how many more there were.
    public var report: String {
        var lines = listed.map(\.description)
        if count > listed.count { lines.append("… and \(count - listed.count) more problems (\(count) in all)") }
        return lines.joined(separator: "\n")
    }
}

/// Invalid input: the dataset has problems. `evaluate` prints ``Diagnostics/report`` and exits with status 65.
public struct ValidationFailure: Error, Sendable, CustomStringConvertible {
    /// The problems found.
    public var diagnostics: Diagnostics
    public var description: String { diagnostics.report }
}
