import Dispatch
import Foundation
import Registers

/// The calibrated synthetic register generator (README, "Synthetic data").
///
/// Each person follows the monthly Markov chain of ``StateModel`` from `fromYear − 3` to `toYear`. Participants
/// start an individual insats in a designated year, in a month chosen with more weight the more months of public
/// support they had in the half year before (selection: support rises before start). From the start month on,
/// both potential outcomes are simulated with common random numbers; the treated path gets the planted effect
/// (``StateModel/effectHazard(monthsSinceStart:)``). Observed data follow the treated path for participants and the
/// untreated one for everybody else; `truth.json` holds the mean difference of the two paths per cohort and month.
/// Benefit spells are whole calendar months, so the monthly panel reproduces the simulated amounts exactly.
public struct Generator: Sendable {
    /// What to generate.
    public var settings: GeneratorSettings
    /// The förbund, kommuner and prices the dataset draws on.
    public var reference: ReferenceData

    /// A generator with its settings and reference data.
    public init(settings: GeneratorSettings, reference: ReferenceData) {
        self.settings = settings
        self.reference = reference
    }

    /// Roles: `participantYear[p]` is the designated first-participation year, or nil for a comparison person.
    func roles() -> [Int?] {
        let s = settings
        var roles: [Int?] = []
        for y in s.fromYear...s.toYear { roles += Array(repeating: y, count: s.designatedPerYear) }
        roles += Array(repeating: nil, count: s.comparisonCount)
        // Deterministic Fisher–Yates shuffle, so ids do not reveal the role.
        let rng = CounterRandom(seed: s.seed)
        for i in stride(from: roles.count - 1, to: 0, by: -1) {
            let j = Int(rng.bits(-7, i, 0) % UInt64(i + 1))
            roles.swapAt(i, j)
        }
        return roles
    }

    /// Simulates every person and assembles the dataset. Persons are simulated in parallel from counter-based random
    /// numbers, so the result depends only on the settings and the reference data.
    public func generate() -> SyntheticDataset {
        let roles = roles()
        let n = roles.count
        let rng = CounterRandom(seed: settings.seed)
        let context = SimulationContext(settings: settings, reference: reference, rng: rng)
        var people = [SimulatedPerson?](repeating: nil, count: n)
        let chunk = 2048
        let chunks = (n + chunk - 1) / chunk
        people.withUnsafeMutableBufferPointer { buf in
            let out = UnsafeSendable(buf.baseAddress!)
            DispatchQueue.concurrentPerform(iterations: chunks) { c in
                for p in (c * chunk)..<min(n, (c + 1) * chunk) {
                    out.pointer[p] = context.simulate(person: p, participantYear: roles[p])
                }
            }
        }
        return SyntheticDataset(settings: settings, reference: reference, context: context, people: people.map { $0! })
    }
}

struct UnsafeSendable<T>: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<T>
    init(_ pointer: UnsafeMutablePointer<T>) { self.pointer = pointer }
}
