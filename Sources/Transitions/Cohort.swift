import Registers

/// A cohort: the persons whose first participation in an individual insats starts in a given year, with
/// no participation (in any insats) in the 24 months before. Month 0 is the start month.
public struct Cohort: Sendable {
    /// A cohort member: the person, the participation and insats that make the membership, and its dates.
    public struct Member: Sendable {
        /// The person (an index into `Registers/persons`).
        public var person: Int
        /// The participation row that defines the membership.
        public var participation: Int
        /// The insats of that participation (an index into `Registers/interventions`).
        public var intervention: Int
        /// The start month: month 0.
        public var startMonth: Month
        /// The month the participation ended, nil while ongoing.
        public var exitMonth: Month?
        /// Age in the start year: `year − birth year`.
        public var ageAtStart: Int
    }

    /// The year the members start in.
    public let year: Int
    /// The members, by start month and then person.
    public let members: [Member]

    /// The cohort of `year` in `r`.
    public init(year: Int, registers r: Registers) {
        self.year = year
        // Each person's participations, earliest first.
        var byPerson: [Int32: [Int]] = [:]
        for k in 0..<r.participations.count { byPerson[r.participations.person[k], default: []].append(k) }
        var members: [Member] = []
        for (person, rows) in byPerson {
            let sorted = rows.sorted { r.participations.start[$0] < r.participations.start[$1] }
            guard let first = sorted.first(where: { r.interventions[Int(r.participations.intervention[$0])].kind == .individual })
            else { continue }
            let start = r.participations.start[first]
            guard start.components.year == year else { continue }
            let startMonth = start.month
            // No participation of any kind during the 24 months before the start month.
            let earlier = sorted.contains { k in
                k != first && r.participations.start[k] < start
                    && (r.participations.end[k] ?? start).month >= startMonth.advanced(by: -24)
            }
            if earlier { continue }
            members.append(Member(person: Int(person), participation: first,
                                  intervention: Int(r.participations.intervention[first]), startMonth: startMonth,
                                  exitMonth: r.participations.end[first]?.month,
                                  ageAtStart: year - Int(r.persons.birthYear[Int(person)])))
        }
        self.members = members.sorted { ($0.startMonth, $0.person) < ($1.startMonth, $1.person) }
    }

    init(year: Int, members: [Member]) {
        self.year = year
        self.members = members
    }

    /// The members for whom `isIncluded` holds (e.g. those of one förbund), in the same order.
    public func filter(_ isIncluded: (Member) -> Bool) -> Cohort {
        Cohort(year: year, members: members.filter(isIncluded))
    }
}

/// The age groups of the subgroup tables.
public enum AgeGroup: String, CaseIterable, Sendable {
    case age16to29 = "16–29", age30to49 = "30–49", age50to64 = "50–64", other = "other"

    /// The group of an age in years; ages outside 16–64 are ``other``.
    public init(age: Int) {
        switch age {
        case 16...29: self = .age16to29
        case 30...49: self = .age30to49
        case 50...64: self = .age50to64
        default: self = .other
        }
    }
}
