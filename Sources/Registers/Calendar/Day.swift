/// A calendar day, stored as the number of days since 1970-01-01 (proleptic Gregorian calendar).
///
/// Conversions use Howard Hinnant's `days_from_civil` / `civil_from_days` algorithms
/// (<https://howardhinnant.github.io/date_algorithms.html>), exact for every date of interest.
public struct Day: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Days since 1970-01-01 (negative before it).
    public var rawValue: Int32

    /// A day from its count of days since 1970-01-01 (negative before it).
    public init(rawValue: Int32) { self.rawValue = rawValue }

    /// The day of a proleptic Gregorian date (`days_from_civil`). The date is not checked: 2014-02-30 is 2014-03-02
    /// (``init(iso:)`` rejects it).
    public init(year: Int, month: Int, day: Int) {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        rawValue = Int32(era * 146_097 + doe - 719_468)
    }

    /// Year, month (1–12) and day of month.
    public var components: (year: Int, month: Int, day: Int) {
        let z = Int(rawValue) + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    /// The calendar month the day lies in.
    public var month: Month {
        let c = components
        return Month(year: c.year, month: c.month)
    }

    /// Parses `YYYY-MM-DD`; nil when malformed or not a real date (e.g. 2014-02-30).
    public init?(iso text: some StringProtocol) {
        self.init(isoBytes: Array(text.utf8))
    }

    /// Parses `YYYY-MM-DD` from ASCII bytes.
    public init?<C: RandomAccessCollection>(isoBytes u: C) where C.Element == UInt8, C.Index == Int {
        guard u.count == 10, u[u.startIndex + 4] == UInt8(ascii: "-"), u[u.startIndex + 7] == UInt8(ascii: "-"),
              let y = digits(u[u.startIndex..<u.startIndex + 4]), let m = digits(u[u.startIndex + 5..<u.startIndex + 7]),
              let d = digits(u[u.startIndex + 8..<u.startIndex + 10]),
              (1...12).contains(m), d >= 1, d <= Month(year: y, month: m).dayCount else { return nil }
        self.init(year: y, month: m, day: d)
    }

    public var description: String {
        let c = components
        return "\(pad(c.year, 4))-\(pad(c.month, 2))-\(pad(c.day, 2))"
    }

    /// Whether `a` is before `b`.
    public static func < (a: Day, b: Day) -> Bool { a.rawValue < b.rawValue }

    /// The day `days` days after `a` (before it when negative).
    public static func + (a: Day, days: Int) -> Day { Day(rawValue: a.rawValue + Int32(days)) }

    /// Days from `a` to `b` (`b − a`).
    public static func - (b: Day, a: Day) -> Int { Int(b.rawValue - a.rawValue) }

    /// Monday = 0 … Sunday = 6 (1970-01-01 was a Thursday).
    public var weekday: Int { Int(((Int64(rawValue) % 7) + 7 + 3) % 7) }
}

/// A calendar month, stored as `year·12 + (month − 1)`.
public struct Month: Sendable, Hashable, Comparable, Strideable, CustomStringConvertible {
    /// `year·12 + (month − 1)`.
    public var rawValue: Int32

    /// A month from its raw value `year·12 + (month − 1)`.
    public init(rawValue: Int32) { self.rawValue = rawValue }

    /// The month `month` (1–12, not checked) of `year`.
    public init(year: Int, month: Int) { rawValue = Int32(year * 12 + month - 1) }

    public var year: Int { Int(rawValue) / 12 }
    /// 1–12.
    public var monthOfYear: Int { Int(rawValue) % 12 + 1 }

    /// The month's first day.
    public var firstDay: Day { Day(year: year, month: monthOfYear, day: 1) }
    /// The month's last day.
    public var lastDay: Day { firstDay + (dayCount - 1) }

    /// Days in the month (Gregorian leap years).
    public var dayCount: Int {
        switch monthOfYear {
        case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Weekdays (Monday–Friday) in the month.
    public var weekdayCount: Int { weekdays(from: firstDay, through: lastDay) }

    /// Parses `YYYY-MM`.
    public init?(iso text: some StringProtocol) {
        self.init(isoBytes: Array(text.utf8))
    }

    /// Parses `YYYY-MM` from ASCII bytes.
    public init?<C: RandomAccessCollection>(isoBytes u: C) where C.Element == UInt8, C.Index == Int {
        guard u.count == 7, u[u.startIndex + 4] == UInt8(ascii: "-"), let y = digits(u[u.startIndex..<u.startIndex + 4]),
              let m = digits(u[u.startIndex + 5..<u.startIndex + 7]),
              (1...12).contains(m) else { return nil }
        self.init(year: y, month: m)
    }

    public var description: String { "\(pad(year, 4))-\(pad(monthOfYear, 2))" }

    /// Whether `a` is before `b`.
    public static func < (a: Month, b: Month) -> Bool { a.rawValue < b.rawValue }
    /// Months from `self` to `other` (`other − self`).
    public func distance(to other: Month) -> Int { Int(other.rawValue - rawValue) }
    /// The month `n` months later (earlier when negative).
    public func advanced(by n: Int) -> Month { Month(rawValue: rawValue + Int32(n)) }
}

/// Weekdays (Monday–Friday) in `[a, b]`; 0 when `b < a`.
public func weekdays(from a: Day, through b: Day) -> Int {
    guard b >= a else { return 0 }
    let total = b - a + 1
    let fullWeeks = total / 7
    var count = fullWeeks * 5
    var w = (a + fullWeeks * 7).weekday
    for _ in 0..<(total - fullWeeks * 7) {
        if w < 5 { count += 1 }
        w = (w + 1) % 7
    }
    return count
}

private func digits<C: Collection>(_ bytes: C) -> Int? where C.Element == UInt8 {
    var v = 0
    for b in bytes {
        guard b >= 48, b <= 57 else { return nil }
        v = v * 10 + Int(b - 48)
    }
    return v
}

private func pad(_ v: Int, _ width: Int) -> String {
    let s = String(v)
    return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
}
