/// Reading CSV into a ``DataTable``.
///
/// A single pass over the bytes finds the fields and parses numbers straight into column buffers; only columns that
/// turn out not to be numeric get a second pass that collects their text. Both dialects of ``CSVDialect`` are read: the
/// dialect is detected from the header line (`;` outside quotes ⇒ Swedish: `;` separator, decimal comma), a UTF-8
/// byte-order mark is skipped, CRLF and LF line ends are accepted, and quoted fields may hold separators, doubled
/// quotes and newlines. Empty cells and `NA` are missing values.
extension DataTable {
    /// Reads a CSV file (or `.csv.gz`).
    ///
    /// - Throws: ``DataError`` for an unreadable or empty file, a row with the wrong number of fields
    ///   (`file:line: expected N fields, found M`), or duplicate or empty column names.
    ///
    /// - Parameter textColumns: columns kept as text even when they look numeric (identifiers and codes with leading
    ///   zeros, such as kommun `0180`).
    public static func read(path: String, textColumns: Set<String> = []) throws -> DataTable {
        let bytes = try readFileBytes(path: path)
        return try parseCSV(bytes, fileName: path, textColumns: textColumns)
    }

    /// Parses CSV text already in memory; `fileName` is used in messages.
    public static func parseCSV(_ bytes: [UInt8], fileName: String = "<input>", textColumns: Set<String> = []) throws -> DataTable {
        try bytes.withUnsafeBufferPointer {
            var parser = CSVParser(buffer: $0, fileName: fileName)
            parser.forcedText = textColumns
            return try parser.table()
        }
    }
}

/// The byte-level CSV scanner behind ``DataTable/read(path:)``, public so that typed readers (the register files)
/// can parse fields straight from the bytes.
public struct CSVParser {
    /// The file's bytes.
    public let buffer: UnsafeBufferPointer<UInt8>
    /// The file name used in messages.
    public let fileName: String
    var start = 0
    /// The dialect detected from the header line.
    public private(set) var dialect = CSVDialect.rfc4180
    /// Columns read as text whatever they hold.
    var forcedText: Set<String> = []

    /// A parser over `buffer`, which must stay valid while the parser is used: skips a UTF-8 byte-order mark and
    /// detects the dialect from the header line.
    public init(buffer: UnsafeBufferPointer<UInt8>, fileName: String) {
        self.buffer = buffer
        self.fileName = fileName
        if buffer.count >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF { start = 3 }
        var lineEnd = start
        while lineEnd < buffer.count, buffer[lineEnd] != 10 { lineEnd += 1 }
        dialect = CSVDialect.detect(headerLine: UnsafeBufferPointer(rebasing: buffer[start..<lineEnd]))
    }

    /// The header names (the first record), trimmed.
    public func headerNames() -> [String] {
        let sep = dialect.separator
        var names: [String] = []
        var field: [UInt8] = []
        var inQuotes = false
        var pos = start
        while pos < buffer.count {
            let b = buffer[pos]
            if inQuotes {
                if b == UInt8(ascii: "\"") {
                    if pos + 1 < buffer.count, buffer[pos + 1] == UInt8(ascii: "\"") { field.append(b); pos += 1 } else { inQuotes = false }
                } else { field.append(b) }
            } else if b == UInt8(ascii: "\"") {
                inQuotes = true
            } else if b == sep {
                names.append(String(decoding: field, as: UTF8.self).trimmingSpaces())
                field.removeAll()
            } else if b == 10 || b == 13 {
                break
            } else {
                field.append(b)
            }
            pos += 1
        }
        if pos > start || !field.isEmpty { names.append(String(decoding: field, as: UTF8.self).trimmingSpaces()) }
        return names
    }

    /// The longest field, and the longest line, that a file may hold (1 MiB): a longer one is a located error, so a
    /// file without line ends (or a stray quote) cannot make the reader hold unbounded text in one field.
    public static let maximumLineBytes = 1 << 20

    /// Calls `body(column, row, fieldBytes, line)` for every field of every data row (0-based column and row,
    /// 1-based line), fills `header`, and returns the row count and each row's line. Quoted fields are unescaped
    /// before the call.
    ///
    /// The text must be UTF-8 with a byte-order mark at most at the start, and no line may exceed
    /// ``maximumLineBytes``. A row with the wrong number of fields is passed to `onBadRecord`, which throws it by
    /// default; a handler that returns lets the scan go on with the next row (the bad row's fields may already have
    /// been passed to `body`).
    public func scan(header: inout [String], onBadRecord: (DataError) throws -> Void = { throw $0 },
                     _ body: (Int, Int, UnsafeBufferPointer<UInt8>, Int) throws -> Void) throws -> (rows: Int, lines: [Int]) {
        try checkEncoding()
        return try scanRecords(header: &header, onBadRecord: onBadRecord, body)
    }

