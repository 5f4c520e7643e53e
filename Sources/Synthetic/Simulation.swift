import Registers

/// One simulated person: attributes, observed monthly path and, for participants, both potential paths.
struct SimulatedPerson: Sendable {
    var index: Int
    var female: Bool
    var birthYear: Int
    var education: Int
    var bornAbroad: Bool
    var federation: Int
    var kommun: String
    /// The observed path (treated for participants from their start on).
    var observed: [SimState]
    /// Untreated path (participants only; equals `observed` before the start).
    var untreated: [SimState]?
    /// Month index of the first participation start (participants only).
    var start: Int?
    /// Month index of a second participation start, if any.
    var secondStart: Int?
    /// The participant's effect multiplier (``EffectHeterogeneity``): the personal factor times that of the förbund
    /// and insats; 1 for everybody else.
    var multiplier = 1.0
    var personalFactor = 1.0
    /// `exp(−S·U)`: how much the hidden confounder `U` multiplies the person's chance of leaving public support in a
    /// month (``GeneratorSettings/hiddenConfounding``); 1 without `--hidden-confounding`.
    var leaveFactor = 1.0

    /// The treatment that shaped the observed path after the first start (nil: none).
    var treatment: Treatment? { start.map { Treatment(start: $0, multiplier: multiplier) } }
}

/// The first start of a treated path and the participant's effect multiplier.
struct Treatment: Sendable {
    var start: Int
    var multiplier: Double
}

/// Everything the per-person simulation reads; immutable and shared by the worker threads.
struct SimulationContext: Sendable {
    let settings: GeneratorSettings
    let reference: ReferenceData
    let rng: CounterRandom
    /// Federation weights (number of member kommuner).
    let federationWeights: [Double]
    let heterogeneity: EffectHeterogeneity

    init(settings: GeneratorSettings, reference: ReferenceData, rng: CounterRandom) {
        self.settings = settings
        self.reference = reference
        self.rng = rng
        federationWeights = reference.federations.map { Double(max($0.kommuner.count, 1)) }
        heterogeneity = EffectHeterogeneity(enabled: settings.heterogeneousEffect, federations: reference.federations.count, rng: rng)
    }

    func year(ofMonth m: Int) -> Int { settings.firstYear + m / 12 }
    func month(_ m: Int) -> Month { Month(year: settings.firstYear, month: 1).advanced(by: m) }

    // Stream numbers for the addressed random draws.
    enum Stream: Int {
        case leave = 0, destination, effect, extent, level, subsidy, attribute, startChoice, initial, sus, duration, partTime,
             hidden
    }

    @inline(__always)
    func u(_ p: Int, _ m: Int, _ s: Stream, _ k: Int = 0) -> Double { rng.uniform(p, m, s.rawValue * 1000 + k) }

