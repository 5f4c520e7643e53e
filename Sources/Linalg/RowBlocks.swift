import Dispatch
import Foundation

/// Row-block parallelism with results that do not depend on the number of threads.
///
/// A tall matrix is cut into chunks of ``RowBlocks/chunkRows`` rows, a number fixed by the row count alone. Each chunk
/// produces its own partial result and the partials are added in chunk order, so the floating-point result is the
/// same whether one thread or many did the work: the output is byte-identical whatever the thread count.
/// Threads take contiguous runs of chunks, so each BLAS call still sees long, cache-friendly blocks.
public enum RowBlocks {
    /// Rows per chunk.
    public static let chunkRows = 32_768

    /// The number of worker threads the numerical core uses (default: the active processor count). BLAS itself runs
    /// single-threaded inside each worker.
    nonisolated(unsafe) public static var threadCount: Int = {
        BLAS.setThreadCount(1)
        return max(1, ProcessInfo.processInfo.activeProcessorCount)
    }()

    /// The chunks of `0..<rows`.
    public static func chunks(rows: Int) -> [Range<Int>] {
        stride(from: 0, to: rows, by: chunkRows).map { $0..<min($0 + chunkRows, rows) }
    }

    /// Runs `body(chunkIndex, rows)` for every chunk, spread over `threadCount` threads (contiguous runs of chunks).
    public static func forEachChunk(rows: Int, _ body: @Sendable (Int, Range<Int>) -> Void) {
        forEach(chunks(rows: rows), body)
    }

    /// Runs `body(chunkIndex, rows)` for every one of `all`, spread over `threadCount` threads (contiguous runs of
    /// chunks): for chunkings of one's own, such as chunks that do not cross a stratum's boundary.
    public static func forEach(_ all: [Range<Int>], _ body: @Sendable (Int, Range<Int>) -> Void) {
        let threads = min(threadCount, all.count)
        if threads <= 1 {
            for (k, r) in all.enumerated() { body(k, r) }
            return
        }
        DispatchQueue.concurrentPerform(iterations: threads) { t in
            let lo = all.count * t / threads
            let hi = all.count * (t + 1) / threads
            for k in lo..<hi { body(k, all[k]) }
        }
    }

    /// Runs `body(t, range)` over `threads` contiguous parts of `0..<count` (used to split independent columns).
    public static func forEachPart(count: Int, _ body: @Sendable (Range<Int>) -> Void) {
        let threads = min(threadCount, max(count, 1))
        if threads <= 1 { body(0..<count); return }
        DispatchQueue.concurrentPerform(iterations: threads) { t in
            body((count * t / threads)..<(count * (t + 1) / threads))
        }
    }
}

/// A pointer that may cross into the worker closures of ``RowBlocks``. Workers write disjoint parts only.
public struct SharedPointer<T>: @unchecked Sendable {
    public let base: UnsafeMutablePointer<T>
    /// Wraps `base` for the worker closures.
    public init(_ base: UnsafeMutablePointer<T>) { self.base = base }
}

/// A read-only pointer for worker closures.
public struct SharedConstPointer<T>: @unchecked Sendable {
    public let base: UnsafePointer<T>
    /// Wraps `base` for the worker closures.
    public init(_ base: UnsafePointer<T>) { self.base = base }
}

