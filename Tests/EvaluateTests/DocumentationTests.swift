import Foundation
import Registers
import Testing

/// Issue #7: every public type and function of the library targets carries a documentation comment.
///
/// The scan reads `Sources/` except the executables (`Sources/evaluate`, `Sources/Bench`) and finds every declaration
/// of a public `func`, `struct`, `enum`, `init`, `protocol`, `subscript`, `class` or `actor`; each needs a `///` line
/// directly above it (attribute lines such as `@inlinable` or `@discardableResult` may sit in between).
@Suite struct DocumentationTests {
    /// Folders of `Sources/` that hold executables, not library targets.
    static let executables: Set<String> = ["evaluate", "Bench"]

    /// A public declaration of a type or function on one line: leading attributes and modifiers, `public`, further
    /// modifiers, then the declaration keyword.
    static var declaration: Regex<AnyRegexOutput> {
        try! Regex(#"^\s*(?:@\w+(?:\([^)]*\))?\s+)*(?:(?:nonisolated(?:\(unsafe\))?|final|indirect)\s+)*public\s+"#
            + #"(?:(?:static|class|final|mutating|nonmutating|override|convenience|required|indirect|nonisolated|dynamic)\s+)*"#
            + #"(?:func|struct|enum|init|protocol|subscript|class|actor)\b"#)
    }

    /// A line of attributes only (`@inlinable`, `@inline(__always)`, `@available(macOS 13, *)`).
    static var attributes: Regex<AnyRegexOutput> {
        try! Regex(#"^\s*(?:@\w+(?:\([^)]*\))?\s*)+$"#)
    }

    /// The 1-based lines of `text` that declare a public type or function, and those of them without a `///` line
    /// directly above (lines of attributes only are skipped).
    static func scan(_ text: String) -> (declarations: [Int], undocumented: [Int]) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let declaration = Self.declaration, attributes = Self.attributes
        var declarations: [Int] = [], undocumented: [Int] = []
        for (i, line) in lines.enumerated() where line.firstMatch(of: declaration) != nil {
            declarations.append(i + 1)
            var above = i - 1
            while above >= 0, lines[above].wholeMatch(of: attributes) != nil { above -= 1 }
            if above < 0 || !lines[above].trimmingCharacters(in: .whitespaces).hasPrefix("///") {
                undocumented.append(i + 1)
            }
        }
        return (declarations, undocumented)
    }

    /// The library sources: every `.swift` file under `Sources/` outside the executables, as paths relative to the
    /// repository root, sorted.
    static func librarySources() throws -> [String] {
        let sources = repositoryRoot.appendingPathComponent("Sources")
        guard let walk = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil) else { return [] }
        var paths: [String] = []
        for case let url as URL in walk where url.pathExtension == "swift" {
            let relative = url.standardizedFileURL.path.dropFirst(sources.standardizedFileURL.path.count + 1)
            guard let target = relative.split(separator: "/").first, !executables.contains(String(target)) else { continue }
            paths.append("Sources/" + relative)
        }
        return paths.sorted()
    }

    @Test func everyPublicTypeAndFunctionHasADocComment() throws {
        var count = 0
        var missing: [String] = []
        for path in try DocumentationTests.librarySources() {
            let text = try String(contentsOf: repositoryRoot.appendingPathComponent(path), encoding: .utf8)
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            let (declarations, undocumented) = DocumentationTests.scan(text)
            count += declarations.count
            missing += undocumented.map { "\(path):\($0): \(lines[$0 - 1].trimmingCharacters(in: .whitespaces))" }
        }
        // The scan must see the library (a wrong root would pass vacuously).
        #expect(count > 300, "only \(count) public declarations found under \(repositoryRoot.path)/Sources")
        #expect(missing.isEmpty, "\(missing.count) public declarations without a /// comment:\n\(missing.joined(separator: "\n"))")
    }

    @Test func theScanFindsUndocumentedDeclarationsAndSkipsAttributes() {
        let text = """
            /// Documented.
            public struct A {
                public init() {}
                /// Documented, through an attribute.
                @inlinable
                @discardableResult public func f() -> Int { 1 }
                @inline(__always) public static func g() {}
                public var notAFunction: Int { 1 }
                func internalFunction() {}
                /// Documented.

                public subscript(i: Int) -> Int { i }
            }
            public indirect enum B { case leaf }
            """
        let (declarations, undocumented) = DocumentationTests.scan(text)
        #expect(declarations == [2, 3, 6, 7, 12, 14])
        #expect(undocumented == [3, 7, 12, 14])
    }

    /// The README's data dictionary names every `prices.csv` parameter the tool knows, with its unit.
    @Test func theDataDictionaryListsEveryPriceParameter() throws {
        let readme = try String(contentsOf: repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        for p in PriceParameter.catalogue {
            #expect(readme.contains("| `\(p.name)` | \(p.unit) |"), "README does not list \(p.name)")
        }
    }
}
