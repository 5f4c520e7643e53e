import Testing
@testable import Stats

@Suite struct FormulaTests {
    @Test func ordersTermsAsR() throws {
        let f = try Formula("log(y) ~ x2:x1 + factor(g) + x1 + I(x1^2) - 1 | firm + year")
        #expect(f.response.label == "log(y)")
        // Checked against R 4.2: attr(terms(...), "term.labels"); variables keep their order of first appearance.
        #expect(f.terms.map(\.label) == ["factor(g)", "x1", "I(x1^2)", "x2:x1"])
        #expect(try Formula("y ~ x1 + x2:x1").terms.map(\.label) == ["x1", "x1:x2"])
        #expect(!f.hasIntercept)
        #expect(f.absorbed == ["firm", "year"])
    }

    @Test func expandsStarAndRemovesTerms() throws {
        let f = try Formula("y ~ a*b - a:b + c + 0")
        #expect(f.terms.map(\.label) == ["a", "b", "c"])
        #expect(!f.hasIntercept)
        let g = try Formula("y ~ a*b")
        #expect(g.terms.map(\.label) == ["a", "b", "a:b"])
        #expect(g.hasIntercept)
    }

    @Test func pointsAtTheErrorPosition() throws {
        #expect(throws: FormulaError(formula: "y ~ x1 + + x2", position: 9, message: "expected a variable")) {
            try Formula("y ~ x1 + + x2")
        }
        #expect(throws: FormulaError(formula: "y x1", position: 2, message: "expected '~' after the response")) {
            try Formula("y x1")
        }
        #expect(throws: FormulaError.self) { try Formula("y ~ foo(x)") }
        let dot = "the shorthand `.` for every other column is not supported (name the variables)"
        #expect(throws: FormulaError(formula: "y ~ .", position: 4, message: dot)) { try Formula("y ~ .") }
        #expect(throws: FormulaError(formula: "y ~ . - x", position: 4, message: dot)) { try Formula("y ~ . - x") }
        // Names and numbers that start with a dot are still allowed.
        #expect(try Formula("y ~ .x + I(x * .5)").terms.count == 2)
    }

    @Test func namesColumnsLikeRModelMatrix() throws {
        let csv = "y,x,g,h\n1,1,b,1\n2,2,a,2\n3,3,c,1\n4,5,a,2\n5,4,b,1\n6,7,c,2\n"
        let t = try DataTable.parseCSV(Array(csv.utf8))
        let frame = try ModelFrame(formula: Formula("y ~ factor(g) + x + factor(g):x + factor(h)"), table: t)
        #expect(frame.columnNames == ["(Intercept)", "factor(g)b", "factor(g)c", "x", "factor(h)2",
                                      "factor(g)b:x", "factor(g)c:x"])
        // Without an intercept the first factor gets every level; a bare text column is a factor as in R.
        let noIntercept = try ModelFrame(formula: Formula("y ~ g + factor(h) - 1"), table: t)
        #expect(noIntercept.columnNames == ["ga", "gb", "gc", "factor(h)2"])
        // Interaction of two factors: the first varies fastest.
        let both = try ModelFrame(formula: Formula("y ~ factor(g):factor(h)"), table: t)
        #expect(both.columnNames == ["(Intercept)", "factor(g)a:factor(h)1", "factor(g)b:factor(h)1",
                                     "factor(g)c:factor(h)1", "factor(g)a:factor(h)2", "factor(g)b:factor(h)2",
                                     "factor(g)c:factor(h)2"])
    }

    @Test func dropsIncompleteRowsAndLocatesBadValues() throws {
        let t = try DataTable.parseCSV(Array("y,x,z\n1,2,3\n,2,4\n3,,5\n4,5,abc\n".utf8), fileName: "m.csv")
        let frame = try ModelFrame(formula: Formula("y ~ x"), table: t)
        #expect(frame.rowCount == 2 && frame.droppedMissing == 2)
        #expect(throws: DataError(file: "m.csv", line: 5, column: "z", "expected a number (z), found \"abc\"")) {
            try ModelFrame(formula: Formula("y ~ z"), table: t)
        }
        #expect(throws: DataError(file: "m.csv", column: "w", "no such column; the columns are: y, x, z")) {
            try ModelFrame(formula: Formula("y ~ w"), table: t)
        }
        let allMissing = try DataTable.parseCSV(Array("y,x\n1,\n,2\n".utf8), fileName: "n.csv")
        #expect(throws: DataError.self) { try ModelFrame(formula: Formula("y ~ x"), table: allMissing) }
        #expect(throws: DataError(file: "m.csv", line: 2, column: "log(x - 2)", "the value is not finite (-inf); the model cannot use it")) {
            try ModelFrame(formula: Formula("y ~ log(x - 2)"), table: t)
        }
    }
}
