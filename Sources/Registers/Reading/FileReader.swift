import Stats

/// Reads one contract file row by row, giving each row's contract columns as text, and collects located problems.
struct FileReader {
    let bytes: [UInt8]
    let fileName: String
    var diagnostics: Diagnostics
    var rowCount = 0

    init(bytes: [UInt8], fileName: String, diagnostics: Diagnostics) {
        self.bytes = bytes
        self.fileName = fileName
        self.diagnostics = diagnostics
    }

    mutating func problem(line: Int?, column: String?, _ message: String) {
        diagnostics.add(file: fileName, line: line, column: column, message)
    }

    /// Calls `body(fields, line)` for every data row with the named columns' text, in the order given.
    mutating func rows(_ columns: [String], _ body: (inout FileReader, [String], Int) -> Void) {
        let parsed: (header: [String], rows: [[String]], lines: [Int])
        do {
            parsed = try bytes.withUnsafeBufferPointer { buffer -> ([String], [[String]], [Int]) in
                let parser = CSVParser(buffer: buffer, fileName: fileName)
                let header = parser.headerNames()
                var positions = [Int](repeating: -1, count: header.count)
                for (k, name) in columns.enumerated() {
                    if let c = header.firstIndex(of: name) { positions[c] = k }
                }
                let missing = columns.filter { !header.contains($0) }
                if !missing.isEmpty {
                    throw DataError(file: fileName, line: 1, "expected the columns \(columns.joined(separator: ", ")); missing: \(missing.joined(separator: ", "))")
                }
                var rows: [[String]] = []
                var current = [String](repeating: "", count: columns.count)
                var currentRow = 0
                var ignored: [String] = []
                let (count, lines) = try parser.scan(header: &ignored) { column, row, field, _ in
                    if row != currentRow {
                        rows.append(current)
                        current = [String](repeating: "", count: columns.count)
                        currentRow = row
                    }
                    let k = positions[column]
                    if k >= 0 { current[k] = String(decoding: field, as: UTF8.self).trimmingCharacters(in: .whitespaces) }
                }
                if count > 0 { rows.append(current) }
                return (header, rows, lines)
            }
        } catch let error as DataError {
            diagnostics.add(error)
            return
        } catch {
            problem(line: nil, column: nil, "cannot read the file: \(error)")
            return
        }
        rowCount = parsed.rows.count
        for (fields, line) in zip(parsed.rows, parsed.lines) { body(&self, fields, line) }
    }

    // MARK: - Field parsers: each returns nil and records a problem when the text is not of its kind.

    mutating func identifier(_ text: String, line: Int, column: String) -> String {
        if text.isEmpty { problem(line: line, column: column, "expected an identifier, found an empty cell") }
        return text
    }

    mutating func code(_ text: String, line: Int, column: String, allowed: [String]) -> String {
        if !allowed.contains(text) {
            problem(line: line, column: column, "expected one of \(allowed.joined(separator: ", ")), found \"\(text)\"")
        }
        return text
    }

    mutating func number(_ text: String, line: Int, column: String) -> Double? {
        let decimal: UInt8 = text.contains(",") && !text.contains(".") ? UInt8(ascii: ",") : UInt8(ascii: ".")
        let value = Array(text.utf8).withUnsafeBufferPointer { parseDecimal($0, decimalSeparator: decimal) }
        guard let value, value.isFinite else {
            problem(line: line, column: column, "expected a number, found \"\(text)\"")
            return nil
        }
        return value
    }

    mutating func nonNegative(_ text: String, line: Int, column: String) -> Double? {
        guard let v = number(text, line: line, column: column) else { return nil }
        if v < 0 {
            problem(line: line, column: column, "expected a non-negative amount, found \(text)")
            return nil
        }
        return v
    }

    mutating func integer(_ text: String, line: Int, column: String, range: ClosedRange<Int>) -> Int? {
        guard let v = Int(text), range.contains(v) else {
            problem(line: line, column: column, "expected a whole number in \(range.lowerBound)…\(range.upperBound), found \"\(text)\"")
            return nil
        }
        return v
    }

    mutating func integer(_ text: String, line: Int, column: String, allowed: [Int]) -> Int? {
        guard let v = Int(text), allowed.contains(v) else {
            problem(line: line, column: column, "expected one of \(allowed.map(String.init).joined(separator: ", ")), found \"\(text)\"")
            return nil
        }
        return v
    }

    mutating func kommun(_ text: String, line: Int, column: String) -> Int16? {
        guard text.count == 4, text.allSatisfy(\.isASCIIDigit), let v = Int16(text) else {
            problem(line: line, column: column, "expected a four-digit kommun code (e.g. 0180), found \"\(text)\"")
            return nil
        }
        return v
    }

    mutating func day(_ text: String, line: Int, column: String) -> Day? {
        guard let d = Day(iso: text) else {
            problem(line: line, column: column, "expected a date YYYY-MM-DD, found \"\(text)\"")
            return nil
        }
        return d
    }

    mutating func optionalDay(_ text: String, line: Int, column: String) -> Day? {
        text.isEmpty ? nil : day(text, line: line, column: column)
    }

    mutating func month(_ text: String, line: Int, column: String) -> Month? {
        guard let m = Month(iso: text) else {
            problem(line: line, column: column, "expected a month YYYY-MM, found \"\(text)\"")
            return nil
        }
        return m
    }

    mutating func checkOrder(_ start: Day?, _ end: Day?, line: Int, column: String) {
        if let start, let end, end < start {
            problem(line: line, column: column, "expected a date on or after the start (\(start)), found \(end)")
        }
    }

    mutating func support(_ text: String, line: Int, column: String) -> SupportCategory? {
        if text.isEmpty { return nil }
        guard let s = SupportCategory(code: text) else {
            problem(line: line, column: column, "expected one of \(SupportCategory.codes.joined(separator: ", ")) or empty, found \"\(text)\"")
            return nil
        }
        return s
    }

    /// A person reference: known in persons.csv, and not a personnummer.
    mutating func person(_ text: String, line: Int, persons: PersonTable) -> Int32? {
        if let index = persons.index[text] { return index }
        if looksLikePersonnummer(text) {
            problem(line: line, column: "person_id", "expected a pseudonymised id, found what looks like a real personnummer; FinsamEval refuses identifying data (pseudonymise the ids before use)")
        } else {
            problem(line: line, column: "person_id", "expected a person id from persons.csv, found \"\(text)\"")
        }
        return nil
    }
}

import Foundation
