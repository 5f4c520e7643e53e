import Registers
import Stats
import Transitions

/// Which participants a run evaluates: the whole cohort, or the participants of chosen förbund (`--federation`) and
/// insatser (`--insats`). Comparisons stay national (or of the participant's län with `--pool same-lan`).
extension CohortEvaluation {
    /// The cohort restricted to the participants whose insats is one of ``EvaluationOptions/insatser`` and belongs to
    /// one of ``EvaluationOptions/federations`` (an empty list restricts nothing).
    ///
    /// - Throws: `DataError` for an id the dataset does not have (naming the nearest ids), or when fewer than
    ///   ``EvaluationOptions/minCell`` participants remain.
    public func restrict(_ cohort: Cohort, _ r: Registers) throws -> Cohort {
        guard !options.federations.isEmpty || !options.insatser.isEmpty else { return cohort }
        let federations = try Set(options.federations.map {
            try index(of: $0, among: r.federations.map(\.id), option: "--federation", what: "förbund")
        })
        let insatser = try Set(options.insatser.map {
            try index(of: $0, among: r.interventions.map(\.id), option: "--insats", what: "insats")
        })
        let restricted = cohort.filter { m in
            (federations.isEmpty || federations.contains(r.interventions[m.intervention].federation))
                && (insatser.isEmpty || insatser.contains(m.intervention))
        }
        if restricted.members.count < options.minCell {
            throw DataError(file: options.data, "\(scopeDescription(r)) had \(restricted.members.count) participants in cohort "
                            + "\(options.cohort); at least \(options.minCell) are needed (--min-cell)")
        }
        return restricted
    }

    /// The chosen förbund and insatser by name and id, e.g. "Samordningsförbundet Göteborg (F012)"; "all" without a
    /// restriction.
    public func scopeDescription(_ r: Registers) -> String {
        let federations = options.federations.map { id in (r.federations.first { $0.id == id }?.name).map { "\($0) (\(id))" } ?? id }
        let insatser = options.insatser.map { id in (r.interventions.first { $0.id == id }?.name).map { "\($0) (\(id))" } ?? id }
        let parts = federations + insatser
        return parts.isEmpty ? "all" : parts.joined(separator: ", ")
    }

    /// The index of `id` in `ids`, or an error naming the three nearest ids by edit distance.
    func index(of id: String, among ids: [String], option: String, what: String) throws -> Int {
        if let i = ids.firstIndex(of: id) { return i }
        let nearest = ids.sorted { (editDistance(id, $0), $0) < (editDistance(id, $1), $1) }.prefix(3)
        throw DataError(file: options.data, "\(option): the dataset has no \(what) '\(id)'; the nearest ids are "
                        + nearest.joined(separator: ", "))
    }
}

/// The Levenshtein distance between two strings (insertions, deletions and substitutions of characters).
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    var previous = Array(0...b.count)
    for i in 1...max(a.count, 1) where !a.isEmpty {
        var current = [i] + [Int](repeating: 0, count: b.count)
        for j in stride(from: 1, through: b.count, by: 1) {
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        previous = current
    }
    return a.isEmpty ? b.count : previous[b.count]
}
