import Foundation
import Testing

/// The `evaluate` binary built beside the tests.
let evaluateBinary: URL = {
    let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("evaluate")
    return FileManager.default.isExecutableFile(atPath: binary.path) ? binary : repositoryRoot.appendingPathComponent(".build/debug/evaluate")
}()

/// Starts `evaluate` with `arguments` in `folder`, its output discarded.
func launchEvaluate(_ arguments: [String], in folder: URL) throws -> Process {
    let process = Process()
    process.executableURL = evaluateBinary
    process.arguments = arguments
    process.currentDirectoryURL = folder
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    return process
}

/// Runs `evaluate` in `folder` and waits, with its output.
func evaluate(_ arguments: [String], in folder: URL) throws -> CommandResult {
    let process = Process()
    process.executableURL = evaluateBinary
    process.arguments = arguments
    process.currentDirectoryURL = folder
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    let stderr = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return CommandResult(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                         stderr: String(decoding: stderr, as: UTF8.self))
}

/// Every file below `folder` (hidden ones too) with its contents: two equal snapshots mean nothing on disk changed.
func snapshot(_ folder: URL) -> [String: Data] {
    var files: [String: Data] = [:]
    guard let walker = FileManager.default.enumerator(atPath: folder.path) else { return files }
    while let relative = walker.nextObject() as? String {
        let path = folder.appendingPathComponent(relative).path
        var isDirectory: ObjCBool = false
        _ = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
        files[relative] = isDirectory.boolValue ? Data("<folder>".utf8) : FileManager.default.contents(atPath: path)
    }
    return files
}

/// A run replaces only what `evaluate` wrote: refused locations exit 73 before any work, with a one-line message, and
/// leave every file as it was; an interrupted or killed run never leaves the place without one complete result.
@Suite(.serialized) struct OutputSafetyTests {
    let embedded = repositoryRoot.appendingPathComponent("Datasets/synthetic").path
    static let cohortFiles: Set<String> = [".finsameval-output", "summary.csv", "transitions.csv", "indicators.csv",
                                           "agreement.csv", "balance.csv", "effects.csv", "did.csv", "payback.csv",
                                           "payback_monthly.csv", "payback_actors.csv", "payback_sensitivity.csv",
                                           "results.json", "report.html", "run.json", "federations.csv",
                                           "insatser.csv", "random_effects.csv", "pretrend.csv", "sensitivity.csv", "estimators.csv", "overlap.csv"]

    /// A small valid dataset (one participant) in `folder/name`.
    func smallDataset(in folder: URL, name: String = "data") throws -> URL {
        let files = ValidateCommandTests().dataset(benefitsRow: "P1,SJP,2014-01-20,2014-02-10,100,20000")
        let dir = folder.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for (file, text) in files { try text.write(to: dir.appendingPathComponent(file), atomically: true, encoding: .utf8) }
        return dir
    }

    func expectRefused(_ r: CommandResult, _ fragment: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(r.status == 73, "\(r.stderr)", sourceLocation: sourceLocation)
        #expect(r.stderr.contains(fragment), "\(r.stderr)", sourceLocation: sourceLocation)
        #expect(r.stderr.split(separator: "\n").count == 1, "not one line: \(r.stderr)", sourceLocation: sourceLocation)
        #expect(!r.stderr.contains("NSCocoaErrorDomain") && !r.stderr.contains("Error Domain"), sourceLocation: sourceLocation)
    }

