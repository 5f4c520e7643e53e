import Dispatch
import Foundation

/// The progress of a run's stages on stderr (never stdout, which carries the results).
///
/// - `bar` (stderr is a terminal): one line redrawn in place, `[########............] 3/9 risk-set matching 12 s`,
///   the elapsed seconds of the running stage updated every second, cleared when the run ends.
/// - `lines` (a log file, CI): today's one line per stage, `evaluate: risk-set matching…`.
/// - `silent` (`--quiet`): nothing.
public final class StageProgress: @unchecked Sendable {
    /// How progress is shown: not at all, one line per stage, or a bar redrawn in place.
    public enum Mode: Sendable { case silent, lines, bar }

    /// How progress is shown.
    public let mode: Mode
    /// The number of stages (at least 1).
    public let total: Int
    let prefix: String
    let write: @Sendable (String) -> Void
    let lock = NSLock()
    var started = 0
    var current: String?
    /// The running step within the current stage, if the stage reports steps.
    var step: String?
    var stageStart = DispatchTime.now()
    var timer: DispatchSourceTimer?
    /// The bar as last drawn (a timer tick that would change nothing draws nothing).
    var drawn = ""

    /// - Parameters:
    ///   - stages: how many stages the run has (the bar's denominator).
    ///   - write: where text goes (stderr by default; tests capture it).
    public init(stages: Int, mode: Mode, prefix: String = "evaluate",
                write: @escaping @Sendable (String) -> Void = { FileHandle.standardError.write(Data($0.utf8)) }) {
        self.total = max(stages, 1)
        self.mode = mode
        self.prefix = prefix
        self.write = write
    }

    /// The mode for a command-line run: silent when quiet, a bar when stderr is a terminal, else lines.
    public static func mode(quiet: Bool) -> Mode {
        quiet ? .silent : (isatty(2) == 1 ? .bar : .lines)
    }

    /// Starts the next stage.
    public func begin(_ name: String) {
        lock.lock()
        defer { lock.unlock() }
        started += 1
        current = name
        step = nil
        stageStart = DispatchTime.now()
        switch mode {
        case .silent: return
        case .lines: write("\(prefix): \(name)…\n")
        case .bar:
            drawLocked()
            if timer == nil { startTimer() }
        }
    }

    /// Names the step now running within the current stage: the bar shows it after the stage's name; lines and
    /// silence stay as they are (one line per stage in a log).
    public func step(_ name: String) {
        lock.lock()
        defer { lock.unlock() }
        step = name
        if mode == .bar { drawLocked() }
    }

    /// Ends the display: the bar's line is cleared (so the results print on a clean line) and the timer stopped.
    /// Safe to call more than once, and after a failure.
    public func finish() {
        lock.lock()
        defer { lock.unlock() }
        timer?.cancel()
        timer = nil
        if mode == .bar && current != nil { write("\r\u{1B}[K") }
        current = nil
        drawn = ""
    }

    /// The bar's text for stage `stage` (1-based) of `total`, `columns` wide at most.
    public static func line(stage: Int, total: Int, name: String, seconds: Int, columns: Int) -> String {
        let width = 20
        let filled = min(width, (stage - 1) * width / max(total, 1))
        let bar = "[" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled) + "]"
        let text = "\(bar) \(stage)/\(total) \(name)" + (seconds > 0 ? " \(seconds) s" : "")
        return String(text.prefix(max(columns - 1, width + 2)))
    }

    func drawLocked() {
        guard let name = current else { return }
        let seconds = Int((DispatchTime.now().uptimeNanoseconds - stageStart.uptimeNanoseconds) / 1_000_000_000)
        let label = step.map { "\(name): \($0)" } ?? name
        let line = StageProgress.line(stage: started, total: total, name: label, seconds: seconds, columns: StageProgress.columns())
        guard line != drawn else { return }
        drawn = line
        write("\r\u{1B}[K" + line)
    }

    func startTimer() {
        let t = DispatchSource.makeTimerSource(queue: DispatchQueue.global(qos: .utility))
        t.schedule(deadline: .now() + 1, repeating: 1)
        t.setEventHandler { [weak self] in
            guard let self else { return }
            self.lock.lock()
            defer { self.lock.unlock() }
            self.drawLocked()
        }
        timer = t
        t.resume()
    }

    /// The terminal's width (80 when unknown).
    static func columns() -> Int {
        var size = winsize()
        if ioctl(2, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return 80
    }
}
