/// The monthly support panel ("försörjning"): for every person and calendar month, which benefits were
/// paid and how much, the extent-weighted full-time equivalent of support, earnings, subsidised work, studies, the
/// derived indicators and the main state.
///
/// Storage is columnar with each person's months contiguous (`cell = person · monthCount + month offset`). Benefit
/// amounts are stored sparsely: a bit mask per cell says which benefits were paid, and the amounts of the set bits
/// follow one another in ``packedAmounts`` from ``amountOffset`` (so a person-month without benefits costs no
/// amount storage). Amounts and earnings are `Float` (7 significant digits: öre precision up to 100 000 kr).
public struct SupportPanel: Sendable {
    /// The panel's first month.
    public let firstMonth: Month
    /// The number of months (cells per person).
    public let monthCount: Int
    /// The number of persons (as in ``Registers/persons``).
    public let personCount: Int

    /// Bit `b.index` set: benefit `b` was paid for at least one day of the month.
    public internal(set) var benefitMask: [UInt8]
    /// Where the cell's amounts start in ``packedAmounts`` (cells in order).
    public internal(set) var amountOffset: [UInt32]
    /// Amounts (kr) of the set bits, in benefit-code order within a cell.
    public internal(set) var packedAmounts: [Float]
    /// Extent-weighted full-time equivalents of support, summed over benefits and capped at 1.
    public internal(set) var supportFTE: [Float]
    /// Earnings (kr) from every employment spell covering the month.
    public internal(set) var earnings: [Float]
    /// Bit 0: subsidised employment; bit 1: studies; bit 2: work (earnings ≥ the work threshold).
    public internal(set) var flags: [UInt8]
    /// ``MainState/index`` of the cell's main state.
    public internal(set) var mainStateIndex: [UInt8]

    /// The panel's last month.
    public var lastMonth: Month { firstMonth.advanced(by: monthCount - 1) }

    /// The cell of a person and month, nil outside the panel.
    @inline(__always)
    public func cell(person: Int, month: Month) -> Int? {
        let m = firstMonth.distance(to: month)
        guard m >= 0, m < monthCount else { return nil }
        return person * monthCount + m
    }

    /// The amount (kr) of `benefit` attributed to the month of cell `c`; 0 when it was not paid.
    public func amount(_ benefit: BenefitCode, cell c: Int) -> Double {
        let mask = benefitMask[c]
        let bit = UInt8(1) << UInt8(benefit.index)
        guard mask & bit != 0 else { return 0 }
        let before = (mask & (bit &- 1)).nonzeroBitCount
        return Double(packedAmounts[Int(amountOffset[c]) + before])
    }

    /// Whether `benefit` was paid for at least one day of the month of cell `c`.
    public func receives(_ benefit: BenefitCode, cell c: Int) -> Bool {
        benefitMask[c] & (UInt8(1) << UInt8(benefit.index)) != 0
    }

    /// Total transfers in the cell paid by an actor.
    public func amount(paidBy payer: Payer, cell c: Int) -> Double { amount(cell: c) { $0.payer == payer } }

    /// The amount (kr) of the month's taxable benefits (``BenefitCode/isTaxable``) in cell `c`.
    public func taxableAmount(cell c: Int) -> Double { amount(cell: c) { $0.isTaxable } }

    /// The amount (kr) of the benefits paid in cell `c` for which `included` holds.
    @inline(__always)
    func amount(cell c: Int, of included: (BenefitCode) -> Bool) -> Double {
        var mask = benefitMask[c], total = 0.0
        while mask != 0 {
            let b = benefitsByIndex[mask.trailingZeroBitCount]
            if included(b) { total += amount(b, cell: c) }
            mask &= mask - 1
        }
        return total
    }

    // Derived indicators.

    /// Any benefit in the month ("beroende av offentlig försörjning").
    public func publicSupport(cell c: Int) -> Bool { benefitMask[c] != 0 }
    /// Work: earnings in the month above 0 and at or above the year's work threshold.
    public func work(cell c: Int) -> Bool { flags[c] & 4 != 0 }
    /// A subsidised employment spell covers the month (whatever its earnings).
    public func subsidizedWork(cell c: Int) -> Bool { flags[c] & 1 != 0 }
    /// A study spell covers at least one day of the month.
    public func studies(cell c: Int) -> Bool { flags[c] & 2 != 0 }
    /// Work or studies in the month.
    public func workOrStudy(cell c: Int) -> Bool { flags[c] & 6 != 0 }
    /// Work or studies and no public support ("egen försörjning").
    public func selfSufficient(cell c: Int) -> Bool { workOrStudy(cell: c) && !publicSupport(cell: c) }
    /// The cell's main state, by the panel's priority.
    public func mainState(cell c: Int) -> MainState { MainState(index: mainStateIndex[c]) }
}

/// The benefit codes by bit index, built once.
private let benefitsByIndex = BenefitCode.allCases
