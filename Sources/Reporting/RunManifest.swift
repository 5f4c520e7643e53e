/// `run.json`: what produced an output folder — version, options, input SHA-256s, seed and timings per stage.
/// Timings are the only field that changes between identical runs.
public struct RunManifest: Sendable {
    /// The tool's version, written to `run.json`.
    public static let version = "0.1.0"
    public var options: [(String, String)]
    public var inputs: [String: String]
    public var seed: UInt64
    public var timings: [(String, Double)]

    /// A manifest of the run's options (name and value, in order), the SHA-256 of each input file by name, the seed and
    /// the seconds per stage.
    public init(options: [(String, String)], inputs: [String: String], seed: UInt64, timings: [(String, Double)]) {
        self.options = options
        self.inputs = inputs
        self.seed = seed
        self.timings = timings
    }

    /// The manifest as JSON text (input files sorted by name).
    public var json: String {
        var s = "{\n  \"tool\": \"FinsamEval evaluate\",\n  \"version\": \"\(RunManifest.version)\",\n"
        s += "  \"options\": {" + options.map { "\(jsonString($0.0)): \(jsonString($0.1))" }.joined(separator: ", ") + "},\n"
        s += "  \"inputs_sha256\": {" + inputs.keys.sorted().map { "\(jsonString($0)): \(jsonString(inputs[$0]!))" }.joined(separator: ", ") + "},\n"
        s += "  \"seed\": \(seed),\n"
        s += "  \"timings_seconds\": {" + timings.map { "\(jsonString($0.0)): \(String(format: "%.3f", $0.1))" }.joined(separator: ", ") + "}\n}\n"
        return s
    }
}

/// A JSON string literal.
public func jsonString(_ s: String) -> String {
    var out = "\""
    for ch in s.unicodeScalars {
        switch ch {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        default:
            if ch.value < 0x20 { out += String(format: "\\u%04x", ch.value) } else { out.unicodeScalars.append(ch) }
        }
    }
    return out + "\""
}

import Foundation
