import Dispatch
import Foundation

/// How Lumen splits large loops across cores.
///
/// The thread count is `LUMEN_NUM_THREADS` when set, else the number of active cores.
///
/// ### Example
/// ```swift
/// print("Lumen uses \(Parallel.threadCount) threads")
/// ```
public enum Parallel {
    /// Threads used for large element-wise, reduction, im2col and GEMM loops.
    public static let threadCount: Int = {
        if let text = ProcessInfo.processInfo.environment["LUMEN_NUM_THREADS"], let n = Int(text), n > 0 {
            return n
        }
        return max(1, ProcessInfo.processInfo.activeProcessorCount)
    }()

    /// Runs `body` over `0..<count` in contiguous chunks, one per thread, when the work is
    /// large enough to pay for the hand-off (`count * cost` above about 32k operations); `cost`
    /// is the work per element, in simple operations.
    ///
    /// ```swift
    /// Parallel.forEachChunk(values.count, cost: 4) { range in for i in range { out[i] = f(values[i]) } }
    /// ```
    public static func forEachChunk(_ count: Int, cost: Int = 1, _ body: (Range<Int>) -> Void) {
        let chunks = min(threadCount, max(1, count &* cost / 32_768), count)
        split(count, into: chunks) { _, range in body(range) }
    }

    /// Runs `body(chunk, range)` for `chunks` contiguous pieces of `0..<count` at once (on the
    /// calling thread when there is one piece).
    static func split(_ count: Int, into chunks: Int, _ body: (_ chunk: Int, _ range: Range<Int>) -> Void) {
        if chunks <= 1 {
            body(0, 0..<count)
            return
        }
        // Each chunk touches its own range; the caller waits for all of them.
        WorkerPool.shared.run(chunks: chunks) { chunk in
            body(chunk, (count &* chunk / chunks)..<(count &* (chunk &+ 1) / chunks))
        }
    }
}
