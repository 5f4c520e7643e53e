import Stats

/// An option value outside its documented range, NaN or infinite; `evaluate` reports it as a usage error (exit 64).
public struct OptionValueError: Error, Sendable, CustomStringConvertible {
    /// The message: the option, its range and the value given.
    public let description: String
}

/// The documented range of a numeric option. Every command checks its numeric options before any work (the library's
/// ``EvaluationOptions/validate()`` the same way): a value outside the range, NaN or an infinity is an
/// ``OptionValueError`` that names the range. The same text goes into the option's `--help` and the README's table of
/// command-line values.
public struct ValueRange: Sendable {
    /// The smallest value allowed (or, with `lowerOpen`, the bound the value must exceed).
    public let lower: Double
    /// The largest value allowed; `.infinity`: no upper bound (the value must still be finite).
    public let upper: Double
    /// Whether `lower` itself is excluded.
    public let lowerOpen: Bool
    /// Whether only whole numbers are meant (integer options).
    public let whole: Bool
    /// The unit after the numbers, e.g. " months" (with its leading space), or "".
    public let unit: String

    /// The range `lower…upper` (or `lower<…upper` with `lowerOpen`), of whole numbers with `whole`, with its unit.
    public init(_ lower: Double, _ upper: Double, lowerOpen: Bool = false, whole: Bool = false, unit: String = "") {
        self.lower = lower
        self.upper = upper
        self.lowerOpen = lowerOpen
        self.whole = whole
        self.unit = unit
    }

    /// A range of whole numbers `lower…upper`.
    public static func whole(_ range: ClosedRange<Int>, unit: String = "") -> ValueRange {
        ValueRange(Double(range.lowerBound), Double(range.upperBound), whole: true, unit: unit)
    }

    /// The range in words: "from 1 to 240 months", "greater than 0 and at most 10", "0 or more kr".
    public var text: String {
        let low = ValueRange.format(lower), high = ValueRange.format(upper)
        switch (lowerOpen, upper.isFinite) {
        case (false, true): return "from \(low) to \(high)\(unit)"
        case (true, true): return "greater than \(low) and at most \(high)\(unit)"
        case (false, false): return "\(low)\(unit) or more"
        case (true, false): return "greater than \(low)\(unit)"
        }
    }

    /// The range for `--help`: "(range: 1–240 months)".
    public var help: String { "(range: \(text))" }

    /// Whether `value` is finite and within the range.
    public func contains(_ value: Double) -> Bool {
        guard value.isFinite else { return false }
        let aboveLower = lowerOpen ? value > lower : value >= lower
        return aboveLower && value <= upper
    }

    /// Throws an ``OptionValueError`` naming the option, the range and the value given, when `value` is NaN,
    /// infinite or outside the range. `what` describes the value ("a yearly rate"); `hint` is appended.
    public func check(_ option: String, _ value: Double, what: String? = nil, hint: String? = nil) throws {
        guard !contains(value) else { return }
        let kind = what ?? (whole ? "a whole number" : upper.isFinite ? "a number" : "a finite number")
        let of = !lowerOpen && !upper.isFinite ? "of " : ""
        var message = "\(option) must be \(kind) \(of)\(text) (got \(ValueRange.format(value)))"
        if let hint { message += "; " + hint }
        throw OptionValueError(description: message)
    }

    /// ``check(_:_:what:hint:)`` for an integer option.
    public func check(_ option: String, _ value: Int, what: String? = nil) throws {
        try check(option, Double(value), what: what)
    }

    /// A number as typed: whole numbers without a decimal point, `nan`, `inf`, `-inf`.
    public static func format(_ x: Double) -> String {
        if x.isNaN { return "nan" }
        if x.isInfinite { return x > 0 ? "inf" : "-inf" }
        return formatShortest(x)
    }
}

/// The documented ranges of the commands' numeric options (README, "Robustness" → "Command-line values").
public enum OptionRanges {
    /// `--cohort`, `--year`, `generate --from/--to`: calendar years.
    public static let year = ValueRange.whole(1990...2100)
    /// `--ratio`: controls per participant (treated unit).
    public static let ratio = ValueRange.whole(1...20)
    /// `--caliper`: in standard deviations of the propensity score (distance).
    public static let caliper = ValueRange(0, 10, lowerOpen: true, unit: " standard deviations")
    /// `--min-cell`: persons an aggregate may rest on.
    public static let minCell = ValueRange.whole(1...1000, unit: " persons")
    /// `--bootstrap`: pair-bootstrap replicates.
    public static let bootstrap = ValueRange.whole(0...10_000, unit: " replicates")
    /// `--horizon`: payback horizon (20 years).
    public static let horizon = ValueRange.whole(1...240, unit: " months")
    /// `--discount`: a yearly rate, not a percentage.
    public static let discount = ValueRange(0, 0.2)
    /// The hint given with a bad `--discount`.
    public static let discountHint = "give a yearly rate such as 0.035 for 3.5 %"
    /// `--cost-per-participant`: kr.
    public static let cost = ValueRange(0, .infinity, unit: " kr")
    /// `payback --annual-gain`: kr per participant and year, a loss when negative.
    public static let annualGain = ValueRange(-10_000_000, 10_000_000, unit: " kr")
    /// `payback --share-under-26`.
    public static let share = ValueRange(0, 1)
    /// `generate --scale`: relative to the national number of participants.
    public static let scale = ValueRange(0, 5, lowerOpen: true)
    /// `generate --hidden-confounding`: the log multiplier per standard deviation of the hidden confounder.
    public static let hiddenConfounding = ValueRange(-3, 3)
}
