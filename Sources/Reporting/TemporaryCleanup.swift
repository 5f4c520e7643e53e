import Dispatch
import Foundation

/// Removes a run's temporary outputs when the run is interrupted by SIGINT, SIGTERM or SIGHUP, then lets the signal
/// end the process as it would have (same exit status).
///
/// A temporary path is registered while it exists; the signal handler and ``withLock(_:)`` share one lock, so a
/// handler never removes a folder in the middle of the exchange that puts it into place. SIGKILL cannot be caught:
/// what a killed run leaves is removed by the next run that writes to the same place (see ``OutputFolder``).
public final class TemporaryCleanup: @unchecked Sendable {
    /// The process's one registry.
    public static let shared = TemporaryCleanup()

    private let lock = NSLock()
    private var paths: Set<String> = []
    private var sources: [DispatchSourceSignal] = []

    private init() {}

    /// Removes `path` (a file or a folder) if the process is interrupted before ``unregister(_:)``.
    public func register(_ path: String) {
        withLock {
            if sources.isEmpty { installHandlers() }
            paths.insert(path)
        }
    }

    /// Forgets `path`.
    public func unregister(_ path: String) {
        withLock { _ = paths.remove(path) }
    }

    /// Runs `body` with no interruption cleanup running at the same time.
    public func withLock<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }

    private func installHandlers() {
        for signalNumber in [SIGINT, SIGTERM, SIGHUP] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler { [unowned self] in
                self.lock.lock()   // held until the process ends: no commit can start
                for path in self.paths { try? FileManager.default.removeItem(atPath: path) }
                // Dispatch blocks the signal in every thread; unblocked in this one, with the default action, the
                // signal raised here ends the process.
                var set = sigset_t()
                sigemptyset(&set)
                sigaddset(&set, signalNumber)
                signal(signalNumber, SIG_DFL)
                pthread_sigmask(SIG_UNBLOCK, &set, nil)
                raise(signalNumber)
            }
            source.resume()
            sources.append(source)
        }
    }
}
