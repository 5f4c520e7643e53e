/// A recursive-descent parser for ``Formula``.
struct FormulaParser {
    enum Token: Equatable {
        case name(String), number(Double), symbol(Character), end
    }

    let text: String
    var tokens: [(token: Token, position: Int)] = []
    var index = 0

    static let functions: Set<String> = ["log", "exp", "sqrt", "abs", "I", "factor", "log2", "log10"]

    init(_ text: String) {
        self.text = text
    }

    func error(_ message: String, at position: Int) -> FormulaError {
        FormulaError(formula: text, position: position, message: message)
    }

    mutating func tokenize() throws {
        let chars = Array(text)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == " " || c == "\t" { i += 1; continue }
            if c == ".", i + 1 == chars.count || !(chars[i + 1].isLetter || chars[i + 1].isNumber || "_.".contains(chars[i + 1])) {
                throw error("the shorthand `.` for every other column is not supported (name the variables)", at: i)
            }
            if c.isLetter || c == "_" || c == "." && i + 1 < chars.count && !chars[i + 1].isNumber {
                let start = i
                while i < chars.count, chars[i].isLetter || chars[i].isNumber || chars[i] == "_" || chars[i] == "." { i += 1 }
                tokens.append((.name(String(chars[start..<i])), start))
            } else if c == "`" {
                let start = i
                i += 1
                while i < chars.count, chars[i] != "`" { i += 1 }
                guard i < chars.count else { throw error("unclosed backquote", at: start) }
                tokens.append((.name(String(chars[(start + 1)..<i])), start))
                i += 1
            } else if c.isNumber || c == "." {
                let start = i
                while i < chars.count, chars[i].isNumber || chars[i] == "." { i += 1 }
                if i < chars.count, chars[i] == "e" || chars[i] == "E" {
                    i += 1
                    if i < chars.count, chars[i] == "-" || chars[i] == "+" { i += 1 }
                    while i < chars.count, chars[i].isNumber { i += 1 }
                }
                guard let v = Double(String(chars[start..<i])) else { throw error("malformed number", at: start) }
                tokens.append((.number(v), start))
            } else if "~+-:*|()^/".contains(c) {
                tokens.append((.symbol(c), i))
                i += 1
            } else {
                throw error("unexpected character '\(c)'", at: i)
            }
        }
        tokens.append((.end, chars.count))
    }

    var current: Token { tokens[index].token }
    var position: Int { tokens[index].position }

    mutating func expect(_ c: Character) throws {
        guard current == .symbol(c) else { throw error("expected '\(c)'", at: position) }
        index += 1
    }

    mutating func parse() throws -> Formula {
        try tokenize()
        if current == .end { throw error("the formula is empty", at: 0) }
        let response = try parseExpression()
        guard current == .symbol("~") else { throw error("expected '~' after the response", at: position) }
        index += 1
        // Right-hand side: a list of signed term groups.
        var added: [[Component]] = []
        var removed: [[Component]] = []
        var intercept = true
        var sign = 1
        var expectTerm = true
        while true {
            switch current {
            case .symbol("+") where !expectTerm:
                sign = 1; index += 1; expectTerm = true
            case .symbol("-"):
                if !expectTerm || sign == 1 { sign = -1 } else { throw error("unexpected '-'", at: position) }
                index += 1; expectTerm = true
            case .end, .symbol("|"):
                if expectTerm { throw error("expected a term", at: position) }
            default:
                guard expectTerm else { throw error("expected '+', '-', '|' or the end of the formula", at: position) }
                if case .number(let v) = current, v == 0 || v == 1 {
                    index += 1
                    intercept = (v == 1) == (sign == 1)
                } else {
                    let group = try parseProduct()
                    if sign == 1 { added += group } else { removed += group }
                }
                sign = 1
                expectTerm = false
                continue
            }
            if !expectTerm, current == .end || current == .symbol("|") { break }
        }
        var absorbed: [String] = []
        if current == .symbol("|") {
            index += 1
            while true {
                guard case .name(let v) = current else { throw error("expected a variable to absorb", at: position) }
                index += 1
                absorbed.append(v)
                if current == .symbol("+") { index += 1; continue }
                if current == .end { break }
                throw error("expected '+' or the end of the formula", at: position)
            }
        }
        // Order: variables by first appearance, components by variable order, terms by interaction order.
        var variableOrder: [Component] = []
        func rank(_ c: Component) -> Int {
            variableOrder.firstIndex(of: c)!
        }
        for group in added { for c in group where !variableOrder.contains(c) { variableOrder.append(c) } }
        var terms: [Term] = []
        for group in added {
            var unique: [Component] = []
            for c in group where !unique.contains(c) { unique.append(c) }
            let term = Term(components: unique.sorted { rank($0) < rank($1) })
            if !terms.contains(term) { terms.append(term) }
        }
        let removedTerms = removed.map { group in Set(group) }
        terms.removeAll { t in removedTerms.contains(Set(t.components)) }
        let sorted = terms.enumerated().sorted { ($0.element.order, $0.offset) < ($1.element.order, $1.offset) }.map(\.element)
        return Formula(response: response, terms: sorted, hasIntercept: intercept, absorbed: absorbed)
    }

    /// `a*b:c` → the list of terms it expands to.
    mutating func parseProduct() throws -> [[Component]] {
        var result = [try parseInteraction()]
        while current == .symbol("*") {
            index += 1
            let right = try parseInteraction()
            // (A)*(B) = A + B + A:B for every term already present.
            let left = result
            result = left + [right] + left.map { $0 + right }
        }
        return result
    }

    /// `a:b:c` → one term's components.
    mutating func parseInteraction() throws -> [Component] {
        var components = [try parseComponent()]
        while current == .symbol(":") {
            index += 1
            components.append(try parseComponent())
        }
        return components
    }

    mutating func parseComponent() throws -> Component {
        if case .name("factor") = current {
            index += 1
            try expect("(")
            guard case .name(let v) = current else { throw error("factor() takes a column name", at: position) }
            index += 1
            try expect(")")
            return Component(expression: .variable(v), isFactor: true)
        }
        return Component(expression: try parseAtom(), isFactor: false)
    }

    /// A variable, a number, or a function call (outside `I()`, arithmetic is formula syntax, not arithmetic).
    mutating func parseAtom() throws -> Expression {
        switch current {
        case .name(let v):
            index += 1
            if current == .symbol("(") {
                guard FormulaParser.functions.contains(v), v != "factor" else {
                    throw error("unknown function '\(v)' (known: log, log2, log10, exp, sqrt, abs, I, factor)", at: position - v.count)
                }
                index += 1
                let inner = try parseExpression()
                try expect(")")
                return .call(v, inner)
            }
            return .variable(v)
        case .number(let x):
            index += 1
            return .number(x)
        case .symbol("("):
            throw error("parenthesised groups are not supported; write the terms out", at: position)
        case .end:
            throw error("unexpected end of the formula", at: position)
        default:
            throw error("expected a variable", at: position)
        }
    }

    // Arithmetic (inside I(), function arguments, and the response): sum → product → power → unary.
    mutating func parseExpression() throws -> Expression {
        var lhs = try parseTermExpression()
        while case .symbol(let op) = current, op == "+" || op == "-" {
            index += 1
            lhs = .binary(op, lhs, try parseTermExpression())
        }
        return lhs
    }

    mutating func parseTermExpression() throws -> Expression {
        var lhs = try parsePower()
        while case .symbol(let op) = current, op == "*" || op == "/" {
            index += 1
            lhs = .binary(op, lhs, try parsePower())
        }
        return lhs
    }

    mutating func parsePower() throws -> Expression {
        let base = try parseUnary()
        if current == .symbol("^") {
            index += 1
            return .binary("^", base, try parsePower())
        }
        return base
    }

    mutating func parseUnary() throws -> Expression {
        if current == .symbol("-") {
            index += 1
            return .negate(try parseUnary())
        }
        if current == .symbol("(") {
            index += 1
            let e = try parseExpression()
            try expect(")")
            return .group(e)
        }
        return try parseAtom()
    }
}
