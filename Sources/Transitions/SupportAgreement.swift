import Registers

/// How SUS' self-reported support at start and exit agrees with the register: counts of (self-reported category,
/// register state) in the start month (for `support_start`) and the exit month (for `support_exit`).
/// ```
/// n_m(s, c) = #{members with self-report s at moment m and register category c in that month}
/// agreement(m) = Σ_c n_m(c, c) / Σ_{s,c} n_m(s, c)
/// ```
/// `agreement(m)` is the observed proportion of agreement `p_o` of Cohen (1960), without kappa's correction for
/// chance. The register category is the benefit of the main state if any benefit was paid (else the first benefit
/// paid), then WORK, STUDIES or NONE.
public struct SupportAgreement: Sendable {
    /// When SUS recorded the self-report: at the start (in-registration) or at the exit (out-registration).
    public enum Moment: String, Sendable { case start, exit }

    /// A cell of the agreement table: the members with a self-reported category and a register category at a moment.
    public struct Row: Sendable, Equatable {
        public var moment: Moment
        /// The SUS category (`SupportCategory`'s code).
        public var reported: String
        /// The register's category: a benefit code, `WORK`, `STUDIES` or `NONE`.
        public var register: String
        /// Members in the cell.
        public var persons: Int
    }

    /// The non-empty cells, sorted by moment, reported and register category (as text).
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

    /// Cross-tabulates the members with a self-report and a panel month at each moment: the start month for
    /// `support_start`, the exit month for `support_exit` (none while the participation is ongoing).
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