    func simulate(person p: Int, participantYear: Int?) -> SimulatedPerson {
        let s = settings
        let isParticipant = participantYear != nil
        // Attributes: participants' age/sex mix follows SUS (more than half 16–29, more men there; about 60 % women
        // among the older); comparisons are spread over working ages.
        let referenceYear = participantYear ?? (s.fromYear + Int(u(p, -1, .attribute, 9) * Double(s.yearCount)))
        let ageGroup = rng.choose(isParticipant ? [0.62, 0.28, 0.10] : [0.30, 0.45, 0.25], p, -1, Stream.attribute.rawValue * 1000)
        let ageRange = [16...29, 30...49, 50...64][ageGroup]
        let age = ageRange.lowerBound + Int(u(p, -1, .attribute, 1) * Double(ageRange.count))
        let female = u(p, -1, .attribute, 2) < (ageGroup == 0 ? (isParticipant ? 0.42 : 0.48) : (isParticipant ? 0.60 : 0.52))
        let bornAbroad = u(p, -1, .attribute, 3) < (isParticipant ? 0.30 : 0.25)
        let education = 1 + rng.choose(ageGroup == 0 ? [0.35, 0.50, 0.15] : [0.28, 0.47, 0.25], p, -1, Stream.attribute.rawValue * 1000 + 4)
        let federation = rng.choose(federationWeights, p, -1, Stream.attribute.rawValue * 1000 + 5)
        let kommuner = reference.federations[federation].kommuner
        let kommun = kommuner[Int(u(p, -1, .attribute, 6) * Double(kommuner.count))]
        let birthYear = referenceYear - age

        // The hidden confounder (``GeneratorSettings/hiddenConfounding``): U ~ N(0, 1), never written to the registers.
        // U raises the hazard of starting by exp(|S|·U) and moves the chance of leaving support by exp(−S·U).
        let hidden = s.hiddenConfounding == 0 ? 0 : rng.normal(p, -1, Stream.hidden.rawValue * 1000)
        let startFactor = s.hiddenConfounding == 0 ? 1 : _exp(abs(s.hiddenConfounding) * hidden)
        let leaveFactor = s.hiddenConfounding == 0 ? 1 : _exp(-s.hiddenConfounding * hidden)
        let months = s.monthCount
        var path0 = [SimState](repeating: .none, count: months)
        // Initial state: most of the population studied receives public support at some time.
        let initialWeights: [Double] = [0.14, 0.28, 0.06, 0.12, 0.08, 0.04, 0.08, 0.08, 0.02, 0.10]
        var state = initialState(p, weights: initialWeights, age: birthYear < s.firstYear - 29 ? 40 : 20, bornAbroad: bornAbroad)
        for m in 0..<months {
            let ageNow = year(ofMonth: m) - birthYear
            if m > 0 { state = step(p, m, from: state, age: ageNow, bornAbroad: bornAbroad, leaveFactor: leaveFactor) }
            if ageNow < 16 { state = .studies }
            path0[m] = state
        }
        var person = SimulatedPerson(index: p, female: female, birthYear: birthYear, education: education,
                                     bornAbroad: bornAbroad, federation: federation, kommun: kommun,
                                     observed: path0, untreated: nil, start: nil, secondStart: nil)
        person.leaveFactor = leaveFactor
        guard let y = participantYear else { return person }

        // Start month: from January of year y on, participation starts with a monthly hazard that is high for a
        // person on public support the month before, and higher the more months of support in the half year before
        // (selection on the observed past only). A person designated for year y who has not started by its end
        // stays a non-participant (so more persons are designated than start; see GeneratorSettings).
        var start: Int? = nil
        for m in max(1, (y - s.firstYear) * 12)..<min(months, (y - s.firstYear + 1) * 12) {
            let recent = (max(0, m - 6)..<m).filter { path0[$0].isSupport }.count
            let hazard = path0[m - 1].isSupport ? 0.16 * _exp(0.25 * Double(recent - 3))   : 0.006
            if u(p, m, .startChoice) < (startFactor == 1 ? hazard : min(1, hazard * startFactor)) {
                start = m
                break
            }
        }
        guard let start else { return person }
        let personalFactor = heterogeneity.personal(ageGroup: ageGroup, female: female, bornAbroad: bornAbroad, before: path0[start - 1])
        let multiplier = personalFactor * heterogeneity.local(federation: federation, period: s.insatsPeriod(year: y))
        let path1 = treatedPath(p, untreated: path0, birthYear: birthYear, bornAbroad: bornAbroad, leaveFactor: leaveFactor,
                                treatment: Treatment(start: start, multiplier: multiplier), through: months - 1)
        person.observed = path1
        person.untreated = path0
        person.start = start
        person.multiplier = multiplier
        person.personalFactor = personalFactor
        if u(p, -3, .startChoice) < 0.08 {
            let second = start + 30 + Int(u(p, -3, .startChoice, 1) * 30)
            if second < months { person.secondStart = second }
        }
        return person
    }

    /// The treated path from `treatment.start` through month `last` (the untreated one before), with the same random
    /// numbers as the untreated one: in a support state that the chain would keep, the participant moves to work
    /// (65 %) or studies with the extra probability `multiplier · h(k)`; those moved relapse at twice the usual rate.
    func treatedPath(_ p: Int, untreated path0: [SimState], birthYear: Int, bornAbroad: Bool, leaveFactor: Double = 1,
                     treatment: Treatment, through last: Int) -> [SimState] {
        var path1 = Array(path0[...last])
        var movedByEffect = false
        let start = treatment.start
        guard start <= last else { return path1 }
        for m in start...last {
            let ageNow = year(ofMonth: m) - birthYear
            let previous = m == 0 ? path0[0] : path1[m - 1]
            var next = step(p, m, from: previous, age: ageNow, bornAbroad: bornAbroad, relapseFactor: movedByEffect ? 2 : 1,
                            leaveFactor: leaveFactor)
            if previous.isSupport && next == previous {
                let leave = StateModel.leaveProbability(previous) * leaveFactor
                let u0 = u(p, m, .leave)
                if u0 >= leave && u0 < leave + treatment.multiplier * StateModel.effectHazard(monthsSinceStart: m - start) {
                    next = u(p, m, .effect) < 0.65 ? .work : .studies
                    movedByEffect = true
                }
            }
            if movedByEffect && next.isSupport { movedByEffect = false }
            path1[m] = next
        }
        return path1
    }

    func initialState(_ p: Int, weights: [Double], age: Int, bornAbroad: Bool) -> SimState {
        var w = weights
        if age > 29 { w[5] = 0 }
        if !bornAbroad { w[8] = 0 }
        return SimState(rawValue: UInt8(rng.choose(w, p, -4, Stream.initial.rawValue * 1000)))!
    }

    /// One month of the untreated chain (`relapseFactor` multiplies the leave probability of work and studies;
    /// `leaveFactor` that of public support).
    @inline(__always)
    func step(_ p: Int, _ m: Int, from s: SimState, age: Int, bornAbroad: Bool, relapseFactor: Double = 1,
              leaveFactor: Double = 1) -> SimState {
        var leave = StateModel.leaveProbability(s)
        if s == .work || s == .studies { leave *= relapseFactor }
        if leaveFactor != 1 && s.isSupport { leave = min(1, leave * leaveFactor) }
        // Impossible states are left at once (AE after 29).
        if s == .ae && age > 29 { leave = 1 }
        guard u(p, m, .leave) < leave else { return s }
        let w = StateModel.destinations(from: s, age: age, bornAbroad: bornAbroad)
        return SimState(rawValue: UInt8(rng.choose(w, p, m, Stream.destination.rawValue * 1000)))!
    }
}
