import Stats

/// The contract columns of one CSV row, as byte ranges (spaces trimmed) into a row buffer.
struct Fields {
    let bytes: UnsafeBufferPointer<UInt8>
    let ranges: [Range<Int>]

    subscript(k: Int) -> UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: bytes[ranges[k]]) }

    func text(_ k: Int) -> String { String(decoding: self[k], as: UTF8.self) }

    func isEmpty(_ k: Int) -> Bool { ranges[k].isEmpty }
}

/// Reads one contract file row by row straight from its bytes, and collects located problems.
///
/// Fields are parsed without creating a `String` unless the value is text that must be kept (ids, names) or is
/// quoted in an error message, which keeps reading near the speed of the byte scanner.
struct FileReader {
    let bytes: [UInt8]
    let fileName: String
    var diagnostics: Diagnostics
    var rowCount = 0
    /// Set when persons.csv had problems: a reference to an unknown person is then most likely their consequence,
    /// and such references are counted into one problem (``reportUnknownPersons()``) instead of one per row.
    var personsIncomplete = false
    var unknownPersons: (count: Int, firstLine: Int, firstId: String) = (0, 0, "")

    init(bytes: [UInt8], fileName: String, diagnostics: Diagnostics) {
        self.bytes = bytes
        self.fileName = fileName
        self.diagnostics = diagnostics
    }

    mutating func problem(line: Int?, column: String?, _ message: String) {
        diagnostics.add(file: fileName, line: line, column: column, message)
    }

    /// Calls `body(fields, line)` for every data row with the named columns, in the order given.
    mutating func rows(_ columns: [String], _ body: (inout FileReader, Fields, Int) -> Void) {
        let bytes = self.bytes
        do {
            try bytes.withUnsafeBufferPointer { buffer in
                let parser = CSVParser(buffer: buffer, fileName: fileName)
                let header = parser.headerNames()
                for (k, name) in header.enumerated() where header[..<k].contains(name) {
                    throw DataError(file: fileName, line: 1, "the column name \(quotedExcerpt(name)) appears twice in the header")
                }
                let missing = columns.filter { !header.contains($0) }
                if !missing.isEmpty {
                    throw DataError(file: fileName, line: 1, "expected the columns \(columns.joined(separator: ", ")); missing: \(missing.joined(separator: ", "))")
                }
                var positions = [Int](repeating: -1, count: header.count)
                for (k, name) in columns.enumerated() { positions[header.firstIndex(of: name)!] = k }
                let last = header.count - 1
                var rowBuffer: [UInt8] = []
                rowBuffer.reserveCapacity(256)
                var ranges = [Range<Int>](repeating: 0..<0, count: columns.count)
                var ignored: [String] = []
                var reader = self
                _ = try parser.scan(header: &ignored, onBadRecord: { error in
                    reader.diagnostics.add(error)
                    rowBuffer.removeAll(keepingCapacity: true)
                }) { column, _, field, line in
                    let k = positions[column]
                    if k >= 0 {
                        var a = 0, z = field.count
                        while a < z, field[a] == 32 { a += 1 }
                        while z > a, field[z - 1] == 32 { z -= 1 }
                        let start = rowBuffer.count
                        rowBuffer.append(contentsOf: UnsafeBufferPointer(rebasing: field[a..<z]))
                        ranges[k] = start..<rowBuffer.count
                    }
                    if column == last {
                        rowBuffer.withUnsafeBufferPointer { rb in
                            body(&reader, Fields(bytes: rb, ranges: ranges), line)
                        }
                        reader.rowCount += 1
                        rowBuffer.removeAll(keepingCapacity: true)
                    }
                }
                self = reader
            }
        } catch let error as DataError {
            diagnostics.add(error)
        } catch {
            problem(line: nil, column: nil, "cannot read the file: \(error)")
        }
    }

    // MARK: - Field parsers: each returns nil and records a problem when the field is not of its kind.

    mutating func identifier(_ f: Fields, _ k: Int, line: Int, column: String) -> String {
        if f.isEmpty(k) { problem(line: line, column: column, "expected an identifier, found an empty cell") }
        return f.text(k)
    }

    /// The index of the field's value in `allowed`.
    mutating func code(_ f: Fields, _ k: Int, line: Int, column: String, allowed: [String]) -> Int? {
        let field = f[k]
        for (i, a) in allowed.enumerated() where a.utf8.elementsEqual(field) { return i }
        problem(line: line, column: column, "expected one of \(allowed.joined(separator: ", ")), found \(quotedExcerpt(f.text(k)))")
        return nil
    }

    mutating func number(_ f: Fields, _ k: Int, line: Int, column: String) -> Double? {
        let field = f[k]
        var hasComma = false, hasPoint = false
        for b in field { if b == UInt8(ascii: ",") { hasComma = true } else if b == UInt8(ascii: ".") { hasPoint = true } }
        let decimal: UInt8 = hasComma && !hasPoint ? UInt8(ascii: ",") : UInt8(ascii: ".")
        guard let value = parseDecimal(field, decimalSeparator: decimal), value.isFinite else {
            problem(line: line, column: column, "expected a number, found \(quotedExcerpt(f.text(k)))")
            return nil
        }
        return value
    }

    mutating func nonNegative(_ f: Fields, _ k: Int, line: Int, column: String) -> Double? {
        guard let v = number(f, k, line: line, column: column) else { return nil }
        if v < 0 {
            problem(line: line, column: column, "expected a non-negative amount, found \(f.text(k))")
            return nil
        }
        return v
    }

