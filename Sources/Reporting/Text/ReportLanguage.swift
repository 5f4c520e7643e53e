/// The language of a human-readable report: Swedish (the default, for evaluators) or English.
public enum ReportLanguage: String, CaseIterable, Sendable {
    case sv, en
}