    /// Throws a located error at the first byte that is not UTF-8, or at a byte-order mark after the start.
    public func checkEncoding() throws {
        guard let problem = firstEncodingProblem(buffer, from: start) else { return }
        var line = 1, lineStart = 0
        for i in 0..<problem.offset where buffer[i] == 10 { line += 1; lineStart = i + 1 }
        switch problem.kind {
        case .byteOrderMark:
            throw DataError(file: fileName, line: line, "a byte-order mark (U+FEFF) in the middle of the file — were two files joined together? Remove it")
        case .notUTF8:
            let before = String(decoding: UnsafeBufferPointer(rebasing: buffer[max(lineStart, problem.offset - 40)..<problem.offset]), as: UTF8.self)
            let byte = String(buffer[problem.offset], radix: 16, uppercase: true)
            throw DataError(file: fileName, line: line, "not UTF-8 (Latin-1?): byte 0x\(byte) after \"\(before)\"; save the file as UTF-8")
        }
    }

    func scanRecords(header: inout [String], onBadRecord: (DataError) throws -> Void,
                     _ body: (Int, Int, UnsafeBufferPointer<UInt8>, Int) throws -> Void) throws -> (rows: Int, lines: [Int]) {
        let sep = dialect.separator
        let limit = CSVParser.maximumLineBytes
        let quote = UInt8(ascii: "\"")
        let n = buffer.count
        var pos = start
        var line = 1
        var row = -1 // -1 is the header
        var rowLines: [Int] = []
        var scratch: [UInt8] = []
        var expectedFields = -1
        var headerNames: [String] = []
        while pos < n {
            // Skip completely empty lines (a trailing newline, blank lines between records).
            if buffer[pos] == 10 || (buffer[pos] == 13 && pos + 1 < n && buffer[pos + 1] == 10) {
                pos += buffer[pos] == 13 ? 2 : 1
                line += 1
                continue
            }
            let rowLine = line
            let recordStart = pos
            var field = 0
            var endOfRecord = false
            while !endOfRecord {
                let fieldStart = pos
                var fieldEnd = pos
                var quoted = false
                if pos < n, buffer[pos] == quote {
                    quoted = true
                    scratch.removeAll(keepingCapacity: true)
                    pos += 1
                    while true {
                        guard pos < n else {
                            throw DataError(file: fileName, line: rowLine, "a quoted field is not closed before the end of the file")
                        }
                        let b = buffer[pos]
                        if b == quote {
                            if pos + 1 < n, buffer[pos + 1] == quote {
                                scratch.append(quote)
                                pos += 2
                                continue
                            }
                            pos += 1
                            break
                        }
                        if b == 10 { line += 1 }
                        scratch.append(b)
                        pos += 1
                        if pos - recordStart > limit { throw tooLong(rowLine, quoted: true) }
                    }
                    // Anything between the closing quote and the separator is kept verbatim.
                    while pos < n, buffer[pos] != sep, buffer[pos] != 10, buffer[pos] != 13 {
                        scratch.append(buffer[pos])
                        pos += 1
                    }
                } else {
                    while pos < n, buffer[pos] != sep, buffer[pos] != 10, buffer[pos] != 13 { pos += 1 }
                    fieldEnd = pos
                }
                if pos - recordStart > limit { throw tooLong(rowLine, quoted: false) }
                if pos >= n || buffer[pos] == 10 || buffer[pos] == 13 {
                    endOfRecord = true
                }
                if row < 0 {
                    let text: String = quoted
                        ? String(decoding: scratch, as: UTF8.self)
                        : String(decoding: UnsafeBufferPointer(rebasing: buffer[fieldStart..<fieldEnd]), as: UTF8.self)
                    headerNames.append(text.trimmingSpaces())
                } else if field < expectedFields {
                    if quoted {
                        try scratch.withUnsafeBufferPointer { try body(field, row, $0, rowLine) }
                    } else {
                        try body(field, row, UnsafeBufferPointer(rebasing: buffer[fieldStart..<fieldEnd]), rowLine)
                    }
                }
                field += 1
                if !endOfRecord { pos += 1 } // the separator
            }
            // Consume the line end.
            if pos < n, buffer[pos] == 13 { pos += 1 }
            if pos < n, buffer[pos] == 10 { pos += 1 }
            line += 1
            if row < 0 {
                expectedFields = headerNames.count
                header = headerNames
            } else {
                if field != expectedFields {
                    try onBadRecord(DataError(file: fileName, line: rowLine, "expected \(expectedFields) fields (as in the header), found \(field)"))
                    continue
                }
                rowLines.append(rowLine)
            }
            row += 1
        }
        if row < 0 { throw DataError(file: fileName, "the file is empty (no header row)") }
        return (row, rowLines)
    }

