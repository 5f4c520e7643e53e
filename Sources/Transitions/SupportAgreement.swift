import Registers

/// How SUS' self-reported support at start and exit agrees with the register: counts of (self-reported category,
/// register state) in the start month (for `support_start`) and the exit month (for `support_exit`).
public struct SupportAgreement: Sendable {
    public enum Moment: String, Sendable { case start, exit }

    public struct Row: Sendable, Equatable {
        public var moment: Moment
        public var reported: String
        public var register: String
        public var persons: Int
    }

    public let rows: [Row]

    /// The register's category for a month: the main benefit if any (by the panel's priority), else WORK, STUDIES
    /// or NONE.
    static func registerCategory(_ panel: SupportPanel, cell c: Int) -> String {
        for code in BenefitCode.allCases where panel.receives(code, cell: c) {
            // The highest-priority benefit according to the main state.
            if MainState(benefit: code) == panel.mainState(cell: c) { return code.rawValue }
        }
        if let code = BenefitCode.allCases.first(where: { panel.receives($0, cell: c) }) { return code.rawValue }
        if panel.work(cell: c) { return "WORK" }
        if panel.studies(cell: c) { return "STUDIES" }
        return "NONE"
    }

    public init(cohort: Cohort, panel: SupportPanel, registers r: Registers) {
        var counts: [String: Int] = [:]
        for m in cohort.members {
            let pairs: [(Moment, SupportCategory?, Month?)] = [
                (.start, r.participations.supportStart[m.participation], m.startMonth),
                (.exit, r.participations.supportExit[m.participation], m.exitMonth),
            ]
            for (moment, reported, month) in pairs {
                guard let reported, let month, let c = panel.cell(person: m.person, month: month) else { continue }
                counts["\(moment.rawValue)\t\(reported)\t\(Self.registerCategory(panel, cell: c))", default: 0] += 1
            }
        }
        rows = counts.keys.sorted().map { key in
            let parts = key.split(separator: "\t").map(String.init)
            return Row(moment: Moment(rawValue: parts[0])!, reported: parts[1], register: parts[2], persons: counts[key]!)
        }
    }

    /// Share of members whose self-report equals the register category, at a moment.
    public func agreement(_ moment: Moment) -> Double {
        let rows = self.rows.filter { $0.moment == moment }
        let total = rows.reduce(0) { $0 + $1.persons }
        return total == 0 ? .nan : Double(rows.filter { $0.reported == $0.register }.reduce(0) { $0 + $1.persons }) / Double(total)
    }
}
