import Testing
@testable import Registers

@Suite struct CalendarTests {
    @Test func daysRoundTripAndKnowLeapYears() {
        #expect(Day(year: 1970, month: 1, day: 1).rawValue == 0)
        #expect(Day(year: 2000, month: 3, day: 1) - Day(year: 2000, month: 2, day: 28) == 2)
        #expect(Day(year: 2014, month: 1, day: 1).weekday == 2) // a Wednesday
        for raw in stride(from: -1000, to: 30000, by: 97) {
            let d = Day(rawValue: Int32(raw))
            let c = d.components
            #expect(Day(year: c.year, month: c.month, day: c.day) == d)
        }
        #expect(Day(iso: "2014-02-29") == nil)
        #expect(Day(iso: "2016-02-29") != nil)
        #expect(Day(iso: "2014-1-01") == nil)
        #expect(Month(year: 2014, month: 2).dayCount == 28)
        #expect(Month(year: 2013, month: 12).weekdayCount == 22)
    }

    @Test func recognisesPersonnummer() {
        #expect(looksLikePersonnummer("811218-9876"))
        #expect(looksLikePersonnummer("198112189876"))
        #expect(!looksLikePersonnummer("811218-9875"))
        #expect(!looksLikePersonnummer("P000123"))
        #expect(!looksLikePersonnummer("12345"))
    }
}
