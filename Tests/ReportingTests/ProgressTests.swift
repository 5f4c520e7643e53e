import Foundation
import Testing
@testable import Reporting

/// The stage progress on stderr: a bar on a terminal, lines otherwise, nothing when quiet.
@Suite struct ProgressTests {
    /// Collects what the progress writes.
    final class Sink: @unchecked Sendable {
        let lock = NSLock()
        var text = ""
        func append(_ s: String) { lock.lock(); text += s; lock.unlock() }
    }

    @Test func theBarShowsTheStageAndFitsTheTerminal() {
        #expect(StageProgress.line(stage: 1, total: 4, name: "reading", seconds: 0, columns: 80) == "[....................] 1/4 reading")
        #expect(StageProgress.line(stage: 3, total: 4, name: "risk-set matching", seconds: 12, columns: 80)
                == "[##########..........] 3/4 risk-set matching 12 s")
        #expect(StageProgress.line(stage: 2, total: 2, name: String(repeating: "x", count: 200), seconds: 0, columns: 60).count == 59)
    }

    @Test func eachModeWritesWhatItShould() {
        func run(_ mode: StageProgress.Mode) -> String {
            let sink = Sink()
            let progress = StageProgress(stages: 2, mode: mode, write: { sink.append($0) })
            progress.begin("reading")
            progress.begin("matching")
            progress.step("balance")
            progress.finish()
            progress.finish()   // a second finish (after a failure) writes nothing
            return sink.text
        }
        #expect(run(.silent) == "")
        #expect(run(.lines) == "evaluate: reading…\nevaluate: matching…\n")
        let bar = run(.bar)
        #expect(bar.hasPrefix("\r\u{1B}[K[....................] 1/2 reading\r\u{1B}[K[##########..........] 2/2 matching"
                              + "\r\u{1B}[K[##########..........] 2/2 matching: balance"))
        #expect(bar.hasSuffix("\r\u{1B}[K"))
        #expect(!bar.contains("\n"))
    }
}