    @Test func theCohortRunRefusesWhatItDidNotWrite() throws {
        let dir = try temporaryFolder([:])
        defer { try? FileManager.default.removeItem(at: dir) }
        let data = try smallDataset(in: dir)
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("mine"), withIntermediateDirectories: true)
        try "precious".write(to: dir.appendingPathComponent("mine/notes.txt"), atomically: true, encoding: .utf8)
        try "a file".write(to: dir.appendingPathComponent("afile"), atomically: true, encoding: .utf8)
        let before = snapshot(dir)
        func run(_ out: String) throws -> CommandResult {
            try evaluate(["--cohort", "2014", "--data", data.path, "--out", out, "--quiet"], in: dir)
        }
        expectRefused(try run(data.path), "is the input")
        expectRefused(try run("data"), "is the input")
        expectRefused(try run("data/results"), "lies inside the input folder")
        expectRefused(try run("."), "contains the input")
        expectRefused(try run("mine"), "mine is a folder that evaluate did not write")
        expectRefused(try run("afile"), "afile exists and is not a folder")
        expectRefused(try run("/proc/finsam-results"), "cannot write to /proc")
        #expect(snapshot(dir) == before, "a refused run changed the disk")
        // The current folder, or one that contains it, is refused even where it holds no input.
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("work/here"), withIntermediateDirectories: true)
        let here = dir.appendingPathComponent("work/here")
        for out in [".", "..", here.path] {
            expectRefused(try evaluate(["--cohort", "2014", "--data", embedded, "--out", out, "--quiet"], in: here),
                          "is the current folder or contains it")
        }
        // An empty folder may be used; the result holds the marker that lets the next run replace it.
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("empty"), withIntermediateDirectories: true)
        let r = try evaluate(["--cohort", "2014", "--data", embedded, "--out", "empty", "--quiet"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("empty").path)) == OutputSafetyTests.cohortFiles)
    }

    @Test func everyCommandAppliesTheSameRule() throws {
        let dir = try temporaryFolder([:])
        defer { try? FileManager.default.removeItem(at: dir) }
        let petersen = repositoryRoot.appendingPathComponent("Datasets/examples/petersen.csv").path
        try FileManager.default.copyItem(atPath: petersen, toPath: dir.appendingPathComponent("petersen.csv").path)
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("mine"), withIntermediateDirectories: true)
        try "precious".write(to: dir.appendingPathComponent("mine/notes.txt"), atomically: true, encoding: .utf8)
        try "a,b\n1,2\n".write(to: dir.appendingPathComponent("other.csv"), atomically: true, encoding: .utf8)
        let before = snapshot(dir)
        let regress = ["regress", "--data", "petersen.csv", "--formula", "y ~ x"]
        expectRefused(try evaluate(regress + ["--out", "petersen.csv"], in: dir), "is the input")
        expectRefused(try evaluate(regress + ["--out", "other.csv"], in: dir), "is not an earlier output")
        expectRefused(try evaluate(regress + ["--out", "mine"], in: dir), "is not a regular file")
        let match = ["match", "--data", "petersen.csv", "--treatment", "x", "--covariates", "y"]
        expectRefused(try evaluate(match + ["--out", "mine"], in: dir), "evaluate did not write")
        expectRefused(try evaluate(match + ["--out", "."], in: dir), "contains the input petersen.csv")
        let payback = ["payback", "--annual-gain", "10000", "--source", "naive"]
        expectRefused(try evaluate(payback + ["--out", "mine"], in: dir), "evaluate did not write")
        expectRefused(try evaluate(payback + ["--out", "other.csv"], in: dir), "not a folder")
        let generate = ["generate", "--scale", "0.001", "--reference", repositoryRoot.appendingPathComponent("Datasets/reference").path]
        expectRefused(try evaluate(generate + ["--out", "mine"], in: dir), "evaluate did not write")
        #expect(snapshot(dir) == before, "a refused run changed the disk")

        // Each command replaces its own earlier output, and only its own.
        for _ in 0..<2 { #expect(try evaluate(regress + ["--out", "fit.csv"], in: dir).status == 0) }
        #expect(try evaluate(regress + ["--out", "fit.csv", "--csv", "rfc4180"], in: dir).status == 0)
        for _ in 0..<2 { #expect(try evaluate(payback + ["--out", "pay"], in: dir).status == 0) }
        expectRefused(try evaluate(generate + ["--out", "pay"], in: dir), "holds the output of evaluate payback, not of evaluate generate")
        for _ in 0..<2 {
            let r = try evaluate(generate + ["--out", "gen"], in: dir)
            #expect(r.status == 0, "\(r.stderr)")
        }
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("gen/persons.csv").path))
        #expect(!(try FileManager.default.contentsOfDirectory(atPath: dir.path)).contains { $0.hasPrefix(".") },
                "temporaries left behind")
    }

    @Test func anInterruptedRunRemovesItsTemporariesAndKeepsTheEarlierResult() throws {
        let dir = try temporaryFolder([:])
        defer { try? FileManager.default.removeItem(at: dir) }
        let arguments = ["--cohort", "2014", "--data", embedded, "--out", "r", "--quiet"]
        #expect(try evaluate(arguments, in: dir).status == 0)
        let earlier = snapshot(dir.appendingPathComponent("r"))
        #expect(Set(earlier.keys) == OutputSafetyTests.cohortFiles)
        for signal in [SIGINT, SIGTERM, SIGHUP] {
            let process = try launchEvaluate(arguments, in: dir)
            let staging = dir.appendingPathComponent(".r.partial-\(process.processIdentifier)").path
            let deadline = Date().addingTimeInterval(20)
            while !FileManager.default.fileExists(atPath: staging), Date() < deadline { usleep(10_000) }
            #expect(FileManager.default.fileExists(atPath: staging), "the staging folder is made before the work")
            usleep(300_000)
            kill(process.processIdentifier, signal)
            process.waitUntilExit()
            #expect(process.terminationReason == .uncaughtSignal && process.terminationStatus == signal)
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["r"], "signal \(signal) left temporaries")
            #expect(snapshot(dir.appendingPathComponent("r")) == earlier)
        }
    }

    /// SIGKILL at many instants of a run that replaces an earlier result: the folder always holds one complete
    /// result, and the next run removes what the killed one left.
    @Test func aKilledRunNeverLeavesThePlaceWithoutACompleteResult() throws {
        let dir = try temporaryFolder([:])
        defer { try? FileManager.default.removeItem(at: dir) }
        let arguments = ["--cohort", "2014", "--data", embedded, "--out", "r", "--quiet"]
        let start = Date()
        #expect(try evaluate(arguments, in: dir).status == 0)
        let duration = Date().timeIntervalSince(start)
        for fraction in [0.3, 0.7, 0.85, 0.9, 0.95, 1.0, 1.05, 1.1] {
            let process = try launchEvaluate(arguments, in: dir)
            usleep(UInt32(duration * fraction * 1e6))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let files = Set((try? FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("r").path)) ?? [])
            #expect(files == OutputSafetyTests.cohortFiles, "killed at \(fraction) of the run: \(files.sorted())")
        }
        #expect(try evaluate(arguments, in: dir).status == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["r"], "a killed run's temporaries were not removed")
    }
}
