/// The linked register extracts of a dataset folder, validated and stored by column.
///
/// Every person reference is an index into ``persons``; interventions and federations are indices too.
public struct Registers: Sendable {
    public var persons = PersonTable()
    public var federations: [Federation] = []
    public var interventions: [Intervention] = []
    public var participations = ParticipationTable()
    public var benefits = BenefitTable()
    public var employment = EmploymentTable()
    public var studies = StudyTable()
    public var prices = PriceTable()
    /// The files read, with their row counts.
    public var files: [InputFile] = []
    /// What reading noticed without it being an error (unknown `prices.csv` parameters), for the run's notes.
    public var notes: [String] = []

    /// Empty registers, to be filled by ``RegisterReader`` (or by hand in tests).
    public init() {}
}

/// A file of the dataset as read: its contract name (`persons`, …), its path and its number of data rows.
public struct InputFile: Sendable {
    public var name: String
    public var path: String
    public var rows: Int
}

/// Sex as registered in `persons.csv` (`K` or `M`).
public enum Sex: UInt8, Sendable, Codable {
    case female = 0
    case male = 1

    /// `K` (kvinna) or `M` (man).
    public var code: String { self == .female ? "K" : "M" }
}

/// `persons.csv`: participants and everyone who may serve as a comparison.
public struct PersonTable: Sendable {
    public var ids: [String] = []
    public var sex: [Sex] = []
    public var birthYear: [Int16] = []
    /// 1 förgymnasial, 2 gymnasial, 3 eftergymnasial.
    public var education: [UInt8] = []
    public var bornAbroad: [Bool] = []
    /// The kommun code as a number (`0180` → 180); format with ``kommunCode(_:)``.
    public var kommun: [Int16] = []
    /// Person id → index.
    public var index: [String: Int32] = [:]

    public var count: Int { ids.count }
}

/// The four-digit kommun code, with its leading zero.
public func kommunCode(_ value: Int16) -> String {
    let s = String(value)
    return String(repeating: "0", count: max(0, 4 - s.count)) + s
}

/// `federations.csv`: a samordningsförbund.
public struct Federation: Sendable {
    public var id: String
    public var name: String
    /// County (län) codes; a förbund may span two.
    public var lan: [String]
    public var kommuner: [Int16]
}

/// How an insats is followed up (`interventions.csv`'s `kind`).
public enum InterventionKind: String, Sendable, CaseIterable {
    /// Followed up per participant (the insatser the analyses use).
    case individual
    /// Structural work (no participants).
    case structural
    /// Registered as volumes only (a SUS-era category).
    case volume
}

/// `interventions.csv`: an insats.
public struct Intervention: Sendable {
    public var id: String
    public var federation: Int
    public var name: String
    public var kind: InterventionKind
    public var targetGroup: String
    public var start: Day
    public var end: Day?
    public var budget: Double
}

/// `participations.csv`: a person's registration in an insats (SUS).
public struct ParticipationTable: Sendable {
    public var person: [Int32] = []
    public var intervention: [Int32] = []
    public var start: [Day] = []
    /// nil: ongoing.
    public var end: [Day?] = []
    public var supportStart: [SupportCategory?] = []
    public var supportExit: [SupportCategory?] = []
    public var exitReason: [String] = []

    public var count: Int { person.count }
}

/// `benefits.csv`: a benefit spell.
public struct BenefitTable: Sendable {
    public var person: [Int32] = []
    public var code: [BenefitCode] = []
    public var start: [Day] = []
    /// nil: ongoing at the end of the data.
    public var end: [Day?] = []
    /// 25, 50, 75 or 100 (% of full time).
    public var extent: [UInt8] = []
    /// Paid for the whole spell, kr.
    public var amount: [Double] = []

    public var count: Int { person.count }
}

/// `employment.csv`: an employment spell from monthly employer declarations.
public struct EmploymentTable: Sendable {
    public var person: [Int32] = []
    public var startMonth: [Month] = []
    /// nil: ongoing.
    public var endMonth: [Month?] = []
    public var monthlyEarnings: [Double] = []
    public var subsidized: [Bool] = []

    public var count: Int { person.count }
}

/// `studies.csv`: a study spell (student aid).
public struct StudyTable: Sendable {
    public var person: [Int32] = []
    public var start: [Day] = []
    public var end: [Day?] = []

    public var count: Int { person.count }
}

/// `prices.csv`: valuation parameters by year.
public struct PriceTable: Sendable {
    /// One price: a parameter's value in a year, with its unit and its source (a reference, or `assumption`).
    public struct Row: Sendable {
        public var parameter: String
        public var value: Double
        public var unit: String
        public var year: Int
        public var source: String

        /// A row from its fields.
        public init(parameter: String, value: Double, unit: String, year: Int, source: String) {
            self.parameter = parameter
            self.value = value
            self.unit = unit
            self.year = year
            self.source = source
        }
    }

    /// The rows, in file order.
    public var rows: [Row] = []

    /// A table of the given rows.
    public init(rows: [Row] = []) { self.rows = rows }

    /// The value for `year`, or for the latest earlier year that has one (then the earliest later one).
    public func value(_ parameter: String, year: Int) -> Double? {
        let candidates = rows.filter { $0.parameter == parameter }
        if let exact = candidates.filter({ $0.year <= year }).max(by: { $0.year < $1.year }) { return exact.value }
        return candidates.min(by: { $0.year < $1.year })?.value
    }
}