    private func tooLong(_ line: Int, quoted: Bool) -> DataError {
        DataError(file: fileName, line: line, "a line longer than \(CSVParser.maximumLineBytes / (1 << 20)) MiB"
                  + (quoted ? " (a quote that is never closed?)" : "; is this a CSV file?"))
    }

    func table() throws -> DataTable {
        // Pass 1: numbers (columns forced to text are marked as text from the first row).
        let forced = Set(headerNames().enumerated().filter { forcedText.contains($0.element) }.map(\.offset))
        var header: [String] = []
        var numbers: [[Double]] = []
        var textRow: [Int?] = []   // first row whose value is not a number, per column
        var allInteger: [Bool] = []
        let decimal = dialect.decimalSeparator
        let (rowCount, rowLines) = try scan(header: &header) { column, row, bytes, _ in
            if column >= numbers.count {
                let missingColumns = column + 1 - numbers.count
                numbers += Array(repeating: [], count: missingColumns)
                textRow += Array(repeating: nil, count: missingColumns)
                allInteger += Array(repeating: true, count: missingColumns)
            }
            if textRow[column] == nil, forced.contains(column) { textRow[column] = row }
            if textRow[column] != nil { numbers[column].append(.nan); return }
            if isMissingField(bytes) { numbers[column].append(.nan); return }
            if let v = parseDecimal(bytes, decimalSeparator: decimal) {
                numbers[column].append(v)
                if allInteger[column], v != v.rounded(.towardZero) { allInteger[column] = false }
            } else {
                textRow[column] = row
                numbers[column].append(.nan)
            }
        }
        try validateHeader(header)
        if rowCount == 0 {
            var t = DataTable()
            for name in header { t.append(name, .numeric([], isInteger: true)) }
            t.source = SourceLocation(file: fileName, rowLines: [])
            return t
        }
        // Pass 2: text columns.
        let textColumns = header.indices.filter { textRow[$0] != nil }
        var texts: [Int: [String?]] = [:]
        if !textColumns.isEmpty {
            let wanted = Set(textColumns)
            for c in textColumns { texts[c] = []; texts[c]!.reserveCapacity(rowCount) }
            var ignored: [String] = []
            _ = try scanRecords(header: &ignored, onBadRecord: { throw $0 }) { column, _, bytes, _ in
                guard wanted.contains(column) else { return }
                texts[column]!.append(isMissingField(bytes) ? nil : String(decoding: bytes, as: UTF8.self).trimmingSpaces())
            }
        }
        var table = DataTable()
        for (c, name) in header.enumerated() {
            if let values = texts[c] {
                table.append(name, .text(values))
                let r = textRow[c]!
                if !forced.contains(c) { table.noteNonNumeric(name, row: r, value: values[r] ?? "") }
            } else {
                table.append(name, .numeric(numbers[c], isInteger: allInteger[c]))
            }
        }
        table.source = SourceLocation(file: fileName, rowLines: rowLines)
        return table
    }

    private func validateHeader(_ header: [String]) throws {
        var seen = Set<String>()
        for (k, name) in header.enumerated() {
            if name.isEmpty {
                throw DataError(file: fileName, line: 1, "column \(k + 1) of the header has no name")
            }
            if !seen.insert(name).inserted {
                throw DataError(file: fileName, line: 1, "the column name \(quotedExcerpt(name)) appears twice in the header")
            }
        }
    }
}

/// Empty (or blank) fields and `NA` are missing values.
@inline(__always)
private func isMissingField(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    var i = 0
    var j = bytes.count
    while i < j, bytes[i] == 32 { i += 1 }
    while j > i, bytes[j - 1] == 32 { j -= 1 }
    if i == j { return true }
    return j - i == 2 && bytes[i] == UInt8(ascii: "N") && bytes[i + 1] == UInt8(ascii: "A")
}

extension String {
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}