    mutating func integer(_ f: Fields, _ k: Int, line: Int, column: String, range: ClosedRange<Int>) -> Int? {
        guard let v = wholeNumber(f[k]), range.contains(v) else {
            problem(line: line, column: column, "expected a whole number in \(range.lowerBound)…\(range.upperBound), found \(quotedExcerpt(f.text(k)))")
            return nil
        }
        return v
    }

    mutating func integer(_ f: Fields, _ k: Int, line: Int, column: String, allowed: [Int]) -> Int? {
        guard let v = wholeNumber(f[k]), allowed.contains(v) else {
            problem(line: line, column: column, "expected one of \(allowed.map(String.init).joined(separator: ", ")), found \(quotedExcerpt(f.text(k)))")
            return nil
        }
        return v
    }

    mutating func kommun(_ bytes: UnsafeBufferPointer<UInt8>, line: Int, column: String) -> Int16? {
        guard bytes.count == 4, let v = wholeNumber(bytes) else {
            problem(line: line, column: column, "expected a four-digit kommun code (e.g. 0180), found \(quotedExcerpt(String(decoding: bytes, as: UTF8.self)))")
            return nil
        }
        return Int16(v)
    }

    mutating func kommun(text: String, line: Int, column: String) -> Int16? {
        Array(text.utf8).withUnsafeBufferPointer { bytes in
            guard bytes.count == 4, let v = wholeNumber(bytes) else {
                problem(line: line, column: column, "expected a four-digit kommun code (e.g. 0180), found \(quotedExcerpt(text))")
                return nil
            }
            return Int16(v)
        }
    }

    /// The dates a register file may hold: 1900-01-01…2100-12-31 (spells, participations, insatser). A date outside
    /// is a located error, so a placeholder such as 0001-01-01 or 9999-12-31 cannot stretch the monthly panel.
    static let dateRange = Day(year: 1900, month: 1, day: 1)...Day(year: 2100, month: 12, day: 31)

    mutating func day(_ f: Fields, _ k: Int, line: Int, column: String) -> Day? {
        guard let d = Day(isoBytes: f[k]) else {
            problem(line: line, column: column, "expected a date YYYY-MM-DD, found \(quotedExcerpt(f.text(k)))")
            return nil
        }
        guard FileReader.dateRange.contains(d) else {
            problem(line: line, column: column, "expected a date in \(FileReader.dateRange.lowerBound)…\(FileReader.dateRange.upperBound), found \(d)")
            return nil
        }
        return d
    }

    mutating func optionalDay(_ f: Fields, _ k: Int, line: Int, column: String) -> Day? {
        f.isEmpty(k) ? nil : day(f, k, line: line, column: column)
    }

    mutating func month(_ f: Fields, _ k: Int, line: Int, column: String) -> Month? {
        guard let m = Month(isoBytes: f[k]) else {
            problem(line: line, column: column, "expected a month YYYY-MM, found \(quotedExcerpt(f.text(k)))")
            return nil
        }
        guard FileReader.dateRange.contains(m.firstDay) else {
            problem(line: line, column: column, "expected a month in \(FileReader.dateRange.lowerBound.month)…\(FileReader.dateRange.upperBound.month), found \(m)")
            return nil
        }
        return m
    }

    mutating func checkOrder(_ start: Day?, _ end: Day?, line: Int, column: String) {
        if let start, let end, end < start {
            problem(line: line, column: column, "expected a date on or after the start (\(start)), found \(end)")
        }
    }

    mutating func support(_ f: Fields, _ k: Int, line: Int, column: String) -> SupportCategory? {
        if f.isEmpty(k) { return nil }
        guard let s = SupportCategory(code: f.text(k)) else {
            problem(line: line, column: column, "expected one of \(SupportCategory.codes.joined(separator: ", ")) or empty, found \(quotedExcerpt(f.text(k)))")
            return nil
        }
        return s
    }

    /// A person reference: known in persons.csv, and not a personnummer.
    mutating func person(_ f: Fields, _ k: Int, line: Int, persons: PersonTable) -> Int32? {
        let text = f.text(k)
        if let index = persons.index[text] { return index }
        if looksLikePersonnummer(text) {
            problem(line: line, column: "person_id", "expected a pseudonymised id, found what looks like a real personnummer; FinsamEval refuses identifying data (pseudonymise the ids before use)")
        } else if personsIncomplete {
            if unknownPersons.count == 0 { unknownPersons = (0, line, text) }
            unknownPersons.count += 1
        } else {
            problem(line: line, column: "person_id", "expected a person id from persons.csv, found \(quotedExcerpt(text))")
        }
        return nil
    }

    /// The one problem that stands for every reference to a person missing from an incomplete persons.csv.
    mutating func reportUnknownPersons() {
        guard unknownPersons.count > 0 else { return }
        problem(line: unknownPersons.firstLine, column: "person_id",
                "\(unknownPersons.count) rows name persons not in persons.csv (the first: \(quotedExcerpt(unknownPersons.firstId))) — persons.csv has problems listed above; fix those first")
    }
}

/// A non-negative or negative whole number in ASCII digits, nil otherwise.
func wholeNumber(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
    guard !bytes.isEmpty, bytes.count <= 18 else { return nil }
    var i = 0
    var negative = false
    if bytes[0] == UInt8(ascii: "-") { negative = true; i = 1 }
    guard i < bytes.count else { return nil }
    var v = 0
    while i < bytes.count {
        let d = bytes[i] &- 48
        guard d < 10 else { return nil }
        v = v * 10 + Int(d)
        i += 1
    }
    return negative ? -v : v
}
