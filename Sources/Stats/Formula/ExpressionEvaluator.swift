import Foundation

/// Evaluates formula expressions column-wise over a table; NaN marks a missing value.
struct ExpressionEvaluator {
    let table: DataTable

    /// Whether `e` is a bare reference to a column that holds text only (R turns such a column into a factor).
    func isTextVariable(_ e: Expression) -> Bool {
        guard case .variable(let name) = e, case .text(let values)? = table[name] else { return false }
        return !values.contains { $0.map { Double($0) != nil } ?? false }
    }

    func numeric(_ e: Expression, context: String) throws -> [Double] {
        let n = table.rowCount
        switch e {
        case .number(let x):
            return [Double](repeating: x, count: n)
        case .variable(let name):
            guard let column = table[name] else {
                throw DataError(file: table.fileName, column: name,
                                "no such column; the columns are: " + table.names.joined(separator: ", "))
            }
            switch column {
            case .numeric(let v, _): return v
            case .text(let values):
                if let (row, value) = table.firstNonNumeric[name] {
                    throw DataError(file: table.fileName, line: table.line(ofRow: row), column: name,
                                    notANumber(context: context, found: value))
                }
                let row = values.firstIndex { $0 != nil } ?? 0
                throw DataError(file: table.fileName, line: table.line(ofRow: row), column: name,
                                notANumber(context: context, found: values[row] ?? ""))
            }
        case .group(let inner):
            return try numeric(inner, context: context)
        case .negate(let inner):
            return try numeric(inner, context: context).map { -$0 }
        case .call(let f, let inner):
            let v = try numeric(inner, context: context)
            let fn: (Double) -> Double
            switch f {
            case "log": fn = { Foundation.log($0) }
            case "log2": fn = { Foundation.log2($0) }
            case "log10": fn = { Foundation.log10($0) }
            case "exp": fn = { Foundation.exp($0) }
            case "sqrt": fn = { $0.squareRoot() }
            case "abs": fn = { Swift.abs($0) }
            default: fn = { $0 } // I()
            }
            let out = v.map { $0.isNaN ? $0 : fn($0) }
            try checkFinite(out, source: v, label: e.label)
            return out
        case .binary(let op, let a, let b):
            let x = try numeric(a, context: context)
            let y = try numeric(b, context: context)
            let out: [Double]
            switch op {
            case "+": out = zip(x, y).map { $0 + $1 }
            case "-": out = zip(x, y).map { $0 - $1 }
            case "*": out = zip(x, y).map { $0 * $1 }
            case "/": out = zip(x, y).map { $0 / $1 }
            default: out = zip(x, y).map { Foundation.pow($0, $1) }
            }
            try checkFinite(out, source: x, label: e.label)
            return out
        }
    }

    /// "expected a number (x), found "oops"", saying so when the text is a number too large for a `Double` (`1e400`).
    private func notANumber(context: String, found value: String) -> String {
        let digitsOnly = value.allSatisfy { $0.isNumber || "+-.,eE ".contains($0) }
        let overflow = digitsOnly && Double(value.replacingOccurrences(of: ",", with: ".").trimmingSpaces())?.isInfinite == true
        return "expected a number (\(context)), found \(quotedExcerpt(value))"
            + (overflow ? ", beyond the largest number a double holds (about 1.8e308)" : "")
    }

    /// A transformation that turns a present value into NaN or ±∞ (log of 0, division by 0) is an error, as in R's lm.
    private func checkFinite(_ out: [Double], source: [Double], label: String) throws {
        for i in out.indices where !out[i].isFinite && !source[i].isNaN {
            throw DataError(file: table.fileName, line: table.line(ofRow: i), column: label,
                            "the value is not finite (\(formatShortest(out[i]))); the model cannot use it")
        }
    }
}
