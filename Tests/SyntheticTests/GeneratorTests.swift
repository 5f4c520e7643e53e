import CZlib
import Foundation
import Testing
import Registers
import Stats
import Synthetic

let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
let referenceFolder = repositoryRoot.appendingPathComponent("Datasets/reference").path

func temporaryFolder() -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent("finsam-synthetic-\(UUID())").path
}

/// The text of a `.csv` or `.csv.gz` file.
func readText(_ path: String) throws -> String {
    String(decoding: try readFileBytes(path: path), as: UTF8.self)
}

@Suite struct GeneratorTests {
    @Test func theSameSeedGivesIdenticalFilesAndAnotherSeedDoesNot() throws {
        let reference = try ReferenceData(folder: referenceFolder)
        let settings = GeneratorSettings(scale: 0.003, seed: 7, fromYear: 2012, toYear: 2016)
        let a = Generator(settings: settings, reference: reference).generate()
        let b = Generator(settings: settings, reference: reference).generate()
        #expect(a.files.map(\.text) == b.files.map(\.text))
        #expect(a.truthJSON == b.truthJSON)
        var other = settings
        other.seed = 8
        #expect(Generator(settings: other, reference: reference).generate().files[4].text != a.files[4].text)
    }

    /// A planted hidden confounder changes who starts and how paths run, is recorded in `truth.json` and the data
    /// card, and strength 0 is no confounder at all (the same files as without the option).
    @Test func aHiddenConfounderIsPlantedAndRecorded() throws {
        let reference = try ReferenceData(folder: referenceFolder)
        let plain = GeneratorSettings(scale: 0.003, seed: 7, fromYear: 2012, toYear: 2016)
        var zero = plain
        zero.hiddenConfounding = 0
        var strong = plain
        strong.hiddenConfounding = 2
        let a = Generator(settings: plain, reference: reference).generate()
        let b = Generator(settings: zero, reference: reference).generate()
        let c = Generator(settings: strong, reference: reference).generate()
        #expect(a.files.map(\.text) == b.files.map(\.text) && a.truthJSON == b.truthJSON)
        #expect(!a.truthJSON.contains("hidden_confounding"))
        #expect(c.truthJSON.contains("\"hidden_confounding\": {\"strength\": 2,"))
        #expect(c.dataCard.contains("--hidden-confounding 2") && c.dataCard.contains("Hidden confounding of strength S = 2")
                && c.dataCard.contains("understates"))
        let participations = a.files.firstIndex { $0.name == "participations" }!
        #expect(c.files[participations].text != a.files[participations].text)
    }

    @Test func aGeneratedDatasetPassesValidation() throws {
        let reference = try ReferenceData(folder: referenceFolder)
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Generator(settings: GeneratorSettings(scale: 0.005, seed: 3), reference: reference).generate().write(to: folder, gzip: true)
        let registers = try RegisterReader(folder: folder).read()
        #expect(registers.persons.count == GeneratorSettings(scale: 0.005, seed: 3).personCount)
        #expect(registers.federations.count == reference.federations.count)
    }

    /// Calibration at scale 0.1 (issue 3): the published shares within stated tolerances, and the
    /// observed before/after shares in the panel built from the written files equal those the generator recorded.
    @Test func calibrationAtScaleOneTenth() throws {
        let reference = try ReferenceData(folder: referenceFolder)
        let settings = GeneratorSettings(scale: 0.1, seed: 20_140_101)
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Generator(settings: settings, reference: reference).generate().write(to: folder, gzip: false)
        let r = try RegisterReader(folder: folder).read()
        let summary = DatasetSummary(r)
        // About 17,000 × 0.1 = 1,700 new participants a year (±25 %).
        for (year, persons) in summary.participantsPerYear where (2009...2021).contains(year) {
            #expect(abs(Double(persons) - 1_700) / 1_700 < 0.25, "\(year): \(persons)")
        }
        let panel = PanelBuilder(registers: r).build(r)
        var first: [Int32: Day] = [:]
        for k in 0..<r.participations.count {
            let p = r.participations.person[k], d = r.participations.start[k]
            if first[p].map({ d < $0 }) ?? true { first[p] = d }
        }
        var young = 0, youngMen = 0, older = 0, olderWomen = 0, before = 0, total = 0
        var cohort2014 = 0, before2014 = 0, after2014 = 0
        for (p, d) in first {
            let person = Int(p)
            let age = d.components.year - Int(r.persons.birthYear[person])
            if age <= 29 { young += 1; if r.persons.sex[person] == .male { youngMen += 1 } } else { older += 1; if r.persons.sex[person] == .female { olderWomen += 1 } }
            let start = d.month
            guard let cBefore = panel.cell(person: person, month: start.advanced(by: -1)) else { continue }
            total += 1
            if panel.publicSupport(cell: cBefore) { before += 1 }
            if start.year == 2014, let cAfter = panel.cell(person: person, month: start.advanced(by: 12)) {
                cohort2014 += 1
                if panel.publicSupport(cell: cBefore) { before2014 += 1 }
                if panel.publicSupport(cell: cAfter) { after2014 += 1 }
            }
        }
        #expect(Double(young) / Double(young + older) > 0.5)
        #expect(Double(youngMen) / Double(young) > 0.5)
        #expect(abs(Double(olderWomen) / Double(older) - 0.60) < 0.05)
        #expect(abs(Double(before) / Double(total) - 0.90) < 0.05)
        // truth.json records the same observed shares for cohort 2014 (a check that files and panel reproduce the
        // simulated paths exactly).
        let truth = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/truth.json"))) as! [String: Any]
        let cohorts = truth["cohorts"] as! [String: Any]
        let c2014 = cohorts["2014"] as! [String: Any]
        let naive = c2014["naive"] as! [String: Double]
        #expect(c2014["participants"] as! Int == cohort2014 || abs((c2014["participants"] as! Int) - cohort2014) <= cohort2014 / 50)
        #expect(abs(naive["public_support_before"]! - Double(before2014) / Double(cohort2014)) < 0.01)
        #expect(abs(naive["public_support_after_12"]! - Double(after2014) / Double(cohort2014)) < 0.01)
        // The planted effect: negative on public support after the start, zero before it.
        let att = (c2014["att"] as! [String: [Double?]])["public_support"]!
        #expect(att[0..<24].allSatisfy { $0 == 0 })
        #expect((att[24 + 12] ?? 0) < -0.03)
        // Selection: the naive before/after difference overstates the effect.
        let naiveDifference = naive["public_support_after_12"]! - naive["public_support_before"]!
        #expect(naiveDifference < (att[24 + 12] ?? 0) - 0.05)
    }
}

/// The committed default dataset equals a fresh generation with the settings of scripts/generate-datasets.
@Suite struct EmbeddedDatasetTests {
    @Test func theCommittedDatasetEqualsAFreshGeneration() throws {
        let reference = try ReferenceData(folder: referenceFolder)
        let fresh = Generator(settings: GeneratorSettings(scale: 0.05, seed: 20_140_101, fromYear: 2008, toYear: 2022),
                              reference: reference).generate()
        let folder = repositoryRoot.appendingPathComponent("Datasets/synthetic").path
        for (name, text) in fresh.files {
            #expect(try readText("\(folder)/\(name).csv.gz") == text, "\(name).csv.gz differs from a fresh generation")
        }
        #expect(try String(contentsOfFile: folder + "/truth.json", encoding: .utf8) == fresh.truthJSON)
        #expect(try String(contentsOfFile: folder + "/README.md", encoding: .utf8) == fresh.dataCard)
    }
}
