import Stats

/// A JSON document built in memory and written deterministically: object keys keep the order they were given in,
/// numbers are written in their shortest round-trip form (``formatShortest(_:)``), and NaN or infinity (a
/// suppressed or undefined value) is `null`.
///
/// Layout: two-space indentation; an array of scalars fits on one line, and so does an object below the second
/// level whose values are scalars or arrays of scalars (a table row).
public indirect enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([Member])

    /// An object member: key and value.
    public struct Member: Sendable, Equatable {
        public var key: String
        public var value: JSONValue

        /// A member with its key and value.
        public init(_ key: String, _ value: JSONValue) {
            self.key = key
            self.value = value
        }
    }

    /// A number, or `null` for nil.
    public static func number(_ x: Double?) -> JSONValue { x.map { .number($0) } ?? .null }

    /// An integer, or `null` for nil.
    public static func integer(_ n: Int?) -> JSONValue { n.map { .number(Double($0)) } ?? .null }

    /// An object from key–value pairs in the given order.
    public static func object(_ pairs: KeyValuePairs<String, JSONValue>) -> JSONValue {
        .object(pairs.map { Member($0.key, $0.value) })
    }

    /// The document as text, ending with a newline.
    public var rendered: String { render(indent: "", depth: 0) + "\n" }

    var isScalar: Bool {
        switch self {
        case .array, .object: false
        default: true
        }
    }

    /// A scalar or an array of scalars: what an inline object may hold.
    var isFlat: Bool {
        if case .array(let items) = self { return items.allSatisfy(\.isScalar) }
        return isScalar
    }

    func render(indent: String, depth: Int) -> String {
        switch self {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .number(let x): return x.isFinite ? formatShortest(x) : "null"
        case .string(let s): return jsonString(s)
        case .array(let items):
            if items.isEmpty { return "[]" }
            if items.allSatisfy(\.isScalar) {
                return "[" + items.map { $0.render(indent: "", depth: depth + 1) }.joined(separator: ", ") + "]"
            }
            let inner = indent + "  "
            return "[\n" + items.map { inner + $0.render(indent: inner, depth: depth + 1) }.joined(separator: ",\n") + "\n" + indent + "]"
        case .object(let members):
            if members.isEmpty { return "{}" }
            if depth >= 2 && members.allSatisfy(\.value.isFlat) {
                return "{" + members.map { jsonString($0.key) + ": " + $0.value.render(indent: "", depth: depth + 1) }.joined(separator: ", ") + "}"
            }
            let inner = indent + "  "
            return "{\n" + members.map { inner + jsonString($0.key) + ": " + $0.value.render(indent: inner, depth: depth + 1) }
                .joined(separator: ",\n") + "\n" + indent + "}"
        }
    }
}
