/// A model formula in R's notation: `y ~ x1 + x2 + factor(g) + x1:x2 + log(x) - 1 | firm + year`.
///
/// Supported on the right-hand side: `+` to add a term, `-` to remove one, `:` for an interaction, `a*b` for
/// `a + b + a:b`, `1`/`0`/`-1` for the intercept, `factor(v)` for a categorical variable (R's treatment coding, the
/// first sorted level as the base), the functions `log`, `exp`, `sqrt`, `abs`, and `I(…)` around arithmetic
/// (`+ - * / ^`). After `|` come the variables whose fixed effects are absorbed (as in fixest).
///
/// Terms are ordered as R orders them: by interaction order (main effects first), then as written; the variables of
/// an interaction are ordered by their first appearance in the formula, and repeated terms are kept once.
public struct Formula: Sendable, Equatable, CustomStringConvertible {
    /// The left-hand side.
    public var response: Expression
    /// The terms, in R's order.
    public var terms: [Term]
    /// Whether the model has an intercept.
    public var hasIntercept: Bool
    /// The variables whose fixed effects are absorbed.
    public var absorbed: [String]

    /// Parses `text`; the error points at the position of the problem.
    public init(_ text: String) throws {
        var parser = FormulaParser(text)
        self = try parser.parse()
    }

    init(response: Expression, terms: [Term], hasIntercept: Bool, absorbed: [String]) {
        self.response = response
        self.terms = terms
        self.hasIntercept = hasIntercept
        self.absorbed = absorbed
    }

    public var description: String {
        var rhs = terms.map(\.label)
        if !hasIntercept { rhs.append("-1") } else if rhs.isEmpty { rhs.append("1") }
        var s = "\(response.label) ~ " + rhs.joined(separator: " + ").replacingOccurrences(of: "+ -1", with: "- 1")
        if !absorbed.isEmpty { s += " | " + absorbed.joined(separator: " + ") }
        return s
    }

    /// Every data column the formula reads (response, terms, absorbed), in order of first appearance.
    public var variableNames: [String] {
        var seen: [String] = []
        for name in response.variableNames + terms.flatMap({ $0.components.flatMap(\.expression.variableNames) }) + absorbed
            where !seen.contains(name) {
            seen.append(name)
        }
        return seen
    }
}

/// One term of a formula: a main effect (one component) or an interaction (several).
public struct Term: Sendable, Equatable, Hashable {
    public var components: [Component]
    /// R's label, e.g. `x1`, `factor(g)`, `x1:x2`.
    public var label: String { components.map(\.label).joined(separator: ":") }
    public var order: Int { components.count }
}

/// A variable of a term: a numeric expression or a factor.
public struct Component: Sendable, Equatable, Hashable {
    public var expression: Expression
    public var isFactor: Bool
    public var label: String { isFactor ? "factor(\(expression.label))" : expression.label }
}

/// An arithmetic expression over data columns.
public indirect enum Expression: Sendable, Equatable, Hashable {
    case variable(String)
    case number(Double)
    case call(String, Expression)
    case negate(Expression)
    case binary(Character, Expression, Expression)
    case group(Expression)

    /// R's deparsed form: spaces around `+ - * /`, none around `^`.
    public var label: String {
        switch self {
        case .variable(let v): v
        case .number(let x): formatShortest(x)
        case .call(let f, let e): "\(f)(\(e.label))"
        case .negate(let e): "-\(e.label)"
        case .group(let e): "(\(e.label))"
        case .binary(let op, let a, let b):
            op == "^" ? "\(a.label)^\(b.label)" : "\(a.label) \(op) \(b.label)"
        }
    }

    /// The columns the expression reads.
    public var variableNames: [String] {
        switch self {
        case .variable(let v): [v]
        case .number: []
        case .call(_, let e), .negate(let e), .group(let e): e.variableNames
        case .binary(_, let a, let b): a.variableNames + b.variableNames
        }
    }
}

/// An error in a formula, pointing at a character position (0-based).
public struct FormulaError: Error, Sendable, Equatable, CustomStringConvertible {
    public var formula: String
    public var position: Int
    public var message: String

    public var description: String {
        let caret = String(repeating: " ", count: position) + "^"
        return "formula: \(message) at position \(position + 1)\n  \(formula)\n  \(caret)"
    }
}
