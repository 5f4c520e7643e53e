import Foundation
import Testing
import Registers
import Stats
import Synthetic

/// The truth the generator writes for effects by group and for the förbund: internally consistent (groups add up
/// to the cohort, τ is the spread of the förbund' effects), switched off by `heterogeneousEffect`, and work beside
/// a partial benefit in the written registers.
@Suite struct TruthTests {
    func truth(_ settings: GeneratorSettings) throws -> [String: Any] {
        let dataset = Generator(settings: settings, reference: try ReferenceData(folder: referenceFolder)).generate()
        return try JSONSerialization.jsonObject(with: Data(dataset.truthJSON.utf8)) as! [String: Any]
    }

    func cohort(_ truth: [String: Any], _ year: String) -> [String: Any] {
        (truth["cohorts"] as! [String: Any])[year] as! [String: Any]
    }

    /// In every grouping the groups' participants add up to the cohort's, and their participant-weighted ATTs at
    /// +12 to the cohort's ATT (to the six decimals written); an insats names its förbund.
    @Test func groupsAddUpToTheCohort() throws {
        let truth = try truth(GeneratorSettings(scale: 0.01, seed: 5, fromYear: 2013, toYear: 2017))
        let c = cohort(truth, "2014")
        let participants = c["participants"] as! Int
        let att = c["att"] as! [String: [Double?]]
        let groups = c["groups"] as! [String: [String: [String: Any]]]
        #expect(Set(groups.keys) == ["sex", "age_group", "born_abroad", "education", "start_state", "federation", "insats"])
        for (grouping, members) in groups where grouping != "insats" {
            #expect(members.values.map { $0["participants"] as! Int }.reduce(0, +) == participants, "\(grouping)")
            for outcome in ["public_support", "work"] {
                let weighted = members.values.map { g in
                    Double(g["participants"] as! Int) * ((g["att"] as! [String: [Double?]])[outcome]![1]!)
                }.reduce(0, +) / Double(participants)
                #expect(abs(weighted - att[outcome]![24 + 12]!) < 1e-5, "\(grouping) \(outcome)")
            }
        }
        let federations = Set(groups["federation"]!.keys)
        for (_, insats) in groups["insats"]! { #expect(federations.contains(insats["federation"] as! String)) }
        #expect(groups["sex"]!.keys.sorted() == ["K", "M"])
        #expect(Set(groups["age_group"]!.keys).isSubset(of: ["16–29", "30–49", "50–64"]))
    }

    /// τ is the standard deviation over the förbund of their planted effects; with heterogeneity, the effect varies
    /// by förbund and by age group; without, every förbund's planted effect is the same and τ is 0.
    @Test func heterogeneityIsPlantedAndCanBeSwitchedOff() throws {
        for heterogeneous in [true, false] {
            let truth = try truth(GeneratorSettings(scale: 0.01, seed: 5, fromYear: 2013, toYear: 2017, heterogeneousEffect: heterogeneous))
            #expect((truth["heterogeneity"] as! [String: Any])["enabled"] as! Bool == heterogeneous)
            let c = cohort(truth, "2014")
            let tau = c["tau_12"] as! [String: Double]
            let federations = (c["groups"] as! [String: [String: [String: Any]]])["federation"]!
            #expect(federations.count > 40)
            for outcome in ["public_support", "work"] {
                let effects = federations.values.map { ($0["population_att_12"] as! [String: Double])[outcome]! }
                let mean = effects.reduce(0, +) / Double(effects.count)
                let sd = (effects.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(effects.count)).squareRoot()
                if heterogeneous {
                    // τ is the spread of the förbund in the JSON (to the rounding of the written effects).
                    #expect(tau[outcome]! > 0.005 && abs(sd - tau[outcome]!) < 1e-5, "\(outcome): τ \(tau[outcome]!), sd \(sd)")
                } else {
                    #expect(tau[outcome]! < 1e-12 && sd < 1e-12, "\(outcome)")
                }
            }
        }
    }

    /// Partial benefits meet part-time work: some person-months in the written registers have both public support
    /// and work, so the cohort's true ATT on work or studies differs from that on self-sufficiency, and the rise in
    /// work or studies is larger than the fall in public support (the registers' contrast).
    @Test func workMeetsPartialBenefits() throws {
        let settings = GeneratorSettings(scale: 0.01, seed: 5, fromYear: 2013, toYear: 2017)
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let dataset = Generator(settings: settings, reference: try ReferenceData(folder: referenceFolder)).generate()
        try dataset.write(to: folder, gzip: false)
        let r = try RegisterReader(folder: folder).read()
        let panel = PanelBuilder(registers: r).build(r)
        let both = (0..<panel.flags.count).filter { panel.publicSupport(cell: $0) && panel.work(cell: $0) }.count
        let work = (0..<panel.flags.count).filter { panel.work(cell: $0) }.count
        #expect(both > 0 && Double(both) < 0.5 * Double(work), "\(both) of \(work) work months with support")
        let c = cohort(try JSONSerialization.jsonObject(with: Data(dataset.truthJSON.utf8)) as! [String: Any], "2014")
        let att = c["att"] as! [String: [Double?]]
        // Averaged over months +6…+24, as single months of a small cohort are noisy.
        func mean(_ outcome: String) -> Double { (30...48).map { att[outcome]![$0]! }.reduce(0, +) / 19 }
        #expect(mean("work_or_study") > mean("self_sufficient") + 0.01)
        #expect(mean("work_or_study") > -mean("public_support") + 0.01, "\(mean("work_or_study")) \(mean("public_support"))")
    }
}
