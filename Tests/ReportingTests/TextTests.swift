import Foundation
import Testing
@testable import Reporting

/// Numbers for readers, the deterministic JSON writer and HTML tables.
@Suite struct TextTests {
    @Test func swedishAndEnglishNumbers() {
        let sv = NumberFormat(.sv), en = NumberFormat(.en)
        #expect(sv.decimal(1_234_567.891, digits: 2) == "1\u{A0}234\u{A0}567,89")
        #expect(en.decimal(1_234_567.891, digits: 2) == "1,234,567.89")
        #expect(sv.decimal(-9.14, digits: 1) == "−9,1" && en.decimal(-9.14, digits: 1) == "−9.1")
        #expect(sv.decimal(82_000) == "82\u{A0}000" && sv.decimal(999) == "999")
        #expect(sv.percent(0.9193548) == "91,9\u{A0}%" && en.percent(0.9193548) == "91.9%")
        #expect(sv.signed(0.06, digits: 1) == "+0,1")
        #expect(sv.signed(4.5, digits: 1) == "+4,5" && sv.signed(-4.5, digits: 1) == "−4,5")
        #expect(sv.signed(-0.04, digits: 1) == "0,0" && sv.decimal(-0.04, digits: 1) == "0,0")   // never −0,0
        #expect(sv.decimal(.nan) == ".." && sv.percent(.nan) == "..")
    }

    @Test func jsonIsOrderedAndReadsBack() throws {
        let doc = JSONValue.object([
            "b": .number(0.1),
            "a": .array([.number(1), .number(.nan), .string("x\"y")]),
            "rows": .array([.object(["k": .integer(-3), "v": .number(nil)]), .object(["k": .integer(2), "v": .bool(true)])]),
        ])
        let text = doc.rendered
        #expect(text == """
            {
              "b": 0.1,
              "a": [1, null, "x\\"y"],
              "rows": [
                {"k": -3, "v": null},
                {"k": 2, "v": true}
              ]
            }

            """)
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(parsed["b"] as? Double == 0.1)
        #expect((parsed["a"] as? [Any])?[1] is NSNull)
    }

    /// Numbers are written so that a correct parser reads back the same `Double` (checked with `Double(String)`:
    /// swift-corelibs-foundation's `JSONSerialization` can be one ulp off, e.g. for 0.9193548387096774).
    @Test func jsonNumbersRoundTrip() throws {
        for x in [0.9193548387096774, -0.08986175115207319, 1e-7, 123_456_789.125, -2.5e300, 868] {
            let text = JSONValue.number(x).rendered.trimmingCharacters(in: .newlines)
            #expect(Double(text) == x, "\(x) → \(text)")
        }
        #expect(JSONValue.number(868).rendered == "868\n" && JSONValue.number(.infinity).rendered == "null\n")
    }

    @Test func tablesEscapeAndAlignNumbers() {
        let table = HTMLTable(caption: "A & B", header: ["<name>", .number("n")], rows: [[.text("x<y"), .number("1\u{A0}234")]])
        let html = table.html
        #expect(html.contains("<caption>A &amp; B</caption>") && html.contains("<th>&lt;name&gt;</th>"))
        #expect(html.contains("<td>x&lt;y</td>") && html.contains("<td class=\"num\">1\u{A0}234</td>"))
        #expect(table.folded(summary: "Tabell").hasPrefix("<details><summary>Tabell</summary>"))
    }
}
