import Foundation

/// The items of a comma-separated option value (`--covariates age,educ`), trimmed; empty items are skipped.
func commaSeparated(_ value: String?) -> [String] {
    value?.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } ?? []
}
